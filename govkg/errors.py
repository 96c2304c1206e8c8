"""The one exception hierarchy of govkg.

Every error names the file or query it concerns and the reason, so that a
command-line user, an API client and a notebook all see the same message.

Examples
--------
>>> err = ParseError("no article (Điều) found", path="x.txt")
>>> str(err)
'x.txt: no article (Điều) found'
>>> isinstance(err, GovkgError)
True
"""

from __future__ import annotations

__all__ = [
    "Ambiguous",
    "ConfigError",
    "ExtractError",
    "GovkgError",
    "NotFound",
    "ParseError",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "StoreError",
    "ValidationError",
]


class GovkgError(Exception):
    """Base class: ``subject`` is the file, query or entity the error is about."""

    def __init__(self, reason: str, *, path: str | None = None, subject: str | None = None):
        self.reason = reason
        self.subject = path or subject
        super().__init__(f"{self.subject}: {reason}" if self.subject else reason)


class ParseError(GovkgError):
    """A file could not be read or is not a charter."""


class ExtractError(ParseError):
    """Facts could not be extracted from a parsed charter (a kind of unreadable charter)."""


class ValidationError(GovkgError):
    """The facts violate a structural SHACL shape; nothing was written."""

    def __init__(self, reason: str, *, path: str | None = None, report: str = ""):
        super().__init__(reason, path=path)
        self.report = report


class StoreError(GovkgError):
    """The store could not be opened, written or read."""


class QueryRefused(GovkgError):
    """A query was refused: it writes, calls a procedure, or breaks the allow-list."""


class QueryTimeout(GovkgError):
    """A read query ran past its time limit."""


class QueryTooLarge(QueryRefused):
    """An ad-hoc query needed more memory than a query may use (its worker was stopped)."""


class NotFound(GovkgError):
    """No entity matches the given id or name."""


class Ambiguous(GovkgError):
    """A name matches more than one entity; ``candidates`` lists them."""

    def __init__(self, reason: str, *, subject: str | None = None, candidates: list[dict] | None = None):
        super().__init__(reason, subject=subject)
        self.candidates = candidates or []


class ConfigError(GovkgError):
    """The configuration (environment or file) is invalid."""
