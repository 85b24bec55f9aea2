"""Health probes: /healthz (the process is alive), /readyz (index open, model loaded, search server reachable).

Neither needs a key nor counts against the rate limit."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from search.api.schemas import Health, Readiness
from search.backends.base import BackendUnavailable

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    summary="Liveness",
    description="Answers 200 while the process runs, whatever the index; for a liveness probe.",
)
def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={
        503: {
            "model": Readiness,
            "description": "Not ready: the index is missing or being opened, the search server is unreachable, the "
            "index cannot be written (a commit failed; admin writes are refused until it can), or the model could "
            "not be loaded (then `degraded` is true while searches are answered keyword-only).",
            "content": {"application/json": {"example": {"ready": False, "message": "starting"}}},
        }
    },
    summary="Readiness",
    description="200 once the index is open, the model loaded and the search server (OpenSearch) reachable; "
    "for a readiness probe or a load balancer.",
)
def readyz(request: Request) -> Readiness | JSONResponse:
    service = request.app.state.service
    if service is None:
        body = Readiness(ready=False, message=request.app.state.startup_error or "starting")
        return JSONResponse(status_code=503, content=body.model_dump())
    try:
        service.backend.check()
        stats = service.backend.stats()
    except BackendUnavailable as exc:
        body = Readiness(ready=False, message=str(exc))
        return JSONResponse(status_code=503, content=body.model_dump())
    problem = service.backend.write_problem()
    if problem:  # a commit failed and the index cannot be written yet: admin writes are refused (503)
        body = Readiness(ready=False, products=stats.count, model=stats.model, message=problem)
        return JSONResponse(status_code=503, content=body.model_dump())
    if service.degraded:  # searches are answered, keyword-only: not ready for full service, and saying why
        body = Readiness(ready=False, degraded=True, products=stats.count, model=stats.model, message=service.degraded)
        return JSONResponse(status_code=503, content=body.model_dump())
    return Readiness(ready=True, products=stats.count, model=stats.model)
