"""The document model as plain JSON-able values (for ``govkg parse --json`` and the API).

Examples
--------
>>> from govkg.loaders.model import PartialDate
>>> to_plain(PartialDate(2026, 6))
{'year': 2026, 'month': 6, 'day': None, 'iso': '2026-06'}
"""

from __future__ import annotations

import dataclasses
from typing import Any

from govkg.loaders.model import Document, PartialDate, SourceText

__all__ = ["document_to_dict", "to_plain"]


def to_plain(value: Any) -> Any:
    """Dataclasses → dicts (recursively); partial dates carry their ISO form too."""
    if isinstance(value, PartialDate):
        return {"year": value.year, "month": value.month, "day": value.day, "iso": value.iso}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


def document_to_dict(doc: Document) -> dict:
    """The parse tree with source metadata (the text itself and the offset map left out)."""
    src: SourceText = doc.source
    return {
        "path": src.path,
        "encoding": src.encoding,
        "sha256": src.sha256,
        "mediaType": src.media_type,
        "length": len(src.text),
        "parts": [to_plain(p) for p in doc.parts],
    }
