"""Subcommands of `haitao` that live in their own modules (registered by `indexer.cli`)."""
