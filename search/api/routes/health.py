"""Health probes: /healthz (the process is alive), /readyz (index open and model loaded)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from search.api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness")
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}}, summary="Readiness")
def readyz(request: Request) -> Readiness | JSONResponse:
    service = request.app.state.service
    if service is None:
        body = Readiness(ready=False, message=request.app.state.startup_error or "starting")
        return JSONResponse(status_code=503, content=body.model_dump())
    stats = service.backend.stats()
    return Readiness(ready=True, products=stats.count, model=stats.model)
