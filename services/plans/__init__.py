"""Plans and tasks: documents (văn bản chỉ đạo), their outline, tasks, assignments and progress.

- ``documents``: a document and its outline, entered by hand or saved from a reviewed import.
- ``tasks``: tasks of a document, with their deadlines and recurrence.
- ``assignments``: giving tasks to units (lead or support), one by one or in bulk.
- ``progress``: status, percent, note and evidence files on an assignment.
- ``views``: what the Kế hoạch & nhiệm vụ page reads (paged queries, the matrix).

Reading a plan file into its structure is ``services.plan_import``.
"""
