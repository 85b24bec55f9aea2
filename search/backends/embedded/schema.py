"""The tantivy schema of the embedded index, in one place, and the analyzer that mirrors `en_stem` for queries.

Only built-in tokenizers are used, since custom analyzers are not saved with a tantivy index:
`en_stem` for English fields, `whitespace` for Chinese fields (pre-segmented by jieba, lowercased by us),
`raw` for ids and facet values.
"""

from __future__ import annotations

import tantivy

from search.backends.fields import CHINESE_FIELDS, ENGLISH_FIELDS

SCHEMA_VERSION = 2  # 2: attributes and seq (newest-first order and browse cursors)

FACET_FIELDS = {"brand": "brand", "category": "category", "availability": "availability"}


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    for name in ENGLISH_FIELDS:
        sb.add_text_field(name, tokenizer_name="en_stem")
    for name in CHINESE_FIELDS:
        sb.add_text_field(name, tokenizer_name="whitespace")
    sb.add_text_field("brand", tokenizer_name="raw", fast=True)  # as written, for facets
    sb.add_text_field("brand_key", tokenizer_name="raw")  # search.analysis.english.brand_key, for filters
    sb.add_text_field("category", tokenizer_name="raw", fast=True)
    sb.add_facet_field("category_path")  # case-folded levels; a term on a level matches everything below
    sb.add_text_field("availability", tokenizer_name="raw", fast=True)
    sb.add_float_field("price", indexed=True, fast=True)
    sb.add_text_field("attributes", tokenizer_name="raw")  # `attribute_term`s, for attribute filters
    sb.add_integer_field("updated_at", indexed=True, fast=True)
    sb.add_integer_field("seq", indexed=True, fast=True)  # unique, increasing with each write: newest first
    sb.add_text_field("content_hash", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("record", stored=True, tokenizer_name="raw", index_option="basic")  # the Product JSON
    sb.add_bytes_field("vector", stored=True)  # float32, little-endian
    return sb.build()


def category_facet(category: str) -> tantivy.Facet:
    """`Electronics > Audio` → the facet `/electronics/audio` (a `/` inside a level becomes a space, and a `\\`, the
    facet syntax's escape, stays a literal character: `\\` alone must not turn into the root, every product)."""
    levels = [level.strip().casefold().replace("/", " ").replace("\\", "\\\\") for level in category.split(">")]
    return tantivy.Facet.from_string("/" + "/".join(level for level in levels if level))
