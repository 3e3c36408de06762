"""The demo district (``main.py demo``): a Củ Chi-like district office filled with plausible data.

``district.build_demo`` creates the office, its schools and accounts, then calls the parts:
``tasks`` (assignments, recurring work, progress with evidence), ``reporting`` (templates,
rounds and reports), ``sync`` (keys and peers) and ``register`` (a year of documents).
"""
