"""Accounts and offices: who works here, in which office, in which unit, with which rights.

- ``office``: creating an office database, its identity and settings.
- ``orgunits``, ``unit_import``: the unit tree (province → district → schools) and a
  district's schools from an Excel list.
- ``users``: local accounts, argon2 passwords, login with lock-out.
- ``permissions``: roles × actions, checked by every service function.
- ``audit``: reading the audit log.
"""
