"""The tantivy schema of the embedded index, derived from the field registry (`search.fields`).

Only built-in tokenizers are used, since custom analyzers are not saved with a tantivy index: `whitespace` for the
text fields, which hold analysed terms (English: `search.analysis.english.english_terms`; Chinese: jieba's), `raw`
for ids, keyword values and facet values.
"""

from __future__ import annotations

import hashlib

import tantivy

from search.fields import FIELDS, NODE_CONFIDENCE, NODE_PATH, FieldType, category_levels

TEXT_TOKENIZER = "whitespace"  # the text fields hold analysed terms, joined by spaces
CATEGORY_PATH = "category_path"  # a facet field: a term on a level matches everything below it
NODE_RECORD = "node_record"  # the stored `ProductNode`, as JSON
# Fields every document has besides the catalog's: when it was written, the unique write sequence (newest first,
# browse cursors), the content hash, the record as JSON and the vector.
SYSTEM_FIELDS = ("updated_at", "seq", "group_hash", "content_hash", "record", "vector")
GROUP_HASH = "group_hash"  # a 64-bit hash of the product's group: read for collapsing without the stored record


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for f in FIELDS:
        if f.search is not None:
            sb.add_text_field(f.text_field, tokenizer_name=TEXT_TOKENIZER)
        if f.type is FieldType.ID:
            sb.add_text_field(f.name, stored=True, tokenizer_name="raw", fast=True)
        elif f.type in (FieldType.KEYWORD, FieldType.CATEGORY, FieldType.AVAILABILITY):
            sb.add_text_field(f.name, tokenizer_name="raw", fast=True)  # as written, for facets
            if f.type is FieldType.KEYWORD:
                sb.add_text_field(f.key_field, tokenizer_name="raw")  # normalised, for filters and boosts
            if f.type is FieldType.CATEGORY:
                sb.add_facet_field(CATEGORY_PATH)
        elif f.type is FieldType.PRICE:
            sb.add_float_field(f.name, indexed=True, fast=True)
        elif f.type is FieldType.ATTRIBUTES:
            sb.add_text_field(f.name, tokenizer_name="raw")  # `attribute_term`s, for attribute filters
        elif f.type is FieldType.NODE:
            sb.add_text_field(f.name, tokenizer_name="raw")  # the node's id
            sb.add_text_field(NODE_PATH, tokenizer_name="raw")  # it and its ancestors: "of this type"
            sb.add_float_field(NODE_CONFIDENCE, indexed=True, fast=True)
            sb.add_text_field(NODE_RECORD, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("updated_at", indexed=True, fast=True)
    sb.add_integer_field("seq", indexed=True, fast=True)
    sb.add_integer_field(GROUP_HASH, fast=True)
    sb.add_text_field("content_hash", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("record", stored=True, tokenizer_name="raw", index_option="basic")  # the Product JSON
    sb.add_bytes_field("vector", stored=True)  # float32, little-endian
    return sb.build()


def group_hash(group: str) -> int:
    """`GROUP_HASH` of a group: the first 8 bytes of its BLAKE2b digest, as a signed 64-bit integer."""
    return int.from_bytes(hashlib.blake2b(group.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def category_facet(category: str) -> tantivy.Facet:
    """`Electronics > Audio` → the facet `/electronics/audio` (a `\\`, the facet syntax's escape, stays a literal
    character: `\\` alone must not turn into the root, every product)."""
    levels = [level.replace("\\", "\\\\") for level in category_levels(category)]
    return tantivy.Facet.from_string("/" + "/".join(levels))


def text_analyzer() -> tantivy.TextAnalyzer:
    """The token pipeline of the text fields (tantivy's built-in `whitespace`), to report how this index analyses
    text."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.remove_long(40)).build()
