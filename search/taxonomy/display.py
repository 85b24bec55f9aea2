"""Chinese display fields: a Chinese title and category path for every product, Chinese labels for facet values.

`display_zh(product, node)` → `{"title", "category", "source"}`: the seller's Chinese title when there is one
(`source: "seller"`), else one composed from what we know (`source: "generated"`, so a storefront can say so):

    brand (its Chinese name from the glossary, else as written) · model (`WH-1000XM5`) · audience (男款/女款/儿童)
    · the node's Chinese name · specs in Chinese units: strength 1000毫克, stage 1段, colour 黑色, size 10码,
    capacity 500毫升, weight 6.8公斤, count 60粒, pieces 1000片, pack 4件装

`category` is the node's path in Chinese. Facet values get labels: a seller's category path level by level
(`Electronics > Audio > Headphones` → `数码电子 > 影音 > 耳机`), availability (`in_stock` → `有货`), brands and
colours from the glossary.
"""

from __future__ import annotations

import re

from search.analysis.english import brand_key
from search.analysis.glossary import Glossary
from search.catalog import Product
from search.taxonomy.assign import NodeAssigner
from search.taxonomy.tree import PATH_SEPARATOR, Taxonomy

AVAILABILITY_ZH = {"in_stock": "有货", "out_of_stock": "缺货", "preorder": "预售", "backorder": "预订补货"}
AUDIENCE_ZH = {"male": "男款", "men": "男款", "female": "女款", "women": "女款", "kids": "儿童", "unisex": "男女同款"}
ML_PER = {"oz": 29.5735, "fl oz": 29.5735, "qt": 946.353, "l": 1000.0, "ml": 1.0}
KG_PER = {"lb": 0.453592, "lbs": 0.453592, "kg": 1.0, "g": 0.001, "oz": 0.0283495}
_AMOUNT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*-?\s*([a-zA-Z ]*?)\s*$")
_MODEL_RE = re.compile(r"^(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_UNIT_RE = re.compile(
    r"^\d+(?:\.\d+)?(?:ml|l|oz|mg|mcg|g|kg|lb|lbs|gb|tb|mb|mah|w|v|in|inch|ft|cm|mm|m|ct|count|pk|pack|pc|pcs|"
    r"qt|x|s|nd|rd|th|st|k|p|hz)$",
    re.IGNORECASE,
)
# What a count is counted in: by a word of the title (`Softgels`, `Packets`), else by the product's node.
COUNT_UNIT_BY_NODE = {"bt-9-12": "片", "bt-9-2": "抽", "hs-k-cups": "颗", "hb-1-9": "粒", "bt-9": "片"}
COUNT_UNIT_BY_WORD = {
    "softgel": "粒", "capsule": "粒", "tablet": "粒", "gummies": "粒", "gummy": "粒", "caplet": "粒", "chewable": "粒",
    "wipes": "抽", "diapers": "片", "pads": "片", "sheets": "片", "pods": "颗", "bags": "个", "bars": "根",
    "packets": "包", "packs": "包", "sachets": "袋", "sticks": "条",
}  # fmt: skip
SOLD_BY_WEIGHT = frozenset({"bt-10-1", "hb-1-9", "ap-2-2-1", "ap-2-3-3", "ap-2-2-6", "ap-2-3-9", "ap-2-2-4"})
HOLDS_LIQUID = frozenset({"hg-11-10-5", "hg-11-3", "bt-10-3", "bt-10-15", "hs-food-jars", "sg-4-11"})
SIZE_UNIT_BY_NODE = {"aa-8": "码", "aa-1": "码", "bt-9-12": "号"}


class ChineseDisplay:
    def __init__(self, taxonomy: Taxonomy, glossary: Glossary, assigner: NodeAssigner | None = None) -> None:
        self.taxonomy = taxonomy
        self.assigner = assigner or NodeAssigner(taxonomy)
        self._labels: dict[str, str] = {}  # category path → its Chinese label
        self.brands: dict[str, str] = {}
        self.colours: dict[str, str] = {}
        for term in glossary.terms():
            for entry in glossary.get(term):
                if entry.kind == "brand" and entry.weight >= 1.0:
                    self.brands.setdefault(brand_key(entry.en), term)
                elif entry.kind == "color" and entry.weight >= 0.9 and _better_colour(term, self.colours.get(entry.en)):
                    self.colours[entry.en] = term

    # -- hits -----------------------------------------------------------------------------------------------

    def display_zh(self, product: Product, node: str | None) -> dict[str, str]:
        """The product's Chinese title (the seller's, else generated), its node's Chinese path and the source."""
        node = node if node in self.taxonomy else None
        category = self.taxonomy.path_zh(node) if node else ""
        if product.title_zh.strip():
            return {"title": product.title_zh, "category": category, "source": "seller"}
        return {"title": self.title(product, node), "category": category, "source": "generated"}

    def title(self, product: Product, node: str | None) -> str:
        parts = [self.brand(product.brand)] if product.brand.strip() else []
        model = self._model(product)
        if model and model.casefold() not in {v.casefold().strip() for v in product.attributes.values()}:
            parts.append(model)
        attributes = {k.casefold(): v for k, v in product.attributes.items()}
        audience = AUDIENCE_ZH.get(attributes.get("gender", "").casefold())
        if audience:
            parts.append(audience)
        if node:
            parts.append(self.taxonomy.nodes[node].zh.split("/")[0])
        parts += self._specs(attributes, product, node)
        return " ".join(p for p in parts if p) or product.title

    def brand(self, brand: str) -> str:
        return self.brands.get(brand_key(brand), brand.strip())

    def colour(self, value: str) -> str | None:
        """`Black` → 黑色, `Matte Black` → 黑色, `Black/White` → 黑色/白色; None when no word is known."""
        parts = [p.strip() for p in re.split(r"\s*/\s*", value) if p.strip()]
        out = []
        for part in parts:
            words = part.casefold().split()
            found = self.colours.get(" ".join(words)) or next(
                (self.colours[w] for w in reversed(words) if w in self.colours), None
            )
            if found is None:
                return None
            out.append(found)
        return "/".join(dict.fromkeys(out)) or None

    # -- facets ---------------------------------------------------------------------------------------------

    def category_label(self, path: str) -> str:
        """A seller's category path in Chinese, level by level (a level with no node keeps its English)."""
        label = self._labels.get(path)
        if label is None:
            out = []
            for level, node in self.assigner.levels(path):
                out.append(self.taxonomy.nodes[node].zh.split("/")[0] if node else level)
            label = self._labels[path] = PATH_SEPARATOR.join(out)
        return label

    def facet_labels(self, facet: str, values: list[str]) -> dict[str, str]:
        """Chinese labels of a facet's values (values without one are left out)."""
        out: dict[str, str] = {}
        for value in values:
            label: str | None = None
            if facet == "category":
                label = self.category_label(value)
            elif facet == "availability":
                label = AVAILABILITY_ZH.get(value)
            elif facet == "brand":
                label = self.brands.get(brand_key(value))
            elif facet in ("color", "colour"):
                label = self.colour(value)
            else:  # a product type named as a value (a seller's specialty: `headphones` → 耳机)
                label = self.type_label(value)
            if label and label != value:
                out[value] = label
        return out

    def type_label(self, text: str) -> str | None:
        """The Chinese name of the product type a text names exactly (`Headphones` → 耳机), or None."""
        node = self.assigner.terms.exact(text)
        return self.taxonomy.nodes[node].zh.split("/")[0] if node else None

    # -- parts ----------------------------------------------------------------------------------------------

    def _model(self, product: Product) -> str | None:
        """A model name from the title (`WH-1000XM5`, `P3`, `S24`): letters and digits, not a quantity."""
        title = product.title
        if product.brand:
            title = re.sub(re.escape(product.brand), " ", title, flags=re.IGNORECASE)
        for word in re.split(r"[\s,()]+", title.split(" - ")[0]):
            word = word.strip(".;:")
            quantity = _UNIT_RE.match(word) or re.match(r"^\d+(?:-[a-z]+)+(?:-\d+)?$", word, re.IGNORECASE)
            if _MODEL_RE.match(word) and not quantity and len(word) <= 16:
                return word
        return None

    def _specs(self, attributes: dict[str, str], product: Product, node: str | None) -> list[str]:
        out = []
        lineage = set(self.taxonomy.path_ids(node)) if node else set()
        if "strength" in attributes:
            out.append(_mass(attributes["strength"]))
        if "stage" in attributes and attributes["stage"].strip().isdigit():
            out.append(f"{attributes['stage'].strip()}段")
        if "spf" in attributes:
            out.append("SPF" + re.sub(r"(?i)^\s*spf\s*", "", attributes["spf"]).strip())
        colour = self.colour(attributes["color"]) if "color" in attributes else None
        if colour:
            out.append(colour)
        if "size" in attributes:
            out.append(_size(attributes["size"], lineage))
        if "storage" in attributes:
            out.append(attributes["storage"].replace(" ", ""))
        if "capacity" in attributes:
            out.append(_capacity(attributes["capacity"]))
        elif "capacity_l" in attributes:
            out.append(_capacity(f"{attributes['capacity_l']} l"))
        for name in ("weight", "net_weight"):
            if name in attributes:
                out.append(_mass(attributes[name]))
        if "count" in attributes:
            out.append(_count(attributes["count"], lineage, product.title))
        if "pieces" in attributes:
            out.append(_number_of(attributes["pieces"], "片"))
        for name in ("pack_size", "packs"):
            if name in attributes:
                out.append(_number_of(attributes[name], "件装"))
        return [o for o in out if o]


def _better_colour(term: str, current: str | None) -> bool:
    """Prefer `黑色` to `黑`: the two-character colour word reads as a colour in a title."""
    return current is None or (term.endswith("色") and not current.endswith("色"))


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}".rstrip("0").rstrip(".")


def _amount(text: str) -> tuple[float, str] | None:
    match = _AMOUNT_RE.match(text.replace(",", ""))
    return (float(match[1]), match[2].strip().casefold()) if match else None


def _capacity(text: str) -> str:
    """`32 oz` → 946毫升, `2 L` → 2升, `10000 mAh` → 10000毫安, `4-Person` → 4人."""
    found = _amount(text)
    if found is None:
        return ""
    number, unit = found
    if unit in ("fl. oz", "fl.oz", "floz"):
        unit = "fl oz"
    if unit in ML_PER:
        ml = number * ML_PER[unit]
        return f"{_number(ml / 1000)}升" if ml >= 1000 and unit != "ml" else f"{_number(round(ml))}毫升"
    if unit in ("in", "inch", "inches", '"'):
        return f"{_number(number)}英寸"
    if unit == "mah":
        return f"{_number(number)}毫安"
    if unit in ("person", "people"):
        return f"{_number(number)}人"
    return ""


def _mass(text: str) -> str:
    """`1000 mg` → 1000毫克, `15 lb` → 6.8公斤, `12.4 oz` → 352克."""
    found = _amount(text)
    if found is None:
        return ""
    number, unit = found
    if unit in ("mg", "mcg"):
        return f"{_number(number)}{'毫克' if unit == 'mg' else '微克'}"
    if unit == "iu":
        return f"{_number(number)}IU"
    if unit in KG_PER:
        kg = number * KG_PER[unit]
        return f"{_number(round(kg, 1))}公斤" if kg >= 1 else f"{_number(round(kg * 1000))}克"
    return ""


def _size(text: str, lineage: set[str]) -> str:
    # A size in plain `oz` is a weight (`19 oz` of cream, `20.6 oz` of formula); `16.9 fl oz` of lotion a volume.
    plain_ounces = re.search(r"\boz\b", text, re.IGNORECASE) and not re.search(r"\bfl\.?\s*oz", text, re.IGNORECASE)
    solid = not lineage & HOLDS_LIQUID and (lineage & SOLD_BY_WEIGHT or plain_ounces)
    measured = (_mass(text) or _capacity(text)) if solid else (_capacity(text) or _mass(text))
    if measured:
        return measured
    unit = next((u for node, u in SIZE_UNIT_BY_NODE.items() if node in lineage), "")
    letters = {"small": "S", "medium": "M", "large": "L", "x-large": "XL"}
    words = [letters.get(w.casefold(), w) for w in text.split()]
    value = " ".join(re.sub(r'^(\d+(?:\.\d+)?)"$', r"\1英寸", w) for w in words)
    if unit and re.fullmatch(r"[0-9.]+|[XSML]{1,4}", value):
        return f"{value}{unit}"
    return value if len(value) <= 12 else ""


def _count(text: str, lineage: set[str], title: str) -> str:
    found = _amount(text)
    if found is None:
        return ""
    words = set(re.findall(r"[a-z]+", title.casefold()))
    unit = next((u for word, u in COUNT_UNIT_BY_WORD.items() if word in words), None)
    if unit is None:
        unit = next((u for node, u in COUNT_UNIT_BY_NODE.items() if node in lineage), "件")
    return f"{_number(found[0])}{unit}"


def _number_of(text: str, unit: str) -> str:
    match = re.match(r"\s*(\d+)", text)
    return f"{match[1]}{unit}" if match else ""
