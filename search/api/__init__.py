"""The HTTP API (FastAPI): versioned routes under /v1, health probes, JSON errors."""
