"""Name and version of the application (kept equal to pyproject.toml by a test)."""

APP_NAME = "EduDesk"
VERSION = "0.1.0"
