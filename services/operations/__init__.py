"""Keeping an office's data alive: backups, the whole-office archive, restore and ``check``.

- ``backup``: SQLite's online backup, rotation, verified restore, the daily backup.
- ``archive``: one zip holding the database, the evidence files and the key.
- ``integrity``: ``main.py check`` (pages, foreign keys, attachments, orphans).
"""
