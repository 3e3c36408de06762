"""``main.py bench``: every benchmark, each a ratio to the raw library doing the same work.

``suite`` runs them (interleaved, repeated, median and spread); ``tasks``, ``sync``,
``printing`` and ``reporting`` measure one capability each. Benchmarks are never timed
assertions in the test suite: ``tests/bench`` only checks that they run and say the truth.
"""
