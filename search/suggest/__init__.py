"""Autocomplete (`GET /v1/suggest`): Chinese prefixes, full pinyin, pinyin initials and English prefixes, completed
from the glossary terms the catalog can answer, its brands, product lines and Chinese titles.

keys.py (normalised keys, pinyin) → scan.py (one pass over the catalog) → vocabulary.py (weighted candidates) →
index.py (sorted keys, prefix lookup) → suggester.py (built from a backend, rebuilt when the index changes).
Backend-neutral: everything comes from `SearchBackend.iter_products` and `SearchBackend.generation`.
"""
