"""The ground every capability stands on: the unit of work, changes, clocks, rules and text.

- ``uow``, ``changes``: one use case, one transaction, audited and stamped; what it changed.
- ``hlc``: the revision stamp every synchronised row carries.
- ``ownership``, ``limits``: who may write which field in which state, and the value limits,
  the same for data entry and for sync import.
- ``paging``, ``describe``, ``exports``: lazy paged queries, rows in a person's words, any
  table as .xlsx.
- ``vietnamese``: diacritic folding, collation, numbers and the two date forms.
- ``attachments``: content-addressed files (evidence, source documents).
- ``applog``, ``resources``, ``about``, ``callbacks``, ``xlsx_safety``: logs, shipped files,
  the version, progress reports and checks on Office packages before parsing them.
"""
