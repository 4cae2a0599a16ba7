"""The resident's rating of a service, on the counter's customer-facing screen."""
