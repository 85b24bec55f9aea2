"""Numbers with units: `500毫升` → `500ml`, `27寸` → `27inch`, `2斤` → `1kg`, `128g` (storage) → `128gb`,
each with the renderings US listings use (`500 ml`, `17 oz`; `27 inch`; `2.2 lb`)."""

from __future__ import annotations

import re

# The canonical Latin unit → the Chinese words for it.
_CHINESE_UNITS: dict[str, tuple[str, ...]] = {
    "ml": ("毫升",),
    "l": ("升",),
    "inch": ("英寸", "寸"),
    "kg": ("公斤", "千克", "斤"),
    "g": ("克",),
    "lb": ("磅",),
    "oz": ("盎司",),
    "mah": ("毫安时", "毫安"),
    "cm": ("厘米",),
    "mm": ("毫米",),
    "m": ("米",),
    "w": ("瓦",),
}
_CHINESE_SCALE = {"斤": 0.5}  # 1 斤 = 500 g; every other word's number is the unit's as written
_CHINESE_MAP = {word: unit for unit, words in _CHINESE_UNITS.items() for word in words}
# The longest word first, so that 毫安时 is read whole, not as 毫安 and a stray 时.
_CHINESE_WORDS = sorted(_CHINESE_MAP, key=len, reverse=True)
_CHINESE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, _CHINESE_WORDS)) + r")")
# A number and a Latin unit, written together or apart: 500ml, 500 ml, 27", 128g, 20000mah.
_LATIN_RE = re.compile(
    r"(?<![0-9a-z.])(\d+(?:\.\d+)?)\s?(ml|l|oz|fl oz|inch|\"|kg|g|lb|lbs|mah|gb|tb|mm|cm|m|w)(?![0-9a-z-])"
)
_TOKEN_RE = re.compile(r"^(\d+(?:\.\d+)?)(ml|l|oz|inch|kg|g|lb|mah|gb|tb|mm|cm|m|w)$")
_STORAGE_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048}
_ALIASES = {'"': "inch", "lbs": "lb", "fl oz": "oz"}
ML_PER_OZ = 29.5735
G_PER_LB = 453.592


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def normalize_units(text: str) -> str:
    """Rewrite number + unit phrases of normalised text as single canonical tokens (`500ml`, `27inch`)."""

    def chinese(match: re.Match[str]) -> str:
        word = match.group(2)
        return f" {_number(float(match.group(1)) * _CHINESE_SCALE.get(word, 1))}{_CHINESE_MAP[word]} "

    def latin(match: re.Match[str]) -> str:
        unit = _ALIASES.get(match.group(2), match.group(2))
        number = float(match.group(1))
        if unit == "g" and number in _STORAGE_SIZES and number >= 8:
            unit = "gb"  # 128g: shoppers mean storage, not grams
        return f" {_number(number)}{unit} "

    return re.sub(r"\s+", " ", _LATIN_RE.sub(latin, _CHINESE_RE.sub(chinese, text))).strip()


def unit_renderings(token: str) -> list[tuple[str, float]]:
    """A canonical unit token → English renderings as listings write them, best first; [] if not a unit."""
    match = _TOKEN_RE.match(token)
    if not match:
        return []
    number, unit = float(match.group(1)), match.group(2)
    n = _number(number)
    out = [(f"{n}{unit}", 1.0), (f"{n} {unit}", 1.0)]
    if unit == "ml":
        out.append((f"{_number(round(number / ML_PER_OZ))} oz", 0.7))
    elif unit == "l":
        out.append((f"{_number(round(number * 1000 / ML_PER_OZ))} oz", 0.6))
    elif unit == "kg":
        out.append((f"{_number(round(number * 1000 / G_PER_LB, 1))} lb", 0.7))
    elif unit == "g" and number >= 100:
        out.append((f"{_number(round(number / 28.3495, 1))} oz", 0.6))
    elif unit == "inch":
        out[1:] = [(f"{n} in", 0.9), (f"{n} inch", 1.0)]
    return out
