"""Input limits of the public API, in one place.

A request past one of them gets 422 naming the parameter (413 for a body, 429 for the rate). What the server
operator may want to tune is a setting (`HAITAO_MAX_PAGE_SIZE`, `HAITAO_ADMIN_MAX_BATCH`, `HAITAO_MAX_BODY_BYTES`,
the rate limit); the rest are fixed bounds no shopper's request comes near, here so that every route enforces the
same ones.
"""

from __future__ import annotations

from search.catalog import MAX_ID_LENGTH

MAX_QUERY_LENGTH = 200
"""Characters of a query (`q`) or a suggest prefix."""

MAX_PAGE = 1000
"""Highest 1-based `page`."""

MAX_RESULT_WINDOW = 10_000
"""How deep `page` reaches: (page - 1) × size + size at most; deeper, browsing pages by `cursor`."""

MAX_PRICE_FILTER = 1_000_000_000
"""Highest `price_min` / `price_max`, in either currency (the catalog's prices stop at 10 million USD)."""

MAX_FILTER_VALUES = 20
"""Values of one repeatable filter (`brand=...&brand=...`)."""

MAX_FILTER_VALUE_LENGTH = 200
"""Characters of one filter value (a brand, a category path, an attribute value)."""

MAX_ATTRIBUTE_FILTERS = 20
"""Attribute filters (`attr`) in one search."""

MAX_FACETS = 20
"""Facet names in one `facets` list (the registry has 13 with the sellers and the variant attributes: a storefront
asks for all of them)."""

MAX_FIELDS = 20
"""Names in one `fields` list."""

MAX_CURSOR_LENGTH = 1024
"""Characters of an opaque paging cursor."""

MAX_PRODUCT_ID_LENGTH = MAX_ID_LENGTH
"""Characters of a product id in a path: no longer than the catalog accepts."""

MAX_SEARCH_BODY_BYTES = 64 * 1024
"""Largest body of a request (POST /v1/search) but POST /v1/admin/products, which takes HAITAO_MAX_BODY_BYTES
(`search/api/gate.py` enforces both, while the body streams)."""
