"""Helpers shared by the tests: artefacts under the test's temporary directory, the
reference platform on loopback, stand-ins built on the real interfaces."""
