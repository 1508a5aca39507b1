"""The rule catalogue: one module per rule, found by ``handbook.rules.registry``.

Adding a rule: write its module here (see handbook/rules.py for what it
declares) and add fixtures under tests/rules/<CODE>/. Nothing else lists it.
"""
