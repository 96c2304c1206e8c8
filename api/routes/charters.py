"""``GET /charters``, ``GET /charters/{id}``, ``GET /charters/{id}/text`` (the source text every quote is a
span of), and ``POST /charters``: upload charters to load (needs the API token).

An upload is multipart, one or more files, each loaded in its own transaction through
:func:`govkg.pipeline.load_bytes` (the same parse → extract → validate → load as
``govkg load``). Uploaded names are never paths (:func:`safe_upload_name`).

Examples
--------
>>> safe_upload_name("../../etc/passwd", 0), safe_upload_name("C:\\\\x\\\\Quy chế.DOCX", 1)
('upload-0-passwd.txt', 'upload-1-Quy_ch.docx')
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.api.deps import RuntimeDep, SettingsDep, StoreDep, UploadAllowed
from govkg.api.problems import problem_response
from govkg.graph.read_models import charter_text, charter_view
from govkg.pipeline import CHARTER_SUFFIXES, load_bytes

__all__ = ["MAX_UPLOAD_FILES", "router", "safe_upload_name"]

MAX_UPLOAD_FILES = 20
_SAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")

router = APIRouter()


@router.get("/charters", tags=["resources"], summary="The loaded charters")
def list_charters(store: StoreDep) -> list[dict[str, Any]]:
    return store.charters()


@router.get(
    "/charters/{charter_id:path}/text",
    tags=["resources"],
    summary="A charter's source text as decoded: every quote is a span of it (quoteStart, quoteEnd)",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {}}}, 404: {"description": "Not found"}},
)
def get_charter_text(charter_id: str, store: StoreDep) -> PlainTextResponse:
    return PlainTextResponse(charter_text(store, charter_id)[1])


@router.get(
    "/charters/{charter_id:path}",
    tags=["resources"],
    summary="One charter: metadata, provisions, facts",
    responses={404: {"description": "Not found"}},
)
def get_charter(charter_id: str, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    return charter_view(store, charter_id, limit=settings.row_cap)


def safe_upload_name(filename: str | None, index: int) -> str:
    """A name for an uploaded file that is never a path: ``upload-<i>-<cleaned stem><suffix>``.

    Only the last component of the client's name is kept, reduced to ``[A-Za-z0-9._-]``;
    the suffix (which picks the reader) must be a charter suffix, else ``.txt``.
    """
    raw = (filename or "").replace("\\", "/")
    base = PurePosixPath(raw).name if raw else ""
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}"
    if suffix not in CHARTER_SUFFIXES:
        stem, suffix = base, ".txt"
    stem = _SAFE_CHARS.sub("_", stem).strip("._")[:60] or "file"
    return f"upload-{index}-{stem}{suffix}"


_UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                    "required": ["files"],
                }
            }
        },
    }
}


@router.post(
    "/charters",
    tags=["writes"],
    summary="Upload and load charters (needs the API token)",
    openapi_extra=_UPLOAD_SCHEMA,
    dependencies=[UploadAllowed],  # the token is checked before a byte of the body is read
    responses={
        401: {"description": "Missing or wrong token"},
        403: {"description": "Uploads are disabled (no token configured)"},
        413: {"description": "Too large"},
        422: {"description": "No file could be loaded"},
    },
)
async def upload(
    request: Request,
    runtime: RuntimeDep,
    validate: Annotated[bool, Query(description="SHACL-validate before loading (like `govkg load`)")] = True,
) -> Response:
    settings = runtime.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "multipart/form-data":
        return problem_response(415, "send multipart/form-data with one or more files", instance=request.url.path)
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES)
    except StarletteHTTPException:
        raise
    except Exception as err:
        return problem_response(400, f"cannot read the form: {err}", instance=request.url.path)
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not uploads:
        await form.close()
        return problem_response(400, "no file in the form", instance=request.url.path)
    try:
        blobs = []
        for i, item in enumerate(uploads):
            data = await item.read(settings.max_upload_bytes + 1)
            if len(data) > settings.max_upload_bytes:
                return problem_response(
                    413, f"file {i} is over the limit of {settings.max_upload_bytes} bytes", instance=request.url.path
                )
            blobs.append((safe_upload_name(item.filename, i), data))
    finally:
        await form.close()

    def load_all() -> list[dict[str, Any]]:
        outcomes = load_bytes(runtime.store(), blobs, validate=validate, max_bytes=settings.max_upload_bytes)
        return [asdict(o) for o in outcomes]

    outcomes = await run_in_threadpool(load_all)
    if any(o["status"] == "loaded" for o in outcomes):
        runtime.graph_changed()
    if all(o["status"] == "failed" for o in outcomes):
        return problem_response(422, "no file could be loaded", instance=request.url.path, outcomes=outcomes)
    return JSONResponse({"outcomes": outcomes})
