"""``GET /healthz`` (the process is up) and ``GET /readyz`` (the store answers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from govkg.api.deps import RuntimeDep
from govkg.api.problems import problem_response
from govkg.errors import GovkgError

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The store is reachable", responses={503: {"description": "Store unreachable"}})
def readyz(request: Request, runtime: RuntimeDep) -> Response:
    try:
        runtime.store().query("RETURN 1 AS ok", limit=1, timeout=runtime.settings.query_timeout_s)
    except GovkgError as err:
        return problem_response(503, f"store not reachable: {err}", instance=request.url.path)
    return JSONResponse({"status": "ready", "backend": runtime.backend, "uploads": runtime.uploads_enabled})
