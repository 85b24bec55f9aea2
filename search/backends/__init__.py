"""Storage backends behind one interface (`SearchBackend`), chosen by `factory.open_backend`."""
