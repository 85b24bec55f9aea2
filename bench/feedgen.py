"""A generated catalog feed for the benchmarks: realistic, varied, deterministic, every text unique.

    .venv/bin/python bench/feedgen.py OUT.jsonl N [--unique U]

With `--unique U` (U < N), the first U products are the same as without it, and each later product is product
(i mod U) listed again by another seller: its own id, price, stock and link, the same title, brand and category,
so the same embedded text (what marketplaces look like, and a catalog of N products whose vectors the embedding
cache of the first U already holds).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

BRANDS = [
    "Anker", "Sony", "Bose", "Apple", "Samsung", "Logitech", "JBL", "Stanley", "Yeti", "Hydro Flask", "Contigo",
    "Osprey", "Coleman", "Petzl", "Nike", "Adidas", "New Balance", "Under Armour", "Columbia", "Patagonia",
    "KitchenAid", "Cuisinart", "Ninja", "Instant Pot", "OXO", "Lodge", "Dyson", "Shark", "iRobot", "Philips",
    "Braun", "Oral-B", "Neutrogena", "CeraVe", "Olay", "Similac", "Enfamil", "Pampers", "Huggies", "Graco",
    "LEGO", "Hasbro", "Mattel", "Nintendo", "Razer", "Corsair", "SanDisk", "Kingston", "Belkin", "Spigen",
]  # fmt: skip
PRODUCTS = [
    ("Electronics > Audio > Headphones", ["Wireless Earbuds", "Over-Ear Headphones", "Noise Cancelling Headphones", "Sports Earphones"]),
    ("Electronics > Audio > Speakers", ["Bluetooth Speaker", "Portable Speaker", "Smart Speaker", "Soundbar"]),
    ("Electronics > Power > Chargers", ["Portable Charger", "Power Bank", "USB-C Wall Charger", "Wireless Charging Pad"]),
    ("Electronics > Accessories > Cases", ["Phone Case", "Tablet Cover", "Laptop Sleeve", "Screen Protector"]),
    ("Electronics > Storage", ["USB Flash Drive", "microSD Card", "Portable SSD", "External Hard Drive"]),
    ("Home & Kitchen > Drinkware", ["Insulated Water Bottle", "Travel Mug", "Tumbler with Straw", "Vacuum Flask"]),
    ("Home & Kitchen > Appliances", ["Air Fryer", "Stand Mixer", "Blender", "Pressure Cooker", "Coffee Maker"]),
    ("Home & Kitchen > Cookware", ["Cast Iron Skillet", "Nonstick Frying Pan", "Dutch Oven", "Saucepan Set"]),
    ("Home & Garden > Cleaning", ["Cordless Vacuum", "Robot Vacuum", "Steam Mop", "Handheld Vacuum"]),
    ("Sports & Outdoors > Camping", ["Hiking Backpack", "Camping Tent", "Sleeping Bag", "Headlamp", "Camp Stove"]),
    ("Clothing > Shoes", ["Running Shoes", "Trail Running Shoes", "Basketball Shoes", "Walking Sneakers"]),
    ("Clothing > Outerwear", ["Rain Jacket", "Down Jacket", "Fleece Jacket", "Softshell Vest"]),
    ("Beauty > Skin Care", ["Facial Moisturizer", "Hydrating Cleanser", "Sunscreen SPF 50", "Night Cream"]),
    ("Health > Oral Care", ["Electric Toothbrush", "Water Flosser", "Replacement Brush Heads"]),
    ("Baby > Feeding", ["Infant Formula Stage 1", "Toddler Formula", "Baby Bottles", "Bottle Warmer"]),
    ("Baby > Diapers", ["Diapers Size 3", "Baby Wipes", "Overnight Diapers", "Training Pants"]),
    ("Toys & Games", ["Building Set", "Board Game", "Action Figure", "Puzzle 1000 Pieces", "Remote Control Car"]),
    ("Electronics > Computer Accessories", ["Wireless Mouse", "Mechanical Keyboard", "Gaming Headset", "Webcam 1080p"]),
]  # fmt: skip
ADJECTIVES = [
    "Ultra-Light", "Waterproof", "Premium", "Compact", "Heavy Duty", "Ergonomic", "Quiet", "Fast Charging",
    "Stainless Steel", "Leak-Proof", "BPA-Free", "Foldable", "Rechargeable", "Professional", "Classic", "Pro",
]  # fmt: skip
COLORS = ["Black", "White", "Navy Blue", "Red", "Sage Green", "Gray", "Rose Gold", "Silver", "Pink", "Charcoal"]
EXTRAS = ["2-Pack", "Gift Edition", "2025 Model", "Large", "Small", "Medium", "Value Pack", "with Carrying Case"]
AVAILABILITY = ["in_stock"] * 8 + ["out_of_stock", "preorder"]


def products(n: int, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(n):
        category, nouns = rng.choice(PRODUCTS)
        brand = rng.choice(BRANDS)
        model = f"{rng.choice('ABCDEFGHKMPRSTVX')}{rng.randint(10, 9999)}"
        title = f"{brand} {rng.choice(ADJECTIVES)} {rng.choice(nouns)} {model}, {rng.choice(COLORS)}"
        if rng.random() < 0.5:
            title += f", {rng.choice(EXTRAS)}"
        yield {
            "id": f"sku-{i:07d}",
            "title": title,
            "description": f"{title}. {rng.choice(ADJECTIVES)} design, {rng.randint(1, 5)}-year warranty.",
            "brand": brand,
            "category": category,
            "price": f"{rng.randint(5, 900)}.{rng.randint(0, 99):02d} USD",
            "availability": rng.choice(AVAILABILITY),
            "link": f"https://shop.example.com/p/{i}",
        }


def relisted(n: int, unique: int, seed: int = 7) -> Iterator[dict]:
    """`n` products of which the first `unique` are `products(unique)` and the rest their listings by other sellers."""
    originals = list(products(min(n, unique), seed))
    yield from originals
    rng = random.Random(seed + 1)
    for i in range(len(originals), n):
        original = originals[i % len(originals)]
        seller = rng.randint(1, 5000)
        yield {
            **original,
            "id": f"sku-{i:07d}",
            "description": f"{original['title']}. Sold by seller {seller:04d}, ships in {rng.randint(1, 9)} days.",
            "price": f"{rng.randint(5, 900)}.{rng.randint(0, 99):02d} USD",
            "availability": rng.choice(AVAILABILITY),
            "link": f"https://seller{seller:04d}.example.com/p/{i}",
        }


def write_feed(path: Path, n: int, seed: int = 7, unique: int | None = None) -> Path:
    rows = products(n, seed) if unique is None or unique >= n else relisted(n, unique, seed)
    with path.open("w", encoding="utf-8") as f:
        for product in rows:
            f.write(json.dumps(product) + "\n")
    return path


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--unique", type=int, help="Products with texts of their own; the rest are re-listings.")
    args = parser.parse_args()
    write_feed(args.out, args.n, unique=args.unique)
