"""Text analysis shared by the index and query sides: text in, terms out — no storage, no HTTP."""
