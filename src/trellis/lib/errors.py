"""Errors for user-supplied files: every problem names the file, line, column and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportIssue:
    """One problem in a user's file. `line` is 1-based and counts the header as line 1."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """Raised when a file cannot be imported; nothing from the file has been written."""

    def __init__(self, issues: Iterable[ImportIssue]) -> None:
        self.issues = list(issues)
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        shown = [str(issue) for issue in self.issues[:limit]]
        more = len(self.issues) - len(shown)
        if more > 0:
            shown.append(f"… and {more} more problem(s)")
        return "\n".join(shown)
