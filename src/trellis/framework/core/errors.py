"""Validation errors for framework files: each names the file, the item and what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FrameworkIssue:
    """One problem in a framework file.

    `item` is the stable ID of the offending entry when it has one
    (``trust.psychological-safety``), otherwise a readable path into the file
    (``conditions[2].elements[1]``); `path` is always the path.
    """

    file: str
    item: str
    path: str
    problem: str
    line: int | None = None  # 1-based line in the file, when the issue came from a file on disk

    def __str__(self) -> str:
        where = self.item if self.item == self.path or not self.path else f"{self.item} ({self.path})"
        file = f"{self.file}, line {self.line}" if self.line is not None else self.file
        return f"{file}: {where}: {self.problem}"


class FrameworkInvalidError(Exception):
    """Raised when a framework file does not load; nothing from it is registered."""

    def __init__(self, issues: Iterable[FrameworkIssue]) -> None:
        self.issues = list(issues)
        super().__init__(self.summary())

    def summary(self, limit: int = 25) -> str:
        shown = [str(issue) for issue in self.issues[:limit]]
        more = len(self.issues) - len(shown)
        if more > 0:
            shown.append(f"… and {more} more problem(s)")
        return "\n".join(shown)


class FrameworkNotFoundError(LookupError):
    """An unknown framework slug, version or ID."""
