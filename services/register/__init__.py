"""The document register (Nghị định 30/2020 chapter III): the books of incoming and outgoing
documents, handling slips, and printouts numbered when they are issued.

- ``incoming``: arrivals numbered from 01 each calendar year; a registered file prefills from
  the plan importer and is kept by SHA-256; documents sent down by the parent register on import.
- ``handling``: the head's handling slips, the staff's work and the overdue count.
- ``outgoing``: numbers per office and year in one sequence (reserve, skip, issue a report).
- ``numbers``: the counter every number comes from, safe under concurrent clerks.
- ``books``: the registers as ND30 books (PDF, Word, Excel) and the printed slip.
"""
