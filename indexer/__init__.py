"""The `haitao` indexer: catalog feeds in, a search index out."""
