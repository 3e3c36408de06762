"""The one exception type that reaches a person: a Vietnamese message and its place."""

from __future__ import annotations


class EduDeskError(Exception):
    """An error a person can act on.

    ``message`` is Vietnamese (shown by the GUI and printed by the CLI); ``english``
    is its translation; ``place`` says where (file, row, field) when there is one.
    """

    def __init__(self, message: str, english: str = "", place: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.english = english or message
        self.place = place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message

    def text(self, language: str = "vi") -> str:
        body = self.english if language == "en" else self.message
        return f"{self.place}: {body}" if self.place else body


class PermissionDenied(EduDeskError):
    pass


class NotFound(EduDeskError):
    pass


class ValidationError(EduDeskError):
    pass


class DatabaseOpenError(EduDeskError):
    pass
