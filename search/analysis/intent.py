"""Shopper intents read from the query text: price limits (`500元以下`, `100美元以内`, `200-300元`)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUM = r"(\d+(?:\.\d+)?)"
_CNY = r"(?:元|块钱|块|rmb|人民币)"
_USD = r"(?:美元|美金|刀|usd|\$)"
_CUR = rf"(?P<cur>{_CNY}|{_USD})"
_BELOW = r"(?:以下|以内|之内|内|左右以下|下)"
_ABOVE = r"(?:以上|起)"

_PATTERNS = [
    ("range", re.compile(rf"{_NUM}\s*(?:-|~|到|至)\s*{_NUM}\s*{_CUR}")),
    ("max", re.compile(rf"(?:不超过|低于|少于|小于){_NUM}\s*{_CUR}")),
    ("max", re.compile(rf"{_NUM}\s*{_CUR}\s*{_BELOW}")),
    ("min", re.compile(rf"(?:高于|超过|大于){_NUM}\s*{_CUR}")),
    ("min", re.compile(rf"{_NUM}\s*{_CUR}\s*{_ABOVE}")),
]


@dataclass(frozen=True)
class PriceIntent:
    """A price limit from the query, in the currency the shopper wrote it (converted by `search.currency`)."""

    text: str
    currency: str  # "CNY" or "USD"
    min_amount: float | None
    max_amount: float | None


def extract_price(text: str) -> tuple[PriceIntent | None, str]:
    """The first price intent in normalised query text, and the text with that phrase removed."""
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        currency = "USD" if re.fullmatch(_USD, match["cur"]) else "CNY"
        numbers = [float(g) for g in match.groups()[: 2 if kind == "range" else 1]]
        if not all(math.isfinite(n) for n in numbers):  # 400 digits overflow to inf: no price, just digits
            continue
        low, high = {
            "range": (min(numbers), max(numbers)),
            "max": (None, numbers[0]),
            "min": (numbers[0], None),
        }[kind]
        rest = (text[: match.start()] + " " + text[match.end() :]).strip()
        return PriceIntent(match.group(0), currency, low, high), rest
    return None, text
