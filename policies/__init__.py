"""The shipped policy set (data; every *.yaml file here is a policy file)."""
