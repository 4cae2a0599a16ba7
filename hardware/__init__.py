"""Device drivers behind small interfaces, their simulators, and discovery.

Plain Python: nothing here imports Qt, the sync core or an app.
"""
