"""Dialogs shared by the pages."""
