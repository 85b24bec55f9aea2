"""The OpenSearch backend: the same `SearchBackend` interface on an OpenSearch 3.x cluster."""
