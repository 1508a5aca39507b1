"""The JSON Schemas of the policy files (data; loaded with importlib.resources)."""
