"""Merchandising at run time: synonyms (`synonyms.py`) and rules (`rules.py`), kept in the data directory
(`documents.py`) and applied to the next search without a restart."""
