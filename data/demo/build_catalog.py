#!/usr/bin/env python3
"""Build the illustrative Haitao Search demo catalog (data/demo/products.jsonl).

Deterministic, standard library only.  Products are *illustrative*: real, well-known
brand and product-line names are used so that search relevance is meaningful, but
prices, stock, variants and descriptions are made up for the demo.

Data model
----------
Each hand-written *product line* (``L(...)`` call below) names a brand, an English
title template, a category path, a base price, 1-3 hand-written description
sentences, optional variant axes (size / colour / count / flavour / phone model ...)
and *structured facts* (product type, target, stage, ...).  The line is expanded
over its variant axes into individual products.

The structured facts are NOT written to products.jsonl; they live in this data
model and are used by build_qrels.py to derive relevance judgments by rule:

    from build_catalog import build
    for product, facts in build(): ...

Usage:  python data/demo/build_catalog.py
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SEED = 20240611
HERE = Path(__file__).resolve().parent
OUT = HERE / "products.jsonl"

LINES: list[dict] = []
_SECTION = {"sec": None}


def section(prefix: str) -> None:
    """Start a top-level section; ``prefix`` becomes the product id prefix."""
    _SECTION["sec"] = prefix


def L(cat, type, brand, title, price, desc, var=None, zh=None, zhd=None, attrs=None, vd=None, n=None, **facts):
    """Declare one product line.

    cat    category path
    type   product type fact (e.g. "bluetooth_earbuds")
    title  English title template, formatted with the variant values
    price  base price in USD (multiplied by variant multipliers)
    desc   list of hand-written description sentences (templates)
    var    {axis: [value | (value, price_mult) | (value, price_mult, {extra facts})]}
    zh     seller-written Simplified Chinese title template (optional)
    zhd    Chinese description (optional)
    attrs  fixed attributes for products.jsonl
    vd     variant-sentence templates (optional)
    n      cap on number of variants (deterministic sample)
    facts  structured facts (target, stage, anc, wireless, ...)
    """
    LINES.append(
        dict(
            sec=_SECTION["sec"],
            cat=cat,
            type=type,
            brand=brand,
            title=title,
            price=price,
            desc=desc,
            var=var or {},
            zh=zh,
            zhd=zhd,
            attrs=attrs or {},
            vd=vd,
            n=n,
            facts=facts,
        )
    )


# ---------------------------------------------------------------------------
# Shared phrase pools (seller boilerplate, mixed in sparingly)
# ---------------------------------------------------------------------------
POOL = {
    "vit": [
        "Store in a cool, dry place and keep out of reach of children.",
        "Consult your healthcare provider before use if you are pregnant, nursing or taking medication.",
        "Ships sealed with a best-by date of at least 12 months.",
        "Gluten-free with no artificial colors or flavors.",
    ],
    "baby": [
        "Ships in the original manufacturer packaging.",
        "Always follow the feeding and safety guidance on the package.",
        "A dependable staple for busy parents, shipped from our US warehouse.",
    ],
    "bty": [
        "Dermatologist tested and suitable for daily use.",
        "Authentic product shipped in its original retail box.",
        "Patch test before first use if you have sensitive skin.",
    ],
    "bag": [
        "Authentic, brand-new with tags; dust bag included where supplied by the brand.",
        "Ships from our US boutique within two business days.",
        "Interior dimensions are listed in the size guide.",
    ],
    "fsh": [
        "Brand-new in the original box or with tags attached.",
        "Check the size chart; most shoppers find it fits true to size.",
        "Free exchanges on unworn items within 30 days.",
    ],
    "elc": [
        "Brand-new, factory sealed, with the manufacturer's US warranty.",
        "Ships from our US warehouse in 1-2 business days.",
        "US version; works worldwide with the included cable.",
    ],
    "kit": [
        "Hand wash recommended to keep the finish looking new.",
        "BPA-free materials throughout.",
        "Ships from our US warehouse, well padded against dents.",
    ],
    "out": [
        "Tested on trails across the Rockies and the Sierra Nevada.",
        "Ships from our Colorado warehouse.",
        "Backed by the manufacturer's limited warranty.",
    ],
    "toy": [
        "Makes a great birthday or holiday gift.",
        "Contains small parts; not for children under 3 unless noted.",
        "Brand-new and factory sealed.",
    ],
    "pet": [
        "Ships fresh from our US warehouse with a long best-by date.",
        "Transition your pet gradually over 7-10 days when changing foods.",
        "Proudly sold by a family-owned pet supply shop.",
    ],
}

VARIANT_SENTENCES = ["Option shown: {v}.", "This listing: {v}.", "Selected variant: {v}.", "Variant: {v}."]

UNITS = {
    "oz": "{} oz",
    "floz": "{} fl oz",
    "qt": "{} qt",
    "lb": "{} lb",
    "mg": "{} mg",
    "iu": "{} IU",
    "ml": "{} ml",
    "spf": "SPF {}",
    "p": "{}-Person",
    "gb": "{} GB",
    "mm": "{} mm",
    "mah": "{} mAh",
    "count": "{} count",
    "pieces": "{} pieces",
    "inch": "{} in",
    "pack": "{}-Pack",
    "packs": "{} packs",
    "ft": "{} ft",
    "g": "{} g",
    "l": "{} L",
}
ATTR_NAMES = {
    "oz": "capacity",
    "floz": "size",
    "qt": "capacity",
    "lb": "weight",
    "mg": "strength",
    "iu": "strength",
    "ml": "size",
    "spf": "spf",
    "p": "capacity",
    "gb": "storage",
    "mm": "case_size",
    "mah": "capacity",
    "model": "compatible_model",
    "who": "formulation",
    "conn": "connector",
    "inch": "size",
    "ft": "length",
    "g": "net_weight",
    "l": "volume",
}

# ===========================================================================
# 1. VITAMINS & SUPPLEMENTS
# ===========================================================================
section("vit")
V = "Health > Vitamins & Supplements > "

L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Nature Made",
    "Nature Made Fish Oil {mg} mg Softgels, Omega-3 for Heart Health, {count} Count",
    9.99,
    [
        "Nature Made Fish Oil supplies EPA and DHA omega-3 fatty acids from ocean fish to support a healthy heart.",
        "Each batch is purified to remove mercury and is USP Verified for purity and potency.",
        "Take two softgels daily with water and a meal.",
    ],
    var=dict(mg=[(1000, 1.0), (1200, 1.15)], count=[(100, 1.0), (200, 1.7), (300, 2.2)]),
    n=5,
    zh="Nature Made 天维美 深海鱼油软胶囊 {mg}mg {count}粒",
    target="adult",
    form="softgel",
    zhd="美国本土版天维美鱼油，每粒{mg}mg，富含Omega-3 EPA和DHA，支持心脏健康。",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Nordic Naturals",
    "Nordic Naturals Ultimate Omega, Lemon Flavor, 1280 mg Omega-3 Fish Oil, {count} Soft Gels",
    29.95,
    [
        "Concentrated omega-3 from wild-caught anchovies and sardines in the natural triglyceride form for better absorption.",
        "A light lemon flavor means no fishy aftertaste.",
        "Third-party tested and non-GMO verified.",
    ],
    var=dict(count=[(60, 1.0), (120, 1.75), (180, 2.45)]),
    zh="挪威小鱼 Nordic Naturals 高浓度深海鱼油 柠檬味 1280mg {count}粒",
    target="adult",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Nordic Naturals",
    "Nordic Naturals Children's DHA, Strawberry, 250 mg Omega-3 for Kids, {count} Chewable Mini Soft Gels",
    15.95,
    [
        "Kid-sized chewable soft gels with a natural strawberry flavor kids actually like.",
        "DHA supports healthy brain and eye development in growing children ages 3 and up.",
    ],
    var=dict(count=[(90, 1.0), (180, 1.8)]),
    zh="挪威小鱼 儿童DHA鱼油 草莓味 咀嚼软胶囊 {count}粒",
    target="kids",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Kirkland Signature",
    "Kirkland Signature Fish Oil 1000 mg Softgels, 400 Count",
    15.99,
    [
        "A warehouse-club favorite: 1000 mg of fish oil concentrate with 300 mg omega-3 per softgel.",
        "The 400-count bottle is more than a year's supply for one adult.",
    ],
    zh="Kirkland 柯克兰 深海鱼油 1000mg 400粒 大瓶装",
    target="adult",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Kirkland Signature",
    "Kirkland Signature Wild Alaskan Fish Oil 1400 mg, 230 Softgels",
    19.99,
    [
        "Sourced from wild Alaskan pollock and salmon, certified sustainable.",
        "Enteric-coated softgels help reduce fishy burps.",
    ],
    target="adult",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Viva Naturals",
    "Viva Naturals Triple Strength Omega-3 Fish Oil 2,200 mg, {count} Softgels",
    24.99,
    [
        "Triple-strength formula with 2,200 mg fish oil and 1,400 mg omega-3 per serving.",
        "IFOS 5-star rated for purity and freshness.",
    ],
    var=dict(count=[(90, 1.0), (180, 1.7)]),
    target="adult",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "fish_oil",
    "Nature's Bounty",
    "Nature's Bounty Fish Oil 1400 mg One Per Day, Omega-3 Supplement, {count} Rapid Release Softgels",
    13.49,
    [
        "One softgel a day delivers 1400 mg of fish oil with 980 mg of omega-3.",
        "Rapid-release softgels are coated for easy swallowing.",
    ],
    var=dict(count=[(39, 0.7), (130, 1.0)]),
    zh="自然之宝 Nature's Bounty 一日一粒 深海鱼油 1400mg {count}粒",
    target="adult",
    form="softgel",
)
L(
    V + "Fish Oil & Omega-3",
    "krill_oil",
    "MegaRed",
    "MegaRed Omega-3 Krill Oil 500 mg Softgels, {count} Count",
    26.99,
    [
        "Antarctic krill oil delivers omega-3 EPA and DHA in phospholipid form plus naturally occurring astaxanthin.",
        "Small softgels with no fishy aftertaste.",
    ],
    var=dict(count=[(60, 1.0), (90, 1.35)]),
    zh="MegaRed 脉拓 南极磷虾油 500mg {count}粒",
    target="adult",
    form="softgel",
)

L(
    V + "Multivitamins",
    "multivitamin",
    "Centrum",
    "Centrum {who} Multivitamin, Multimineral Supplement with Vitamin D3, {count} Tablets",
    12.99,
    [
        "Centrum multivitamins are formulated with key nutrients to support energy, immunity and metabolism.",
        "Easy-to-swallow tablets with a smooth coating.",
        "The #1 doctor and pharmacist recommended multivitamin brand.",
    ],
    var=dict(
        who=[
            ("Adults", 1.0, {"target": "adult"}),
            ("Women", 1.0, {"target": "women"}),
            ("Men", 1.0, {"target": "men"}),
            ("Silver Women 50+", 1.1, {"target": "women"}),
            ("Silver Men 50+", 1.1, {"target": "men"}),
        ],
        count=[(100, 1.0), (200, 1.6)],
    ),
    n=8,
    zh="善存 Centrum 复合维生素 {who} {count}片",
)
L(
    V + "Multivitamins",
    "multivitamin",
    "One A Day",
    "One A Day {who} Multivitamin Tablets, Multivitamins with Vitamin A, C, D, E and Zinc, {count} Count",
    11.49,
    [
        "A complete multivitamin with nutrients tailored to daily needs, including vitamin D and zinc for immune support.",
        "Take one tablet daily with food.",
    ],
    var=dict(
        who=[("Women's", 1.0, {"target": "women"}), ("Men's", 1.0, {"target": "men"})], count=[(100, 1.0), (200, 1.65)]
    ),
    zh="One A Day {who} 复合维生素 {count}片",
)
L(
    V + "Multivitamins",
    "multivitamin",
    "Garden of Life",
    "Garden of Life Vitamin Code {who} Multivitamin, Raw Whole Food Vitamins, {count} Capsules",
    37.99,
    [
        "Raw, whole-food multivitamin with live probiotics and enzymes, made without binders or fillers.",
        "Certified gluten-free and non-GMO verified.",
    ],
    var=dict(
        who=[
            ("Women", 1.0, {"target": "women"}),
            ("Men", 1.0, {"target": "men"}),
            ("50 & Wiser Women", 1.0, {"target": "women"}),
        ],
        count=[(120, 1.0), (240, 1.7)],
    ),
    n=4,
)
L(
    V + "Multivitamins",
    "multivitamin",
    "Nature Made",
    "Nature Made Multi for {who} with Omega-3, Multivitamin for Daily Nutritional Support, {count} Softgels",
    13.99,
    ["A daily multivitamin with omega-3 in a single softgel.", "USP Verified and made with no artificial flavors."],
    var=dict(who=[("Her", 1.0, {"target": "women"}), ("Him", 1.0, {"target": "men"})], count=[(60, 1.0), (90, 1.3)]),
    zh="Nature Made 天维美 {who}复合维生素 含Omega-3 {count}粒",
    form="softgel",
)
L(
    V + "Multivitamins",
    "multivitamin",
    "OLLY",
    "OLLY The Perfect Women's Multi Gummy, Blissful Berry, {count} Count",
    13.99,
    [
        "A tasty berry gummy multivitamin with biotin, folic acid and vitamin D for women.",
        "No artificial colors; two gummies a day.",
    ],
    var=dict(count=[(90, 1.0), (130, 1.35)]),
    target="women",
    form="gummy",
    zh="OLLY 女士复合维生素软糖 浆果味 {count}粒",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "L'il Critters",
    "L'il Critters Gummy Vites Complete Kids Multivitamin Gummies, {count} Count",
    10.99,
    [
        "Bear-shaped gummy vitamins in cherry, orange and strawberry with vitamins A, C, D3 and E for growing kids.",
        "Made without gelatin from pork and with no high fructose corn syrup.",
    ],
    var=dict(count=[(190, 1.0), (300, 1.4)]),
    target="kids",
    form="gummy",
    zh="L'il Critters 小熊糖 儿童复合维生素软糖 {count}粒",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "SmartyPants",
    "SmartyPants Kids Formula Daily Gummy Multivitamin with Omega-3 and Vitamin D3, {count} Count",
    24.99,
    [
        "An all-in-one kids gummy with omega-3 DHA, vitamin D3 and B12 in one daily serving.",
        "Third-party tested; no synthetic colors.",
    ],
    var=dict(count=[(120, 1.0), (180, 1.35)]),
    target="kids",
    form="gummy",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "OLLY",
    "OLLY Kids Multi + Probiotic Gummy, Yum Berry Punch, 70 Count",
    13.99,
    [
        "A chewable multivitamin plus probiotic gummy for kids ages 2 and up.",
        "Fruity berry punch flavor with no artificial colors.",
    ],
    target="kids",
    form="gummy",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "Centrum",
    "Centrum Kids Multivitamin Chewable Tablets, Assorted Fruit Flavors, {count} Count",
    9.99,
    ["Chewable tablets in orange, cherry and berry flavors with calcium and vitamin D.", "For children ages 4 and up."],
    var=dict(count=[(60, 1.0), (80, 1.2)]),
    target="kids",
    form="chewable",
    zh="善存 儿童复合维生素咀嚼片 水果味 {count}片",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "Vitafusion",
    "Vitafusion Kids Gummy Vitamins, Multivitamin Gummies, Berry and Orange, {count} Count",
    9.49,
    [
        "Delicious berry and orange gummies with vitamins A, C, D3 and E for kids.",
        "Free of gluten, dairy and synthetic dyes.",
    ],
    var=dict(count=[(150, 1.0), (250, 1.45)]),
    target="kids",
    form="gummy",
)
L(
    V + "Kids' Vitamins",
    "multivitamin",
    "Flintstones",
    "Flintstones {form_name} Complete Kids Multivitamin, {count} Count",
    12.99,
    [
        "The classic character-shaped kids vitamins, with iron, calcium and vitamin D.",
        "Pediatricians' #1 choice for kids multivitamin brand.",
    ],
    var=dict(
        form_name=[("Chewable Tablets", 1.0, {"form": "chewable"}), ("Gummies", 1.05, {"form": "gummy"})],
        count=[(150, 1.0)],
    ),
    target="kids",
)
L(
    V + "Melatonin",
    "melatonin",
    "Natrol",
    "Natrol Kids Melatonin 1 mg Gummies, Sleep Support, Strawberry, {count} Count",
    8.99,
    ["Drug-free, non-habit-forming melatonin gummies sized for kids ages 4 and up.", "Use 30 minutes before bedtime."],
    var=dict(count=[(60, 1.0), (90, 1.3)]),
    target="kids",
    form="gummy",
)

L(
    V + "Collagen",
    "collagen",
    "Vital Proteins",
    "Vital Proteins Collagen Peptides Powder, Unflavored, Hair, Skin and Nail Support, {oz} oz",
    27.00,
    [
        "Grass-fed, pasture-raised bovine collagen peptides that dissolve in hot or cold drinks.",
        "20 g of collagen per serving with added vitamin C and hyaluronic acid.",
        "Stir a scoop into your morning coffee, smoothie or oatmeal.",
    ],
    var=dict(oz=[(10, 1.0), (20, 1.7)]),
    target="adult",
    form="powder",
    zh="Vital Proteins 胶原蛋白肽粉 无味 {oz}oz",
    zhd="草饲牛胶原蛋白肽，无味易溶，可直接加入咖啡或果汁，支持头发、皮肤和指甲健康。",
)
L(
    V + "Collagen",
    "collagen",
    "Vital Proteins",
    "Vital Proteins Marine Collagen Peptides Powder, Wild-Caught Fish Collagen, 7.8 oz",
    36.00,
    ["Collagen sourced from the scales of wild-caught snapper.", "A great pescatarian-friendly option."],
    target="adult",
    form="powder",
)
L(
    V + "Collagen",
    "collagen",
    "Sports Research",
    "Sports Research Collagen Peptides Powder, Hydrolyzed Type I & III, Unflavored, {oz} oz",
    26.95,
    [
        "Grass-fed bovine collagen peptides, keto-certified and non-GMO verified.",
        "Mixes clear into water, coffee or protein shakes.",
    ],
    var=dict(oz=[(16, 1.0), (32, 1.7)]),
    target="adult",
    form="powder",
)
L(
    V + "Collagen",
    "collagen",
    "NeoCell",
    "NeoCell Super Collagen + Vitamin C, Type 1 & 3 Collagen, {count} Tablets",
    18.99,
    [
        "6,000 mg of type 1 and 3 collagen with vitamin C to support skin firmness.",
        "Tablets are a convenient alternative to powders.",
    ],
    var=dict(count=[(250, 1.0), (360, 1.35)]),
    target="adult",
    form="tablet",
    zh="NeoCell 胶原蛋白片 含维生素C {count}片",
)
L(
    V + "Collagen",
    "collagen",
    "Youtheory",
    "Youtheory Collagen Advanced Formula with Vitamin C, Types 1, 2 & 3, 390 Tablets",
    24.99,
    ["Three types of collagen in one daily tablet to support hair, skin, nails and joints."],
    target="adult",
    form="tablet",
)

L(
    V + "Probiotics",
    "probiotic",
    "Culturelle",
    "Culturelle Digestive Daily Probiotic Capsules for Men & Women, {count} Count",
    21.99,
    [
        "Contains Lactobacillus rhamnosus GG, the most clinically studied probiotic strain.",
        "Supports digestive health and helps with occasional gas and bloating.",
        "No refrigeration needed.",
    ],
    var=dict(count=[(30, 1.0), (50, 1.5), (80, 2.1)]),
    target="adult",
    form="capsule",
    zh="Culturelle 康萃乐 成人益生菌胶囊 {count}粒",
)
L(
    V + "Probiotics",
    "probiotic",
    "Align",
    "Align Probiotic Supplement, Digestive Support for Men and Women, {count} Capsules",
    29.99,
    [
        "The #1 gastroenterologist recommended probiotic brand, with Bifidobacterium 35624.",
        "One capsule a day for 24/7 digestive support.",
    ],
    var=dict(count=[(42, 1.0), (63, 1.4)]),
    target="adult",
    form="capsule",
)
L(
    V + "Probiotics",
    "probiotic",
    "Garden of Life",
    "Garden of Life Dr. Formulated Probiotics Once Daily {who}, 50 Billion CFU, 30 Capsules",
    32.99,
    [
        "Formulated by Dr. David Perlmutter with 16 probiotic strains and 50 billion CFU.",
        "Shelf-stable, with no need to refrigerate.",
    ],
    var=dict(who=[("Women's", 1.0, {"target": "women"}), ("Men's", 1.0, {"target": "men"})]),
    form="capsule",
    zh="Garden of Life 生命花园 {who}益生菌 500亿活菌 30粒",
)
L(
    V + "Probiotics",
    "probiotic",
    "Culturelle",
    "Culturelle Kids Daily Probiotic Packets, Unflavored, {count} Single-Serve Packets",
    19.99,
    [
        "A gentle probiotic powder for kids 1 and up that mixes into cool food or drinks.",
        "Helps support kids' digestive and immune health.",
    ],
    var=dict(count=[(30, 1.0), (50, 1.5)]),
    target="kids",
    form="powder",
    zh="Culturelle 康萃乐 儿童益生菌粉 {count}袋",
)
L(
    V + "Probiotics",
    "probiotic",
    "Florastor",
    "Florastor Daily Probiotic Supplement for Women & Men, Saccharomyces boulardii 250 mg, 50 Capsules",
    34.99,
    ["A probiotic yeast that supports digestive balance, including while traveling."],
    target="adult",
    form="capsule",
)

L(
    V + "Melatonin",
    "melatonin",
    "Natrol",
    "Natrol Melatonin {mg} mg Fast Dissolve Tablets, Strawberry Flavor, {count} Count",
    7.49,
    [
        "Drug-free sleep aid that helps you fall asleep faster and stay asleep longer.",
        "Fast-dissolve tablets melt in your mouth, no water needed.",
    ],
    var=dict(mg=[(1, 0.9), (3, 1.0), (5, 1.05), (10, 1.2)], count=[(90, 1.0), (150, 1.4)]),
    n=5,
    target="adult",
    form="tablet",
    zh="Natrol 褪黑素 {mg}mg 草莓味速溶片 {count}片",
)
L(
    V + "Melatonin",
    "melatonin",
    "Nature Made",
    "Nature Made Melatonin {mg} mg Tablets, 100% Drug Free Sleep Aid, {count} Count",
    8.99,
    ["Helps you fall asleep faster and supports a healthy sleep cycle.", "Take one tablet 30 minutes before bed."],
    var=dict(mg=[(3, 1.0), (5, 1.05)], count=[(240, 1.0)]),
    target="adult",
    form="tablet",
)
L(
    V + "Melatonin",
    "melatonin",
    "OLLY",
    "OLLY Sleep Gummy, Blackberry Zen, 3 mg Melatonin with L-Theanine and Chamomile, {count} Count",
    13.99,
    [
        "A blackberry-flavored gummy with melatonin, L-theanine and botanicals to help you wind down.",
        "Non-habit-forming.",
    ],
    var=dict(count=[(50, 1.0), (70, 1.3)]),
    target="adult",
    form="gummy",
    zh="OLLY 睡眠软糖 褪黑素 3mg 黑莓味 {count}粒",
)
L(
    V + "Melatonin",
    "melatonin",
    "ZzzQuil",
    "ZzzQuil PURE Zzzs Melatonin Sleep Aid Gummies, 6 mg Melatonin, Wildberry Vanilla, 60 Count",
    14.99,
    ["A drug-free gummy with melatonin plus a botanical blend of chamomile, lavender and valerian root."],
    target="adult",
    form="gummy",
)

L(
    V + "Vitamin D",
    "vitamin_d",
    "Nature Made",
    "Nature Made Vitamin D3 {iu} IU ({mcg} mcg) Softgels, Bone and Immune Health, {count} Count",
    9.99,
    [
        "Vitamin D3 helps support bone, teeth, muscle and immune health.",
        "USP Verified softgels that are easy to swallow.",
    ],
    var=dict(
        iu=[(1000, 1.0, {"mcg": 25}), (2000, 1.05, {"mcg": 50}), (5000, 1.15, {"mcg": 125})],
        count=[(100, 1.0), (250, 1.5)],
    ),
    n=5,
    target="adult",
    form="softgel",
    zh="Nature Made 天维美 维生素D3 {iu}IU 软胶囊 {count}粒",
)
L(
    V + "Vitamin D",
    "vitamin_d",
    "NatureWise",
    "NatureWise Vitamin D3 5000 IU (125 mcg) in Cold-Pressed Olive Oil, 360 Softgels",
    15.99,
    ["A full year's supply of vitamin D3 in organic cold-pressed olive oil for better absorption."],
    target="adult",
    form="softgel",
)
L(
    V + "Vitamin D",
    "vitamin_d",
    "Mommy's Bliss",
    "Mommy's Bliss Baby Vitamin D Drops, 400 IU, Newborn & Up, 0.11 fl oz (96 Servings)",
    11.99,
    [
        "One tiny drop a day on a nipple or pacifier delivers 400 IU of vitamin D3 for breastfed babies.",
        "Free of artificial colors and flavors.",
    ],
    target="baby",
    form="drops",
    zh="Mommy's Bliss 婴儿维生素D3滴剂 400IU 新生儿可用",
)

L(
    V + "Vitamin C",
    "vitamin_c",
    "Emergen-C",
    "Emergen-C 1000 mg Vitamin C Powder, {flavor} Flavor, {count} Packets",
    9.99,
    [
        "Fizzy drink mix with 1000 mg of vitamin C, B vitamins and electrolytes.",
        "Just stir a packet into 4-6 oz of water for a refreshing boost of immune support.",
    ],
    var=dict(
        flavor=["Super Orange", "Tangerine", "Raspberry", "Pink Lemonade", "Tropical"], count=[(30, 1.0), (60, 1.7)]
    ),
    n=6,
    target="adult",
    form="powder",
    zh="Emergen-C 维生素C泡腾粉 1000mg {flavor}味 {count}包",
)
L(
    V + "Vitamin C",
    "vitamin_c",
    "Nature's Bounty",
    "Nature's Bounty Vitamin C 1000 mg with Rose Hips, Immune Support, {count} Caplets",
    9.49,
    ["High-potency vitamin C with rose hips, an antioxidant that supports the immune system."],
    var=dict(count=[(100, 1.0), (250, 1.8)]),
    target="adult",
    form="tablet",
    zh="自然之宝 维生素C 1000mg 含玫瑰果 {count}片",
)
L(
    V + "Vitamin C",
    "vitamin_c",
    "Vitafusion",
    "Vitafusion Power C Gummy Vitamins, Vitamin C Immune Support, Tropical Citrus, 150 Count",
    10.99,
    ["Tropical citrus gummies with 250 mg of vitamin C per serving."],
    target="adult",
    form="gummy",
)

L(
    V + "Joint Support",
    "glucosamine",
    "Move Free",
    "Move Free Advanced Triple Strength Glucosamine Chondroitin MSM Joint Supplement, {count} Tablets",
    29.99,
    [
        "Glucosamine, chondroitin and hyaluronic acid to support joint comfort, flexibility and mobility.",
        "Two tablets a day; take with a meal.",
    ],
    var=dict(count=[(80, 1.0), (120, 1.35), (170, 1.8)]),
    target="adult",
    form="tablet",
    zh="Move Free 益节 氨糖软骨素 三倍强效 {count}粒",
)
L(
    V + "Joint Support",
    "glucosamine",
    "Osteo Bi-Flex",
    "Osteo Bi-Flex Triple Strength Glucosamine Chondroitin with Vitamin D, {count} Coated Tablets",
    24.99,
    ["Joint health supplement with glucosamine, chondroitin and 5-LOXIN Advanced boswellia extract."],
    var=dict(count=[(80, 1.0), (120, 1.3)]),
    target="adult",
    form="tablet",
    zh="Osteo Bi-Flex 维骨力 三倍强效 氨糖 {count}粒",
)
L(
    V + "Joint Support",
    "glucosamine",
    "Kirkland Signature",
    "Kirkland Signature Glucosamine 1500 mg with MSM 1500 mg, 375 Tablets",
    24.99,
    ["Glucosamine HCl and MSM to help lubricate joints, in a bulk 375-tablet bottle."],
    target="adult",
    form="tablet",
    zh="Kirkland 柯克兰 氨糖 维骨力 1500mg 375粒",
)
L(
    V + "Hair, Skin & Nails",
    "biotin",
    "Nature's Bounty",
    "Nature's Bounty Hair, Skin & Nails with Biotin, Strawberry Gummies, {count} Count",
    11.99,
    ["Biotin, vitamin C and vitamin E in a strawberry gummy to support radiant skin, lustrous hair and strong nails."],
    var=dict(count=[(80, 1.0), (230, 2.0)]),
    target="adult",
    form="gummy",
)
L(
    V + "Hair, Skin & Nails",
    "biotin",
    "Sports Research",
    "Sports Research Biotin 10,000 mcg with Organic Coconut Oil, 120 Veggie Softgels",
    16.95,
    ["High-potency biotin in cold-pressed coconut oil."],
    target="adult",
    form="softgel",
)
L(
    V + "Minerals",
    "magnesium",
    "Doctor's Best",
    "Doctor's Best High Absorption Magnesium Glycinate Lysinate, 100% Chelated, {count} Tablets",
    12.99,
    ["Fully chelated magnesium that is gentle on the stomach and supports muscle relaxation and sleep quality."],
    var=dict(count=[(120, 1.0), (240, 1.7)]),
    target="adult",
    form="tablet",
)
L(
    V + "Minerals",
    "calcium",
    "Caltrate",
    "Caltrate 600+D3 Calcium and Vitamin D Supplement Tablets, Bone Health, {count} Count",
    13.99,
    ["Calcium plus vitamin D3 to help support strong bones.", "Small, coated tablets."],
    var=dict(count=[(200, 1.0), (320, 1.4)]),
    target="adult",
    form="tablet",
    zh="钙尔奇 Caltrate 钙片+维生素D3 {count}片",
)

# ===========================================================================
# 2. BABY CARE
# ===========================================================================
section("baby")
F = "Baby > Feeding > Infant Formula"


def formula(brand, title, price, desc, sizes, stage, zh=None, zhd=None, **kw):
    L(
        F,
        "infant_formula",
        brand,
        title,
        price,
        desc,
        var=dict(oz=sizes),
        zh=zh,
        zhd=zhd,
        stage=stage,
        target="baby",
        **kw,
    )


formula(
    "Similac",
    "Similac 360 Total Care Infant Formula Powder, Stage 1, 0-12 Months, {oz} oz",
    36.99,
    [
        "Our closest formula to breast milk, with a blend of five HMO prebiotics.",
        "Supports brain development and immune health from day one.",
    ],
    [(20.6, 1.0), (30.8, 1.4)],
    1,
    zh="雅培 Similac 360 Total Care 婴儿配方奶粉 1段 0-12个月 {oz}oz",
    zhd="美版雅培一段奶粉，含五种HMO母乳低聚糖，接近母乳配方，适合0-12个月宝宝。",
)
formula(
    "Similac",
    "Similac Pro-Advance Infant Formula with 2'-FL HMO, Stage 1, Powder, {oz} oz",
    32.99,
    [
        "Non-GMO infant formula with 2'-FL HMO for immune support.",
        "Easy-to-digest and made with no artificial growth hormones.",
    ],
    [(20.6, 1.0), (30.8, 1.4), (36.0, 1.6)],
    1,
    zh="雅培 Similac Pro-Advance 一段 婴儿奶粉 {oz}oz",
)
formula(
    "Similac",
    "Similac Pro-Sensitive Infant Formula for Fussiness and Gas, Stage 1, {oz} oz",
    34.99,
    ["Designed for sensitive tummies, with reduced lactose to ease fussiness and gas."],
    [(20.1, 1.0), (29.8, 1.4)],
    1,
    zh="雅培 Similac 敏感型 婴儿奶粉 1段 {oz}oz",
    variant_of="sensitive",
)
formula(
    "Similac",
    "Similac Pro-Advance Follow-On Formula, Stage 2, 6-12 Months, Powder, {oz} oz",
    31.99,
    ["Follow-on formula for older infants starting solid foods, with iron and 2'-FL HMO."],
    [(20.6, 1.0), (30.8, 1.4)],
    2,
    zh="雅培 Similac 较大婴儿配方奶粉 2段 6-12个月 {oz}oz",
)
formula(
    "Similac",
    "Similac Go & Grow Toddler Drink with 2'-FL HMO, Stage 3, 12-24 Months, {oz} oz",
    27.99,
    ["A milk-based toddler drink with iron, vitamin C and vitamin E to complement a toddler diet."],
    [(24.0, 1.0), (36.0, 1.4)],
    3,
    zh="雅培 Similac Go & Grow 幼儿配方奶粉 3段 {oz}oz",
)
formula(
    "Enfamil",
    "Enfamil NeuroPro Infant Formula, Brain-Building Nutrition, Stage 1, Powder, {oz} oz",
    37.99,
    [
        "Inspired by breast milk, with MFGM and DHA to support brain development.",
        "The #1 pediatrician recommended infant formula brand in the US.",
    ],
    [(20.7, 1.0), (28.3, 1.35), (31.4, 1.5)],
    1,
    zh="美赞臣 Enfamil NeuroPro 婴儿奶粉 1段 {oz}oz",
    zhd="美版美赞臣铂睿一段，含MFGM乳脂球膜和DHA，支持宝宝大脑发育。",
)
formula(
    "Enfamil",
    "Enfamil Gentlease Infant Formula for Fussiness, Gas & Crying, Stage 1, {oz} oz",
    34.99,
    ["Easy-to-digest proteins that reduce fussiness, gas and crying in 24 hours."],
    [(19.9, 1.0), (27.7, 1.35)],
    1,
    zh="美赞臣 Enfamil Gentlease 亲舒 婴儿奶粉 1段 {oz}oz",
    variant_of="sensitive",
)
formula(
    "Enfamil",
    "Enfamil Enspire Optimum Infant Formula with Lactoferrin, Stage 1, 20.5 oz",
    49.99,
    ["Enfamil's closest formula to breast milk, with lactoferrin and MFGM."],
    [(20.5, 1.0)],
    1,
)
formula(
    "Enfamil",
    "Enfamil Follow-On Formula, Stage 2, 6-12 Months, Milk-Based Powder, {oz} oz",
    31.99,
    ["A follow-on formula for babies 6 to 12 months with DHA, iron and vitamin D."],
    [(21.0, 1.0), (30.0, 1.35)],
    2,
    zh="美赞臣 较大婴儿奶粉 2段 6-12个月 {oz}oz",
)
formula(
    "Enfamil",
    "Enfagrow NeuroPro Toddler Nutritional Drink, Stage 3, 1-3 Years, Natural Milk Flavor, {oz} oz",
    26.99,
    ["A toddler milk drink with MFGM and DHA to support learning as toddlers grow."],
    [(20.0, 1.0), (30.0, 1.35)],
    3,
    zh="美赞臣 Enfagrow 幼儿成长奶粉 3段 1-3岁 {oz}oz",
)
formula(
    "Gerber",
    "Gerber Good Start GentlePro Infant Formula Powder, Stage 1, {oz} oz",
    30.99,
    ["Made with comfort proteins that are easy to digest, plus 2'-FL HMO."],
    [(20.0, 1.0), (32.0, 1.45)],
    1,
    zh="嘉宝 Gerber 婴儿配方奶粉 1段 {oz}oz",
)
formula(
    "Gerber",
    "Gerber Good Start SoothePro Infant Formula for Excessive Crying & Colic, Stage 1, {oz} oz",
    32.99,
    ["With the probiotic L. reuteri to help reduce excessive crying due to colic."],
    [(19.4, 1.0), (30.6, 1.4)],
    1,
    variant_of="sensitive",
)
formula(
    "Gerber",
    "Gerber Good Start Gentle Stage 2 Follow-Up Formula, 9-24 Months, {oz} oz",
    28.99,
    ["Follow-up formula for older babies eating solid food, with calcium and iron."],
    [(24.0, 1.0), (32.0, 1.3)],
    2,
    zh="嘉宝 Gerber 二段奶粉 {oz}oz",
)
formula(
    "Gerber",
    "Gerber Good Start Grow Toddler Drink, Stage 3, 12+ Months, {oz} oz",
    22.99,
    ["A nutritious toddler drink with DHA, iron and probiotics."],
    [(24.0, 1.0), (28.0, 1.15)],
    3,
)
formula(
    "Kendamil",
    "Kendamil Classic First Infant Milk Formula, Stage {stage}, Whole Milk, 28.2 oz",
    44.99,
    [
        "Made in Britain with whole milk fats instead of palm oil, with natural HMOs and MFGM.",
        "Free from fish oil; vegetarian friendly.",
    ],
    [(28.2, 1.0)],
    1,
    zh="Kendamil 可瑞敏 全脂婴儿奶粉 {stage}段 800g",
)
formula(
    "Kendamil",
    "Kendamil Follow-On Milk Formula, Stage {stage}, 6-12 Months, 28.2 oz",
    42.99,
    ["A whole-milk follow-on formula for babies from 6 months, made in England."],
    [(28.2, 1.0)],
    2,
    zh="Kendamil 可瑞敏 较大婴儿奶粉 {stage}段 800g",
)
formula(
    "Kendamil",
    "Kendamil Toddler Milk, Stage {stage}, 12-36 Months, 28.2 oz",
    39.99,
    ["Whole-milk toddler formula with no palm oil and added vitamins for growing toddlers."],
    [(28.2, 1.0)],
    3,
)
formula(
    "Earth's Best",
    "Earth's Best Organic Dairy Infant Formula with Iron, Stage 1, {oz} oz",
    33.99,
    ["USDA Organic infant formula with DHA and lutein, made without GMO ingredients."],
    [(23.2, 1.0), (35.0, 1.4)],
    1,
)
L(
    F,
    "infant_formula",
    "Similac",
    "Similac 360 Total Care Infant Formula, Ready to Feed, Stage 1, 2 fl oz Nursers, 48 Count",
    59.99,
    [
        "Pre-measured, ready-to-feed bottles - just attach a nipple and feed, no mixing needed.",
        "Ideal for the hospital bag and overnight feeds.",
    ],
    stage=1,
    target="baby",
    form="liquid",
)

D = "Baby > Diapering > Diapers"
DSIZE = {"Newborn": 120, "1": 198, "2": 186, "3": 168, "4": 150, "5": 132, "6": 120, "7": 88}


def dz(sizes):
    return [(s, 1.0, {"count": DSIZE[s], "size_label": ("Newborn" if s == "Newborn" else f"Size {s}")}) for s in sizes]


L(
    D,
    "diapers",
    "Pampers",
    "Pampers Swaddlers Diapers, {size_label}, {count} Count",
    48.99,
    [
        "Our softest diaper, with a wetness indicator that tells you when baby might need a change.",
        "Blankie-soft liner and up to 100% leakproof protection, even overnight.",
        "Hospital-trusted and #1 pediatrician recommended.",
    ],
    var=dict(size=dz(["Newborn", "1", "2", "3", "4", "5", "6"])),
    target="baby",
    zh="帮宝适 Pampers 一级帮 纸尿裤 {size}号 {count}片",
    zhd="美版帮宝适一级帮纸尿裤，超柔软表层，带湿显指示条，适合新生儿和婴儿。",
)
L(
    D,
    "diapers",
    "Huggies",
    "Huggies Little Snugglers Baby Diapers, {size_label}, {count} Ct",
    47.99,
    [
        "Huggies' softest diaper with a pocketed back waistband that helps stop blowouts.",
        "Fragrance-free and hypoallergenic for delicate newborn skin.",
    ],
    var=dict(size=dz(["Newborn", "1", "2", "3", "4"])),
    target="baby",
    zh="好奇 Huggies 铂金装 纸尿裤 {size}号 {count}片",
)
L(
    D,
    "diapers",
    "Huggies",
    "Huggies Little Movers Baby Diapers, {size_label}, {count} Ct",
    47.99,
    ["Double Grip Strips and a contoured shape for active babies who crawl, walk and climb."],
    var=dict(size=dz(["3", "4", "5", "6", "7"])),
    target="baby",
)
L(
    D,
    "diapers",
    "Pampers",
    "Pampers Cruisers 360 Fit Diapers, {size_label}, {count} Count",
    49.99,
    ["A 360-degree stretchy waistband that makes changes easy on the go.", "Pull-on style fit with tape-free changes."],
    var=dict(size=dz(["3", "4", "5", "6", "7"])),
    n=4,
    target="baby",
)
L(
    D,
    "diapers",
    "Luvs",
    "Luvs Pro Level Leak Protection Diapers, {size_label}, {count} Count",
    29.99,
    ["Dependable leak protection at a great value, with NightLock Plus technology."],
    var=dict(size=dz(["1", "2", "3", "4", "5", "6"])),
    n=4,
    target="baby",
)
L(
    D,
    "diapers",
    "The Honest Company",
    "The Honest Company Clean Conscious Diapers, {size_label}, Rose Blossom, {count} Count",
    54.99,
    [
        "Plant-based, sustainably harvested fluff pulp with no fragrances, lotions or latex.",
        "Super-absorbent core and adorable prints.",
    ],
    var=dict(size=dz(["1", "2", "3", "4", "5"])),
    n=3,
    target="baby",
)
L(
    "Baby > Diapering > Training Pants",
    "training_pants",
    "Pampers",
    "Pampers Easy Ups Training Underwear {who}, Size {size}, {count} Count",
    39.99,
    ["Pull-up training pants designed like real underwear to help toddlers potty train."],
    var=dict(
        who=[("Boys", 1.0, {"target": "baby"}), ("Girls", 1.0, {"target": "baby"})],
        size=[("2T-3T", 1.0, {"count": 124}), ("3T-4T", 1.0, {"count": 112}), ("4T-5T", 1.0, {"count": 98})],
    ),
    n=4,
    zh="帮宝适 拉拉裤 学步裤 {size} {count}片",
)

W = "Baby > Diapering > Baby Wipes"
L(
    W,
    "baby_wipes",
    "Pampers",
    "Pampers Sensitive Water-Based Baby Wipes, Fragrance Free, {packs} Flip-Top Packs ({count} Wipes)",
    18.99,
    [
        "Gentle, hypoallergenic wipes made with 99% water, perfect for sensitive skin.",
        "Flip-top packs keep wipes moist.",
    ],
    var=dict(packs=[(4, 1.0, {"count": 336}), (8, 1.8, {"count": 672}), (12, 2.5, {"count": 1008})]),
    target="baby",
    zh="帮宝适 婴儿湿巾 无香型 {count}抽",
)
L(
    W,
    "baby_wipes",
    "Huggies",
    "Huggies Natural Care Sensitive Baby Wipes, Unscented, {packs} Flip-Top Packs ({count} Wipes)",
    17.49,
    [
        "Plant-based cloth with aloe and vitamin E, cleaning with 99% purified water.",
        "Hypoallergenic and free of alcohol, parabens and fragrance.",
    ],
    var=dict(packs=[(3, 1.0, {"count": 168}), (6, 1.8, {"count": 336}), (10, 2.8, {"count": 560})]),
    target="baby",
)
L(
    W,
    "baby_wipes",
    "WaterWipes",
    "WaterWipes Plastic-Free Original Baby Wipes, 99.9% Water Based, Unscented, {packs} Packs ({count} Wipes)",
    21.99,
    [
        "Made with just 99.9% water and a drop of fruit extract - one of the purest baby wipes on the market.",
        "Suitable for newborns and babies with eczema-prone skin.",
    ],
    var=dict(packs=[(4, 1.0, {"count": 240}), (9, 1.9, {"count": 540})]),
    target="baby",
    zh="WaterWipes 纯水婴儿湿巾 {count}抽",
)
L(
    W,
    "baby_wipes",
    "The Honest Company",
    "The Honest Company Clean Conscious Unscented Wipes, Over 99% Water, 576 Count",
    24.99,
    ["Plant-based wipes that are tough enough for messes and gentle on baby's skin."],
    target="baby",
)

B = "Baby > Feeding > Baby Bottles"
L(
    B,
    "baby_bottle",
    "Dr. Brown's",
    "Dr. Brown's Natural Flow Anti-Colic Options+ Wide-Neck Baby Bottles, {oz} oz, {pack}-Pack",
    18.99,
    [
        "The patented internal vent system reduces colic, spit-up, burping and gas.",
        "Includes Level 1 slow-flow nipples; BPA-free and dishwasher safe.",
    ],
    var=dict(oz=[(5, 1.0), (9, 1.1)], pack=[(2, 1.0), (4, 1.75)]),
    target="baby",
    zh="布朗博士 Dr. Brown's 防胀气宽口径奶瓶 {oz}oz {pack}个装",
)
L(
    B,
    "baby_bottle",
    "Philips Avent",
    "Philips Avent Natural Baby Bottle with Natural Response Nipple, Clear, {oz} oz, {pack}-Pack",
    22.99,
    [
        "The Natural Response nipple releases milk only when baby actively drinks, just like breastfeeding.",
        "Anti-colic valve and easy-to-clean wide neck.",
    ],
    var=dict(oz=[(4, 1.0), (9, 1.05), (11, 1.1)], pack=[(3, 1.0), (4, 1.25)]),
    n=4,
    target="baby",
    zh="新安怡 Philips Avent 自然原生奶瓶 {oz}oz {pack}只装",
)
L(
    B,
    "baby_bottle",
    "Comotomo",
    "Comotomo Baby Bottle, {color}, {oz} oz, 2-Pack",
    25.99,
    ["Soft, squeezable silicone bottle that feels like mom, with dual anti-colic vents."],
    var=dict(color=["Green", "Pink", "Blue"], oz=[(5, 1.0), (8, 1.1)]),
    n=4,
    target="baby",
)
L(
    B,
    "baby_bottle",
    "Tommee Tippee",
    "Tommee Tippee Closer to Nature Baby Bottle, Slow Flow Breast-Like Nipple, {oz} oz, 4-Pack",
    24.99,
    ["A breast-like nipple with a natural flex and an easy-latch shape."],
    var=dict(oz=[(5, 1.0), (9, 1.1)]),
    target="baby",
)
L(
    "Baby > Feeding > Bottle Nipples",
    "bottle_nipple",
    "Dr. Brown's",
    "Dr. Brown's Options+ Wide-Neck Bottle Nipples, Level {level}, 2-Pack",
    8.99,
    ["Replacement silicone nipples for Dr. Brown's wide-neck bottles."],
    var=dict(level=[("1", 1.0), ("2", 1.0), ("3", 1.0)]),
    target="baby",
)
L(
    "Baby > Feeding > Cups",
    "sippy_cup",
    "Munchkin",
    "Munchkin Miracle 360 Trainer Cup, {color}, 7 oz, 2-Pack",
    11.99,
    ["Spill-proof trainer cup that lets toddlers drink from anywhere along the rim."],
    var=dict(color=["Blue/Green", "Pink/Purple"]),
    target="baby",
)
L(
    "Baby > Feeding > Pacifiers",
    "pacifier",
    "Philips Avent",
    "Philips Avent Soothie Pacifier, 0-3 Months, Green, 2-Pack",
    6.49,
    ["The hospital-favorite one-piece silicone pacifier."],
    target="baby",
)

BL = "Baby > Bath & Skin Care > Baby Lotion"
L(
    BL,
    "baby_lotion",
    "Aveeno",
    "Aveeno Baby Daily Moisture Lotion with Colloidal Oatmeal, Fragrance-Free, {floz} fl. oz",
    8.99,
    [
        "Natural colloidal oatmeal and rich emollients moisturize baby's delicate skin for 24 hours.",
        "Pediatrician recommended, hypoallergenic and fragrance-free.",
    ],
    var=dict(floz=[(8, 1.0), (18, 1.6)]),
    target="baby",
    zh="艾惟诺 Aveeno 婴儿燕麦润肤乳 无香 {floz}oz",
    zhd="天然燕麦配方，温和保湿24小时，适合宝宝娇嫩肌肤，无香料。",
)
L(
    BL,
    "baby_lotion",
    "Johnson's",
    "Johnson's Baby Lotion, {scent}, Hypoallergenic, {floz} fl. oz",
    6.49,
    ["A light, non-greasy baby lotion that absorbs quickly and leaves skin soft."],
    var=dict(scent=["Original", "Bedtime with Lavender"], floz=[(16.9, 1.0), (27.1, 1.4)]),
    n=3,
    target="baby",
    zh="强生 Johnson's 婴儿润肤露 {floz}oz",
)
L(
    BL,
    "baby_lotion",
    "Cetaphil",
    "Cetaphil Baby Daily Lotion with Organic Calendula, 13.5 fl oz",
    11.99,
    ["Vitamin E and sweet almond oil help soothe and protect delicate skin from dryness."],
    target="baby",
)
L(
    BL,
    "baby_lotion",
    "Mustela",
    "Mustela Hydra Bebe Body Lotion, Baby Moisturizer with Avocado, 10.14 fl oz",
    17.00,
    ["A French pharmacy favorite with natural avocado to hydrate and protect baby's skin barrier."],
    target="baby",
    zh="妙思乐 Mustela 婴儿保湿身体乳 300ml",
)
L(
    BL,
    "baby_lotion",
    "CeraVe",
    "CeraVe Baby Moisturizing Lotion, Gentle Baby Skin Care with Ceramides, 8 oz",
    11.49,
    ["Developed with pediatric dermatologists; three essential ceramides help restore the skin barrier."],
    target="baby",
)
L(
    "Baby > Bath & Skin Care > Baby Ointment",
    "baby_ointment",
    "Aquaphor",
    "Aquaphor Baby Healing Ointment, Advanced Therapy, {oz} oz Jar",
    14.49,
    ["Provides soothing relief for chapped cheeks, diaper rash and minor scrapes."],
    var=dict(oz=[(7, 1.0), (14, 1.6)]),
    target="baby",
)
L(
    "Baby > Diapering > Diaper Rash Cream",
    "diaper_cream",
    "Desitin",
    "Desitin Maximum Strength Baby Diaper Rash Cream with Zinc Oxide, 4.8 oz",
    9.99,
    ["40% zinc oxide forms a protective barrier that soothes and treats diaper rash overnight."],
    target="baby",
)
L(
    "Baby > Diapering > Diaper Rash Cream",
    "diaper_cream",
    "Boudreaux's",
    "Boudreaux's Butt Paste Original Diaper Rash Cream, 4 oz",
    7.99,
    ["Pediatrician-recommended diaper cream with 16% zinc oxide, free of dyes and parabens."],
    target="baby",
)
L(
    "Baby > Bath & Skin Care > Baby Shampoo & Wash",
    "baby_wash",
    "Johnson's",
    "Johnson's Head-to-Toe Gentle Baby Body Wash & Shampoo, {floz} fl. oz",
    7.49,
    ["Tear-free formula that gently cleanses from head to toe."],
    var=dict(floz=[(13.6, 1.0), (27.1, 1.6)]),
    target="baby",
    zh="强生 婴儿洗发沐浴二合一 无泪配方 {floz}oz",
)
L(
    "Baby > Bath & Skin Care > Baby Shampoo & Wash",
    "baby_wash",
    "Aveeno",
    "Aveeno Baby Daily Moisture Wash & Shampoo, Lightly Scented, 18 fl oz",
    10.49,
    ["Tear-free wash and shampoo with natural oat extract."],
    target="baby",
)
L(
    "Baby > Bath & Skin Care > Baby Sunscreen",
    "sunscreen",
    "Neutrogena",
    "Neutrogena Pure & Free Baby Mineral Sunscreen Lotion, Broad Spectrum SPF 50, 3 fl oz",
    12.99,
    ["Tear-free mineral sunscreen with 100% zinc oxide, gentle enough for babies' sensitive skin."],
    target="baby",
    spf=50,
)
L(
    "Baby > Bath & Skin Care > Baby Sunscreen",
    "sunscreen",
    "Thinkbaby",
    "Thinkbaby Safe Sunscreen SPF 50+, Water Resistant, 3 fl oz",
    9.99,
    ["Mineral sunscreen that is free of harmful chemicals and water resistant for 80 minutes."],
    target="baby",
    spf=50,
)

# ===========================================================================
# 3. SKINCARE & COSMETICS
# ===========================================================================
section("bty")
SK = "Beauty > Skin Care > "
MU = "Beauty > Makeup > "

L(
    SK + "Serums",
    "serum",
    "Estée Lauder",
    "Estée Lauder Advanced Night Repair Synchronized Multi-Recovery Complex Serum, {oz} oz",
    85.00,
    [
        "Our #1 repair serum reduces the look of multiple signs of aging, including lines, wrinkles and dullness.",
        "Skin looks smoother, more radiant and more even-toned after just one week.",
        "Apply morning and night before moisturizer.",
    ],
    var=dict(oz=[(1.0, 1.0, {"ml": 30}), (1.7, 1.55, {"ml": 50}), (2.5, 2.1, {"ml": 75})]),
    zh="雅诗兰黛 小棕瓶 特润修护肌活精华露 {ml}ml",
    line="advanced night repair",
    target="women",
    zhd="雅诗兰黛第七代小棕瓶精华，修护肌肤、淡化细纹，早晚均可使用。",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Estée Lauder",
    "Estée Lauder Advanced Night Repair Eye Supercharged Gel-Creme, 0.5 oz",
    78.00,
    [
        "A lightweight eye gel-creme that hydrates for 24 hours and visibly reduces puffiness and dark circles.",
        "Ophthalmologist tested and suitable for contact lens wearers.",
    ],
    zh="雅诗兰黛 小棕瓶眼霜 特润修护眼部精华霜 15ml",
    line="advanced night repair",
    target="women",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Estée Lauder",
    "Estée Lauder Revitalizing Supreme+ Youth Power Eye Balm, 0.5 oz",
    72.00,
    ["A cooling eye balm that lifts and firms the look of the delicate eye area."],
    target="women",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Estée Lauder",
    "Estée Lauder Revitalizing Supreme+ Youth Power Creme Moisturizer, {oz} oz",
    75.00,
    [
        "A rich yet lightweight creme that visibly lifts, firms and brightens.",
        "Infused with moringa extract for 72-hour hydration.",
    ],
    var=dict(oz=[(1.0, 1.0), (1.7, 1.4), (2.5, 1.8)]),
    n=2,
    form="cream",
    area="face",
    target="women",
    zh="雅诗兰黛 多效智妍面霜 {oz}oz",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Estée Lauder",
    "Estée Lauder DayWear Advanced Multi-Protection Anti-Oxidant Creme SPF 15, 1.7 oz",
    62.00,
    ["A daily antioxidant creme with SPF 15 that protects against environmental aggressors."],
    form="cream",
    area="face",
    spf=15,
    target="women",
)
L(
    MU + "Foundation",
    "foundation",
    "Estée Lauder",
    "Estée Lauder Double Wear Stay-in-Place Foundation SPF 10, {shade}, 1 oz",
    52.00,
    [
        "24-hour wear, medium-to-full coverage foundation with a natural matte finish.",
        "Oil-free and transfer-resistant through heat and humidity.",
    ],
    var=dict(shade=["1W1 Bone", "1W2 Sand", "2C0 Cool Vanilla", "2W1 Dawn", "3W1 Tawny", "4N1 Shell Beige"]),
    n=4,
    zh="雅诗兰黛 DW持妆粉底液 {shade} 30ml",
    target="women",
)
L(
    MU + "Lipstick",
    "lipstick",
    "Estée Lauder",
    "Estée Lauder Pure Color Creme Lipstick, {shade}",
    38.00,
    ["Intense, rich color with a luxurious creme finish that feels weightless."],
    var=dict(
        shade=[
            ("Rebellious Rose", 1.0, {"shade_family": "pink"}),
            ("Envious", 1.0, {"shade_family": "red"}),
            ("Impassioned", 1.0, {"shade_family": "red"}),
        ]
    ),
    target="women",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Kiehl's",
    "Kiehl's Ultra Facial Cream with Squalane, 24-Hour Hydration, {floz} fl oz",
    38.00,
    [
        "A lightweight daily face cream with squalane and glacial glycoprotein for all skin types.",
        "Provides lasting hydration and is gentle enough for sensitive skin.",
        "Absorbs quickly without a greasy finish.",
    ],
    var=dict(floz=[(1.7, 1.0, {"ml": 50}), (4.2, 1.9, {"ml": 125}), (6.8, 2.6, {"ml": 200})]),
    zh="科颜氏 Kiehl's 高保湿面霜 {ml}ml",
    form="cream",
    area="face",
    target="unisex",
    zhd="科颜氏经典高保湿面霜，含角鲨烷，24小时持续保湿，适合各种肤质。",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Kiehl's",
    "Kiehl's Creamy Eye Treatment with Avocado, {oz} oz",
    36.00,
    ["A rich, creamy eye cream with avocado oil and shea butter to nourish the delicate eye area."],
    var=dict(oz=[(0.5, 1.0, {"ml": 14}), (0.95, 1.6, {"ml": 28})]),
    zh="科颜氏 牛油果眼霜 {ml}g",
    target="unisex",
)
L(
    SK + "Serums",
    "serum",
    "Kiehl's",
    "Kiehl's Midnight Recovery Concentrate Face Oil, {floz} fl oz",
    56.00,
    ["A lightweight face oil with lavender essential oil and evening primrose that visibly restores skin overnight."],
    var=dict(floz=[(1.0, 1.0), (1.7, 1.45)]),
    target="unisex",
    zh="科颜氏 夜间修护精华油 {floz}oz",
)
L(
    SK + "Cleansers",
    "cleanser",
    "Kiehl's",
    "Kiehl's Ultra Facial Cleanser, Gentle Foaming Face Wash, {floz} fl oz",
    24.00,
    ["A gentle foaming cleanser with apricot kernel oil that removes dirt without stripping skin."],
    var=dict(floz=[(5.0, 1.0), (8.4, 1.4)]),
    target="unisex",
)
L(
    SK + "Toners",
    "toner",
    "Kiehl's",
    "Kiehl's Calendula Herbal Extract Alcohol-Free Toner, {floz} fl oz",
    36.00,
    ["Alcohol-free toner with hand-picked calendula petals to soothe and balance skin."],
    var=dict(floz=[(8.4, 1.0), (16.9, 1.6)]),
    target="unisex",
    zh="科颜氏 金盏花爽肤水 {floz}oz",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Kiehl's",
    "Kiehl's Facial Fuel Energizing Moisture Treatment for Men, {floz} fl oz",
    34.00,
    ["An energizing moisturizer for men with caffeine and vitamin E that invigorates dull, tired-looking skin."],
    var=dict(floz=[(2.5, 1.0), (4.2, 1.35)]),
    form="lotion",
    area="face",
    target="men",
    zh="科颜氏 男士活力保湿乳 {floz}oz",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Clinique",
    "Clinique Moisture Surge 100H Auto-Replenishing Hydrator, {oz} oz",
    45.00,
    [
        "A refreshing gel-cream with aloe bio-ferment and hyaluronic acid for 100 hours of hydration.",
        "Oil-free and allergy tested.",
    ],
    var=dict(oz=[(1.0, 1.0), (1.7, 1.3), (2.5, 1.7)]),
    form="cream",
    area="face",
    target="unisex",
    zh="倩碧 Clinique 水磁场 100H 保湿面霜 {oz}oz",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Clinique",
    "Clinique Dramatically Different Moisturizing Lotion+, {floz} fl oz",
    32.00,
    [
        "Clinique's iconic yellow moisturizer that strengthens skin's moisture barrier.",
        "Lightweight, silky lotion for very dry to dry combination skin.",
    ],
    var=dict(floz=[(1.7, 1.0), (4.2, 1.6), (6.7, 2.1)]),
    form="lotion",
    area="face",
    target="unisex",
    zh="倩碧 天才黄油 卓越润肤乳 {floz}oz",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Clinique",
    "Clinique All About Eyes Eye Cream, Reduces Puffs & Dark Circles, 0.5 oz",
    39.00,
    ["A light cream-gel that reduces the look of puffs, circles and fine dryness lines."],
    target="unisex",
)
L(
    SK + "Cleansers",
    "cleanser",
    "Clinique",
    "Clinique Liquid Facial Soap, {skin} Skin, 6.7 fl oz",
    24.00,
    ["Step one of Clinique's 3-Step skin care system: a gentle, non-drying liquid soap."],
    var=dict(skin=["Mild (Dry Combination)", "Oily"]),
    target="unisex",
)
L(
    MU + "Lipstick",
    "lipstick",
    "Clinique",
    "Clinique Almost Lipstick, Black Honey, 0.06 oz",
    24.00,
    ["The cult-favorite sheer lipstick in Black Honey, a berry shade that flatters every skin tone."],
    shade="Black Honey",
    shade_family="berry",
    target="women",
    zh="倩碧 黑蜂蜜口红 Black Honey",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "CeraVe",
    "CeraVe Moisturizing Cream for Face and Body, with Hyaluronic Acid and Ceramides, {oz} oz",
    14.99,
    [
        "Developed with dermatologists, this rich, non-greasy cream restores the protective skin barrier with three essential ceramides.",
        "Fragrance-free and non-comedogenic; accepted by the National Eczema Association.",
        "Use on face and body, including hands.",
    ],
    var=dict(oz=[(12, 1.0), (16, 1.2), (19, 1.35)]),
    form="cream",
    area="face_body",
    target="unisex",
    zh="CeraVe 适乐肤 C霜 修护保湿霜 {oz}oz",
    zhd="含三重神经酰胺和透明质酸，修护皮肤屏障，面部和身体均可使用。",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "CeraVe",
    "CeraVe AM Facial Moisturizing Lotion with Sunscreen SPF 30, Oil-Free, 3 fl oz",
    17.99,
    ["A lightweight morning face lotion with broad-spectrum SPF 30, niacinamide and ceramides."],
    form="lotion",
    area="face",
    spf=30,
    target="unisex",
    zh="CeraVe 适乐肤 日间保湿乳 SPF30 89ml",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "CeraVe",
    "CeraVe PM Facial Moisturizing Lotion, Night Cream with Niacinamide, {floz} fl oz",
    16.99,
    ["An oil-free night lotion that hydrates and calms skin while you sleep."],
    var=dict(floz=[(3, 1.0), (4, 1.2)]),
    form="lotion",
    area="face",
    target="unisex",
    zh="CeraVe 适乐肤 PM乳 夜间修护乳液 {floz}oz",
)
L(
    SK + "Cleansers",
    "cleanser",
    "CeraVe",
    "CeraVe Hydrating Facial Cleanser, Moisturizing Non-Foaming Face Wash, {floz} fl oz",
    15.99,
    [
        "Gently removes dirt, oil and makeup without disrupting the skin barrier.",
        "Formulated with ceramides and hyaluronic acid for normal to dry skin.",
    ],
    var=dict(floz=[(8, 0.8), (12, 1.0), (16, 1.2), (19, 1.35)]),
    target="unisex",
    zh="CeraVe 适乐肤 氨基酸洗面奶 温和保湿 {floz}oz",
)
L(
    SK + "Cleansers",
    "cleanser",
    "CeraVe",
    "CeraVe Foaming Facial Cleanser for Normal to Oily Skin, {floz} fl oz",
    15.99,
    ["A refreshing foaming gel that removes excess oil without over-drying, with niacinamide."],
    var=dict(floz=[(12, 1.0), (16, 1.2)]),
    target="unisex",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "CeraVe",
    "CeraVe Eye Repair Cream for Dark Circles and Puffiness, 0.5 oz",
    14.99,
    ["Marine and botanical complex brightens the look of dark circles while ceramides restore skin."],
    target="unisex",
)
L(
    SK + "Serums",
    "serum",
    "CeraVe",
    "CeraVe Hydrating Hyaluronic Acid Serum with Vitamin B5, 1 oz",
    18.99,
    ["A gel serum with hyaluronic acid and vitamin B5 that delivers instant hydration."],
    target="unisex",
)
L(
    SK + "Body Lotion",
    "body_lotion",
    "CeraVe",
    "CeraVe Daily Moisturizing Lotion for Dry Skin, Body Lotion, {floz} fl oz",
    13.99,
    ["A lightweight, oil-free body lotion that provides 24-hour hydration."],
    var=dict(floz=[(12, 1.0), (19, 1.35)]),
    target="unisex",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "Neutrogena",
    "Neutrogena Ultra Sheer Dry-Touch Sunscreen Lotion, Broad Spectrum SPF {spf}, 3 fl oz",
    10.99,
    [
        "Lightweight, non-greasy sunscreen with Helioplex technology for broad-spectrum UVA/UVB protection.",
        "Water resistant for 80 minutes, with a clean dry-touch finish.",
        "Non-comedogenic and fragrance-light - a beach-bag staple.",
    ],
    var=dict(spf=[(30, 1.0), (45, 1.0), (55, 1.05), (70, 1.1), (100, 1.15)]),
    target="unisex",
    zh="露得清 Neutrogena 清透防晒霜 SPF{spf} 88ml",
    area="face_body",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Neutrogena",
    "Neutrogena Hydro Boost Water Gel Face Moisturizer with Hyaluronic Acid, 1.7 oz",
    19.99,
    ["A refreshing water gel that quenches dry skin and keeps it looking smooth and supple all day."],
    form="gel",
    area="face",
    target="unisex",
    zh="露得清 水活盈透保湿凝露 水光面霜 50g",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Neutrogena",
    "Neutrogena Hydro Boost Gel-Cream for Extra-Dry Skin, Fragrance-Free, 1.7 oz",
    21.99,
    ["A richer gel-cream formula that intensely hydrates extra-dry skin."],
    form="cream",
    area="face",
    target="unisex",
)
L(
    SK + "Cleansers",
    "cleanser",
    "Neutrogena",
    "Neutrogena Hydro Boost Hydrating Cleansing Gel with Hyaluronic Acid, 6 fl oz",
    8.99,
    ["A gentle gel cleanser that lathers into a rich foam and leaves skin hydrated."],
    target="unisex",
)
L(
    SK + "Cleansers",
    "cleanser",
    "Neutrogena",
    "Neutrogena Oil-Free Acne Wash with Salicylic Acid, 9.1 fl oz",
    9.49,
    ["Daily acne face wash with salicylic acid to clear breakouts and prevent new ones."],
    target="unisex",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Neutrogena",
    "Neutrogena Rapid Wrinkle Repair Retinol Eye Cream, 0.5 oz",
    24.99,
    ["Accelerated retinol SA smooths the look of crow's feet and fine lines around the eyes."],
    target="unisex",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "Neutrogena",
    "Neutrogena Clear Face Oil-Free Sunscreen for Acne-Prone Skin, SPF 50, 3 fl oz",
    11.99,
    ["A lightweight, fragrance-free face sunscreen that will not clog pores."],
    spf=50,
    area="face",
    target="unisex",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "La Roche-Posay",
    "La Roche-Posay Anthelios Melt-In Milk Sunscreen SPF {spf}, Face & Body, 5 fl oz",
    37.99,
    [
        "Fast-absorbing, velvety sunscreen milk with Cell-Ox Shield technology for face and body.",
        "Oxybenzone-free and water resistant for 80 minutes.",
    ],
    var=dict(spf=[(60, 1.0), (100, 1.05)]),
    area="face_body",
    target="unisex",
    zh="理肤泉 大哥大 特护清盈防晒乳 SPF{spf}",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "La Roche-Posay",
    "La Roche-Posay Anthelios UV Correct SPF 70 Face Sunscreen with Niacinamide, 1.7 fl oz",
    36.99,
    ["A weightless daily face sunscreen with niacinamide that also evens out skin tone."],
    spf=70,
    area="face",
    target="unisex",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "La Roche-Posay",
    "La Roche-Posay Toleriane Double Repair Face Moisturizer, Oil-Free, 2.5 fl oz",
    23.99,
    ["A daily face moisturizer with ceramide-3, niacinamide and prebiotic thermal water for sensitive skin."],
    form="lotion",
    area="face",
    target="unisex",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "Supergoop!",
    "Supergoop! Unseen Sunscreen SPF 40, Invisible Oil-Free Face Sunscreen, {floz} fl oz",
    22.00,
    ["A totally invisible, weightless, scentless face sunscreen that doubles as a makeup-gripping primer."],
    var=dict(floz=[(1.0, 1.0), (1.7, 1.7)]),
    spf=40,
    area="face",
    target="unisex",
)
L(
    SK + "Sunscreen",
    "sunscreen",
    "EltaMD",
    "EltaMD UV Clear Face Sunscreen SPF 46, Oil-Free, {tint}, 1.7 oz",
    41.00,
    ["A dermatologist-favorite face sunscreen with niacinamide that calms sensitive, acne-prone skin."],
    var=dict(tint=["Untinted", "Tinted"]),
    spf=46,
    area="face",
    target="unisex",
    zh="EltaMD 清透面部防晒霜 SPF46 48g",
)
L(
    MU + "Lipstick",
    "lipstick",
    "MAC",
    "MAC Matte Lipstick, {shade}, 0.1 oz",
    23.00,
    [
        "MAC's iconic matte lipstick with rich, full-coverage color and a no-shine finish.",
        "Long-wearing and highly pigmented in a classic bullet.",
    ],
    var=dict(
        shade=[
            ("Ruby Woo", 1.0, {"shade_family": "red", "shade_note": "a vivid blue-red"}),
            ("Chili", 1.0, {"shade_family": "red", "shade_note": "a warm brick red"}),
            ("Russian Red", 1.0, {"shade_family": "red", "shade_note": "an intense bluish red"}),
            ("Velvet Teddy", 1.0, {"shade_family": "nude", "shade_note": "a deep-tone beige"}),
            ("Whirl", 1.0, {"shade_family": "nude", "shade_note": "a dirty rose"}),
            ("Mehr", 1.0, {"shade_family": "pink", "shade_note": "a dirty blue pink"}),
            ("Marrakesh", 1.0, {"shade_family": "brown", "shade_note": "a reddish brown"}),
            ("Diva", 1.0, {"shade_family": "red", "shade_note": "an intense dark burgundy"}),
        ]
    ),
    vd=["Shade {shade} is {shade_note}.", "{shade}: {shade_note} with a matte finish."],
    zh="MAC 魅可 子弹头口红 哑光 {shade}",
    target="women",
)
L(
    MU + "Foundation",
    "foundation",
    "MAC",
    "MAC Studio Fix Fluid SPF 15 24HR Matte Foundation + Oil Control, {shade}, 1 oz",
    39.00,
    ["A modern, medium-to-full coverage foundation with a natural matte finish and 24-hour wear."],
    var=dict(shade=["NC15", "NC20", "NC25", "NC30", "NW20"]),
    n=4,
    target="women",
    zh="MAC 魅可 定制无瑕粉底液 {shade}",
)
L(
    MU + "Lip Gloss",
    "lip_gloss",
    "MAC",
    "MAC Lipglass Lip Gloss, Clear, 0.1 oz",
    22.00,
    ["A high-shine, non-sticky gloss worn alone or over lipstick."],
    target="women",
)
L(
    MU + "Lipstick",
    "lipstick",
    "Maybelline",
    "Maybelline SuperStay Matte Ink Liquid Lipstick, Long Lasting, {shade}",
    9.99,
    ["Up to 16-hour wear liquid lipstick with an arrow applicator for precise, matte color."],
    var=dict(
        shade=[
            ("Pioneer", 1.0, {"shade_family": "red"}),
            ("Lover", 1.0, {"shade_family": "pink"}),
            ("Seductress", 1.0, {"shade_family": "nude"}),
            ("Heroine", 1.0, {"shade_family": "red"}),
        ]
    ),
    target="women",
    zh="美宝莲 Maybelline 唇釉 哑光持久 {shade}",
)
L(
    "Beauty > Lip Care > Lip Balm",
    "lip_balm",
    "Burt's Bees",
    "Burt's Bees 100% Natural Moisturizing Lip Balm, Original Beeswax, 4 Tubes",
    11.99,
    ["Beeswax, vitamin E and peppermint oil nourish and refresh lips."],
    target="unisex",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Olay",
    "Olay Regenerist Micro-Sculpting Cream Face Moisturizer, {scent}, 1.7 oz",
    29.99,
    ["Hydrates to improve elasticity and firm skin, with amino-peptides, niacinamide and hyaluronic acid."],
    var=dict(scent=["Original", "Fragrance-Free"]),
    form="cream",
    area="face",
    target="women",
    zh="玉兰油 Olay 新生塑颜 大红瓶 面霜 50g",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Olay",
    "Olay Regenerist Retinol 24 Night Face Moisturizer, Fragrance-Free, 1.7 oz",
    38.99,
    ["A night moisturizer with retinol and vitamin B3 complex for smooth, bright skin by morning."],
    form="cream",
    area="face",
    target="women",
)
L(
    SK + "Serums",
    "serum",
    "Olay",
    "Olay Regenerist Retinol 24 Max Night Serum, Fragrance-Free, 1.3 oz",
    39.99,
    ["Our most concentrated retinoid serum - smooth, bright skin with hydration that lasts 24 hours."],
    target="women",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Olay",
    "Olay Eyes Retinol 24 Night Eye Cream, Fragrance-Free, 0.5 oz",
    29.99,
    ["A silky night eye cream that reduces the look of fine lines and dark circles."],
    target="women",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "Olay",
    "Olay Total Effects 7-in-1 Face Moisturizer with SPF 15, 1.7 oz",
    24.99,
    ["Fights seven signs of aging and protects with SPF 15 sunscreen."],
    form="lotion",
    area="face",
    spf=15,
    target="women",
)
L(
    SK + "Serums",
    "serum",
    "The Ordinary",
    "The Ordinary Niacinamide 10% + Zinc 1% Blemish Serum, {ml} ml",
    6.00,
    ["A high-strength vitamin and mineral formula that visibly reduces blemishes and balances oil."],
    var=dict(ml=[(30, 1.0), (60, 1.75)]),
    target="unisex",
    zh="The Ordinary 烟酰胺精华 10%+锌1% {ml}ml",
)
L(
    SK + "Serums",
    "serum",
    "The Ordinary",
    "The Ordinary Hyaluronic Acid 2% + B5 Hydrating Serum, {ml} ml",
    8.90,
    ["Multi-depth hydration with low, medium and high molecular weight hyaluronic acid."],
    var=dict(ml=[(30, 1.0), (60, 1.7)]),
    target="unisex",
)
L(
    SK + "Face Moisturizers",
    "face_cream",
    "The Ordinary",
    "The Ordinary Natural Moisturizing Factors + HA, 30 ml",
    7.80,
    ["A non-greasy surface hydrator with amino acids, fatty acids and hyaluronic acid."],
    form="cream",
    area="face",
    target="unisex",
)
L(
    SK + "Serums",
    "serum",
    "Lancôme",
    "Lancôme Advanced Génifique Face Serum, Radiance Boosting Serum with Probiotics, {oz} oz",
    80.00,
    ["A skin-barrier boosting serum with probiotic fractions for visibly radiant, younger-looking skin."],
    var=dict(oz=[(1.0, 1.0, {"ml": 30}), (1.7, 1.5, {"ml": 50}), (2.5, 2.0, {"ml": 75})]),
    zh="兰蔻 小黑瓶 精华肌底液 {ml}ml",
    target="women",
)
L(
    SK + "Eye Creams",
    "eye_cream",
    "Lancôme",
    "Lancôme Advanced Génifique Light-Pearl Eye Illuminating Serum, 0.67 oz",
    75.00,
    ["A pearl-applicator eye serum that brightens and depuffs the eye area."],
    target="women",
    zh="兰蔻 小黑瓶 大眼精华 发光眼霜 20ml",
)

# ===========================================================================
# 4. BAGS
# ===========================================================================
section("bag")
HB = "Apparel & Accessories > Handbags, Wallets & Cases > "


def bag(sub, bag_type, brand, title, price, desc, colors, target="women", zh=None, n=None, **kw):
    type = {"wallet": "wallet", "card_case": "wallet", "backpack": "backpack", "diaper_bag": "diaper_bag"}.get(
        bag_type, "handbag"
    )
    L(
        HB + sub,
        type,
        brand,
        title,
        price,
        desc,
        var=dict(color=colors),
        zh=zh,
        n=n,
        bag_type=bag_type,
        target=target,
        **kw,
    )


bag(
    "Handbags",
    "shoulder",
    "Coach",
    "Coach Tabby Shoulder Bag 26 in Polished Pebble Leather, {color}",
    450.00,
    [
        "The Tabby is inspired by a 1970s archival Coach design, finished with our Signature hardware.",
        "Wear it on the shoulder with the short strap or crossbody with the detachable long strap.",
        "Polished pebble leather with a snap closure and inside multifunction pocket.",
    ],
    ["Black", "Chalk", "Brass/Light Saddle", "Wine"],
    zh="蔻驰 Coach Tabby 26 单肩包 斜挎包 {color}",
    convertible=True,
)
bag(
    "Handbags",
    "shoulder",
    "Coach",
    "Coach Pillow Tabby Shoulder Bag 26, Nappa Leather, {color}",
    495.00,
    ["A puffy, pillow-soft take on the Tabby in quilted nappa leather.", "Detachable shoulder and crossbody straps."],
    ["Black", "Glacier White", "Bubblegum"],
    convertible=True,
    zh="蔻驰 Coach 枕头包 Pillow Tabby 26 {color}",
)
bag(
    "Handbags",
    "tote",
    "Coach",
    "Coach Willow Tote 24 in Pebble Leather, {color}",
    395.00,
    [
        "A structured tote with a zip-top closure and two interior slip pockets - roomy enough for a 13-inch laptop.",
        "Refined pebble leather with brass hardware.",
    ],
    ["Black", "Chalk", "Saddle"],
    zh="蔻驰 Coach 托特包 女 大容量 通勤包 {color}",
)
bag(
    "Handbags",
    "tote",
    "Coach",
    "Coach Field Tote 30 in Signature Canvas, {color}",
    450.00,
    ["Our Signature canvas tote with leather trim and an outside zip pocket for everyday essentials."],
    ["Tan/Rust", "Charcoal/Black"],
)
bag(
    "Handbags",
    "tote",
    "Coach",
    "Coach City Tote in Signature Canvas, {color}",
    178.00,
    [
        "The go-to everyday tote in coated Signature canvas with smooth leather handles.",
        "Inside zip and multifunction pockets.",
    ],
    ["Khaki/Saddle", "Brown/Black"],
    zh="蔻驰 Coach 老花托特包 City Tote {color}",
)
bag(
    "Handbags",
    "crossbody",
    "Coach",
    "Coach Jes Crossbody in Signature Canvas, {color}",
    198.00,
    ["A compact crossbody with a front zip pocket and adjustable strap, sized for phone, keys and cards."],
    ["Brown/Black", "Khaki/Chalk"],
)
bag(
    "Handbags",
    "shoulder",
    "Coach",
    "Coach Teri Shoulder Bag in Signature Leather, {color}",
    295.00,
    ["A curved, slouchy shoulder bag with a magnetic snap and polished C hardware."],
    ["Black", "Tan"],
)
bag(
    "Backpacks",
    "backpack",
    "Coach",
    "Coach Charter Backpack 24 in Pebble Leather, {color}",
    450.00,
    [
        "A clean, minimal men's backpack with a padded laptop sleeve and front zip pocket.",
        "Pebble leather with a zip-top closure.",
    ],
    ["Black", "Amazon Green"],
    target="men",
    zh="蔻驰 Coach 男士双肩包 Charter 24 {color}",
)
bag(
    "Backpacks",
    "backpack",
    "Coach",
    "Coach Court Backpack in Signature Canvas, {color}",
    378.00,
    ["A women's backpack in Signature canvas with a zip-top closure and adjustable shoulder straps."],
    ["Brown/Black", "Khaki/Chalk"],
    zh="蔻驰 Coach 老花双肩包 女款 {color}",
)
bag(
    "Wallets",
    "wallet",
    "Coach",
    "Coach Long Zip Around Wallet in Pebble Leather, {color}",
    250.00,
    [
        "A full-length zip-around wallet with 12 credit card slots, a zip coin pocket and a full-length bill compartment."
    ],
    ["Black", "Chalk", "Bubblegum"],
    zh="蔻驰 Coach 女士长款拉链钱包 {color}",
)
bag(
    "Wallets",
    "wallet",
    "Coach",
    "Coach Men's Slim Billfold Wallet in Sport Calf Leather, {color}",
    150.00,
    ["A slim men's billfold with eight card slots and two bill compartments."],
    ["Black", "Saddle"],
    target="men",
    zh="蔻驰 男士短款钱包 {color}",
)
bag(
    "Wallets",
    "card_case",
    "Coach",
    "Coach Mini Skinny ID Case in Signature Canvas, {color}",
    98.00,
    ["A mini ID case with a key ring that clips onto your bag."],
    ["Brown/Black", "Khaki/Saddle"],
)
bag(
    "Handbags",
    "tote",
    "Michael Kors",
    "Michael Kors Jet Set Travel Large Saffiano Leather Tote Bag, {color}",
    398.00,
    [
        "A roomy top-zip tote in scratch-resistant Saffiano leather with gold-tone hardware.",
        "Fits a laptop, water bottle and everything in between.",
        "Interior features a zip pocket and slip pockets.",
    ],
    ["Black", "Luggage", "Powder Blush", "Vanilla"],
    zh="MK Michael Kors Jet Set 大号托特包 十字纹 {color}",
)
bag(
    "Handbags",
    "crossbody",
    "Michael Kors",
    "Michael Kors Jet Set Small Saffiano Leather Crossbody Bag, {color}",
    198.00,
    ["A compact zip-top crossbody in Saffiano leather with an adjustable chain-link strap."],
    ["Black", "Brown Logo", "Powder Blush"],
    zh="MK 迈克高仕 Jet Set 小号斜挎包 {color}",
)
bag(
    "Handbags",
    "satchel",
    "Michael Kors",
    "Michael Kors Mercer Medium Pebbled Leather Belted Satchel, {color}",
    398.00,
    ["A structured satchel with a belted front and removable crossbody strap."],
    ["Black", "Luggage", "Soft Pink"],
    convertible=True,
)
bag(
    "Handbags",
    "shoulder",
    "Michael Kors",
    "Michael Kors Parker Medium Signature Logo Shoulder Bag, {color}",
    348.00,
    ["A chain-strap shoulder bag in logo-print canvas with a flap closure."],
    ["Brown", "Vanilla"],
)
bag(
    "Backpacks",
    "backpack",
    "Michael Kors",
    "Michael Kors Rhea Medium Quilted Leather Backpack, {color}",
    448.00,
    ["A quilted leather backpack with a drawstring top and zip front pocket."],
    ["Black", "Luggage"],
    zh="MK 迈克高仕 Rhea 女士双肩包 {color}",
)
bag(
    "Backpacks",
    "backpack",
    "Michael Kors",
    "Michael Kors Men's Cooper Signature Logo Backpack, {color}",
    498.00,
    ["A men's backpack in signature logo canvas with a padded laptop compartment."],
    ["Brown", "Black"],
    target="men",
)
bag(
    "Wallets",
    "wallet",
    "Michael Kors",
    "Michael Kors Jet Set Large Saffiano Leather Continental Wallet, {color}",
    198.00,
    ["A zip-around continental wallet with 12 card slots and a wristlet strap."],
    ["Black", "Luggage", "Vanilla"],
    zh="MK 女士长款钱包 手拿包 {color}",
)
bag(
    "Wallets",
    "wallet",
    "Michael Kors",
    "Michael Kors Men's Cooper Leather Billfold Wallet, {color}",
    128.00,
    ["A classic men's bifold in smooth leather with eight card slots."],
    ["Black", "Brown"],
    target="men",
)
bag(
    "Handbags",
    "satchel",
    "Kate Spade New York",
    "Kate Spade New York Knott Medium Satchel, {color}",
    378.00,
    [
        "Our signature knot detail on a structured satchel in smooth pebbled leather.",
        "Top handle plus a removable crossbody strap.",
    ],
    ["Black", "Warm Beige", "Blazer Blue"],
    zh="凯特丝蓓 Kate Spade Knott 手提包 {color}",
    convertible=True,
)
bag(
    "Handbags",
    "tote",
    "Kate Spade New York",
    "Kate Spade New York Spade Flower Jacquard Large Tote, {color}",
    298.00,
    ["A lightweight tote in our spade flower jacquard with leather trim."],
    ["Black Multi", "Natural Multi"],
)
bag(
    "Backpacks",
    "backpack",
    "Kate Spade New York",
    "Kate Spade New York Chelsea Nylon Medium Backpack, {color}",
    278.00,
    ["A lightweight recycled nylon backpack with a front zip pocket and padded straps."],
    ["Black", "Blazer Blue", "Pale Pink"],
    zh="凯特丝蓓 Kate Spade 尼龙双肩包 {color}",
)
bag(
    "Wallets",
    "wallet",
    "Kate Spade New York",
    "Kate Spade New York Morgan Saffiano Leather Compact Wallet, {color}",
    158.00,
    ["A compact bifold with a snap closure, card slots and a zip coin pocket."],
    ["Black", "Warm Beige"],
)
bag(
    "Handbags",
    "crossbody",
    "Kate Spade New York",
    "Kate Spade New York Staci Small Saffiano Leather Crossbody, {color}",
    228.00,
    ["A flap crossbody in scratch-resistant Saffiano leather with an adjustable strap."],
    ["Black", "Warm Gingerbread", "Chalk Pink"],
    zh="凯特丝蓓 小号斜挎包 {color}",
)
bag(
    "Handbags",
    "tote",
    "Tory Burch",
    "Tory Burch Ella Nylon Tote, {color}",
    228.00,
    ["A lightweight, packable nylon tote with leather handles and a Double T logo."],
    ["Black", "Royal Navy"],
)
bag(
    "Handbags",
    "tote",
    "Longchamp",
    "Longchamp Le Pliage Original Large Tote Bag, {color}",
    175.00,
    ["The iconic French foldable tote in recycled nylon canvas with leather trim.", "Folds flat for travel."],
    ["Black", "Navy", "Poppy"],
    zh="珑骧 Longchamp 饺子包 大号 {color}",
)
bag(
    "Wallets",
    "wallet",
    "Fossil",
    "Fossil Men's Derrick Leather RFID-Blocking Bifold Wallet with Flip ID, {color}",
    50.00,
    ["Genuine leather bifold with RFID-blocking lining and a flip-up ID window."],
    ["Brown", "Black"],
    target="men",
)
bag(
    "Backpacks",
    "backpack",
    "JanSport",
    "JanSport SuperBreak Plus Backpack, {color}",
    44.99,
    [
        "The classic school backpack with a dedicated 15-inch laptop sleeve and a side water bottle pocket.",
        "Durable 600D recycled polyester with a lifetime warranty.",
    ],
    ["Black", "Navy", "Cedar Red", "Soft Tan"],
    target="unisex",
    zh="JanSport 杰斯伯 学生双肩包 书包 {color}",
    use="school",
)
bag(
    "Backpacks",
    "backpack",
    "The North Face",
    "The North Face Borealis Commuter Laptop Backpack, 28L, {color}",
    99.00,
    [
        "A 28-liter daypack with a padded laptop sleeve, FlexVent suspension and a bungee system for a jacket.",
        "Equally at home on campus or on a short hike.",
    ],
    ["TNF Black", "Summit Navy", "Asphalt Grey"],
    target="unisex",
    zh="北面 The North Face Borealis 双肩包 28L {color}",
    use="daily",
    capacity_l=28,
)
bag(
    "Backpacks",
    "backpack",
    "The North Face",
    "The North Face Jester Backpack, 27L, {color}",
    75.00,
    ["A versatile everyday backpack with a stand-up design and a padded laptop sleeve."],
    ["TNF Black", "Pink Moss"],
    target="unisex",
    use="daily",
    capacity_l=27,
)
bag(
    "Backpacks",
    "backpack",
    "Herschel",
    "Herschel Little America Backpack, {color}",
    119.99,
    [
        "Mountaineering-inspired backpack with a drawstring closure, magnetic strap buckles and a fleece-lined laptop sleeve."
    ],
    ["Black", "Navy", "Ash Rose"],
    target="unisex",
)
bag(
    "Backpacks",
    "backpack",
    "Fjällräven",
    "Fjällräven Kånken Classic Backpack for Everyday, {color}",
    80.00,
    [
        "The Swedish classic made from durable Vinylon F, with a large zip opening and top handles.",
        "Comes with a removable sitting pad in the back pocket.",
    ],
    ["Black", "Frost Green", "Navy", "Ox Red"],
    target="unisex",
    zh="北极狐 Fjällräven Kånken 经典双肩包 {color}",
)
bag(
    "Backpacks",
    "diaper_bag",
    "Skip Hop",
    "Skip Hop Forma Diaper Bag Backpack with Changing Pad, {color}",
    79.99,
    ["A streamlined diaper backpack with 12 pockets, an insulated bottle pocket and a cushioned changing pad."],
    ["Black", "Heather Grey"],
    target="unisex",
)
bag(
    "Backpacks",
    "backpack",
    "Tumi",
    "Tumi Alpha Bravo Navigation Backpack, {color}",
    450.00,
    ["A business travel backpack in ballistic nylon with a padded laptop compartment and add-a-bag sleeve."],
    ["Black", "Navy"],
    target="men",
    zh="途明 Tumi 男士商务双肩包 {color}",
)
bag(
    "Handbags",
    "crossbody",
    "Coach",
    "Coach Dempsey Camera Bag in Signature Jacquard, {color}",
    250.00,
    ["A compact camera-style crossbody with a Coach patch and adjustable webbing strap."],
    ["Khaki/Black", "Chalk"],
)
bag(
    "Wallets",
    "wallet",
    "Kate Spade New York",
    "Kate Spade New York Spencer Zip-Around Continental Wallet, {color}",
    178.00,
    ["A full-size zip wallet in saffiano leather with 12 card slots."],
    ["Black", "Pale Pink"],
)

# ===========================================================================
# 5. SHOES & APPAREL
# ===========================================================================
section("fsh")
SH = "Apparel & Accessories > Shoes > "
CL = "Apparel & Accessories > Clothing > "
MEN_SIZES = ["8", "9", "9.5", "10", "10.5", "11", "12"]
WOMEN_SIZES = ["6", "7", "7.5", "8", "8.5", "9"]
KID_SIZES = ["3Y", "4Y", "5Y", "6Y"]


def shoe(sub, type, brand, title, price, desc, colors, target, n=4, zh=None, **kw):
    sizes = {"men": MEN_SIZES, "women": WOMEN_SIZES, "kids": KID_SIZES}.get(target, MEN_SIZES)
    L(
        SH + sub,
        type,
        brand,
        title,
        price,
        desc,
        var=dict(color=colors, size=sizes),
        n=n,
        zh=zh,
        target=target,
        vd=[
            "Color: {color}. US {gender_word} size {size}.",
            "Shown in {color}; this listing is US size {size}.",
            "US size {size} in the {color} colorway.",
        ],
        gender_word={"men": "men's", "women": "women's", "kids": "kids'"}.get(target, "unisex"),
        **kw,
    )


shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Men's Air Zoom Pegasus 40 Road Running Shoes, {color}, Size {size}",
    130.00,
    [
        "The Pegasus 40 gives you a springy ride with Nike React foam and two Zoom Air units.",
        "A breathable engineered mesh upper and a wider midfoot make it a true everyday trainer.",
    ],
    ["Black/White-Iron Grey", "White/Pure Platinum", "Midnight Navy/Volt"],
    "men",
    n=5,
    zh="耐克 Nike 男子 飞马40 Pegasus 40 跑步鞋 缓震跑鞋 {color} {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Women's Air Zoom Pegasus 40 Road Running Shoes, {color}, Size {size}",
    130.00,
    ["Responsive React foam and Zoom Air cushioning for daily miles.", "A softer, more secure midfoot wrap."],
    ["Black/White", "White/Pink Foam"],
    "women",
    zh="耐克 女子 飞马40 跑步鞋 {color} {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Men's Revolution 7 Road Running Shoes, {color}, Size {size}",
    70.00,
    ["A lightweight, soft-foam running shoe built for everyday runs and walks at a great value."],
    ["Black/White", "Wolf Grey/Black"],
    "men",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Women's Revolution 7 Road Running Shoes, {color}, Size {size}",
    70.00,
    ["Soft foam cushioning and a breathable knit upper for easy daily runs."],
    ["White/Pink", "Black/White"],
    "women",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Men's Invincible 3 Road Running Shoes, {color}, Size {size}",
    180.00,
    ["Maximum ZoomX foam cushioning for recovery runs and long miles."],
    ["Black/White", "White/Photon Dust"],
    "men",
    n=3,
)
shoe(
    "Sneakers",
    "sneakers",
    "Nike",
    "Nike Air Force 1 '07 Men's Shoes, White/White, Size {size}",
    115.00,
    ["The basketball original that became a streetwear icon, with crisp leather and Nike Air cushioning."],
    ["White/White"],
    "men",
    n=3,
    zh="耐克 空军一号 Air Force 1 男款 纯白 板鞋 {size}码",
)
shoe(
    "Sneakers",
    "sneakers",
    "Nike",
    "Nike Air Force 1 '07 Women's Shoes, {color}, Size {size}",
    115.00,
    ["Classic AF1 style with durable leather overlays and a timeless silhouette."],
    ["White/White", "White/Black"],
    "women",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Nike",
    "Nike Kids' Revolution 7 (Big Kid) Running Shoes, {color}, Size {size}",
    55.00,
    ["Lightweight and flexible kids' running shoes built for all-day play."],
    ["Black/White", "Pink/White"],
    "kids",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "adidas",
    "adidas Men's Ultraboost Light Running Shoes, {color}, Size {size}",
    190.00,
    [
        "Our lightest Ultraboost ever, with Light BOOST foam for epic energy return.",
        "Primeknit+ upper adapts to the foot for a supportive fit.",
    ],
    ["Core Black", "Cloud White", "Grey Three"],
    "men",
    zh="阿迪达斯 adidas Ultraboost Light 男子跑步鞋 {color} {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "adidas",
    "adidas Women's Ultraboost Light Running Shoes, {color}, Size {size}",
    190.00,
    ["Light BOOST midsole delivers responsive cushioning mile after mile."],
    ["Cloud White", "Core Black/Pink"],
    "women",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "adidas",
    "adidas Men's Duramo SL Running Shoes, {color}, Size {size}",
    65.00,
    ["A lightweight, everyday running shoe with LIGHTMOTION cushioning."],
    ["Core Black/White", "Navy/White"],
    "men",
    n=3,
)
shoe(
    "Sneakers",
    "sneakers",
    "adidas",
    "adidas Samba OG Shoes, {color}, Size {size}",
    100.00,
    ["Born on the soccer pitch, the Samba is a timeless icon with a soft leather upper and gum rubber sole."],
    ["White/Black/Gum", "Black/White/Gum"],
    "unisex",
    n=4,
    zh="阿迪达斯 Samba OG 德训鞋 板鞋 {color} {size}码",
)
shoe(
    "Sneakers",
    "sneakers",
    "adidas",
    "adidas Stan Smith Shoes, Cloud White/Green, Size {size}",
    100.00,
    ["The clean, minimalist tennis classic with a leather upper and perforated 3-Stripes."],
    ["Cloud White/Green"],
    "unisex",
    n=3,
    zh="阿迪达斯 Stan Smith 绿尾小白鞋 {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "New Balance",
    "New Balance Men's Fresh Foam X 880v13 Running Shoe, {color}, Size {size}",
    140.00,
    [
        "Fresh Foam X midsole for a smooth, cushioned ride on daily training runs.",
        "Engineered mesh upper with a comfortable, secure fit.",
    ],
    ["Black/White", "Grey/Blue"],
    "men",
    zh="新百伦 New Balance 880v13 男子跑鞋 {color} {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "New Balance",
    "New Balance Women's Fresh Foam X 880v13 Running Shoe, {color}, Size {size}",
    140.00,
    ["Plush Fresh Foam X cushioning with a reliable, versatile fit."],
    ["White/Pink", "Black/Grey"],
    "women",
    n=3,
)
shoe(
    "Sneakers",
    "sneakers",
    "New Balance",
    "New Balance Men's 574 Core Sneakers, {color}, Size {size}",
    90.00,
    ["The iconic 574 with ENCAP midsole cushioning and a suede/mesh upper."],
    ["Grey", "Navy"],
    "men",
    n=3,
    zh="新百伦 NB574 男款 复古运动鞋 {color} {size}码",
)
shoe(
    "Sneakers",
    "sneakers",
    "New Balance",
    "New Balance Made in USA 990v6 Sneakers, Grey, Size {size}",
    200.00,
    ["Crafted in the USA with a pigskin suede upper and FuelCell midsole - a 40-year icon."],
    ["Grey"],
    "unisex",
    n=3,
    zh="新百伦 990v6 美产 灰色 {size}码",
)
shoe(
    "Sneakers",
    "sneakers",
    "New Balance",
    "New Balance Women's 327 Sneakers, {color}, Size {size}",
    100.00,
    ["A 70s-inspired silhouette with an oversized N and a lugged sole."],
    ["Sea Salt/Natural Indigo", "Black/White"],
    "women",
    n=3,
)
shoe(
    "Walking Shoes",
    "walking_shoes",
    "Skechers",
    "Skechers Women's Go Walk Joy Walking Shoe, {color}, Size {size}",
    55.00,
    ["Lightweight, responsive ULTRA GO cushioning and a breathable mesh slip-on design."],
    ["Black/White", "Navy", "Charcoal"],
    "women",
    zh="斯凯奇 Skechers 女款 健步鞋 一脚蹬 {color} {size}码",
)
shoe(
    "Walking Shoes",
    "walking_shoes",
    "Skechers",
    "Skechers Men's Max Cushioning Premier Walking Shoe, {color}, Size {size}",
    100.00,
    ["Maximum cushioning for all-day comfort, with an Air-Cooled Goga Mat insole."],
    ["Black", "Navy/Grey"],
    "men",
    n=3,
)
shoe(
    "Sneakers",
    "sneakers",
    "Skechers",
    "Skechers Men's Slip-ins Summits High Range Sneaker, {color}, Size {size}",
    75.00,
    ["Hands-free Slip-ins: just step in and go, with a molded heel panel that holds your foot in place."],
    ["Black", "Charcoal"],
    "men",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Brooks",
    "Brooks Men's Ghost 15 Neutral Running Shoe, {color}, Size {size}",
    140.00,
    ["Soft DNA LOFT v2 cushioning and smooth transitions make the Ghost a favorite for road runners."],
    ["Black/Blackened Pearl/Alloy", "Peacoat/Blue"],
    "men",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Brooks",
    "Brooks Women's Ghost 15 Neutral Running Shoe, {color}, Size {size}",
    140.00,
    ["A smooth, balanced ride with soft cushioning for everyday miles."],
    ["White/Pink", "Black/Pearl"],
    "women",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "HOKA",
    "HOKA Men's Clifton 9 Running Shoes, {color}, Size {size}",
    145.00,
    ["Lighter and more cushioned than ever, with a responsive foam and an early-stage meta-rocker."],
    ["Black/White", "Blue Graphite"],
    "men",
    n=3,
    zh="HOKA Clifton 9 男款 缓震跑鞋 {color} {size}码",
)
shoe(
    "Running Shoes",
    "running_shoes",
    "HOKA",
    "HOKA Women's Clifton 9 Running Shoes, {color}, Size {size}",
    145.00,
    ["Plush, lightweight cushioning for daily training and long walks."],
    ["Black/White", "Peach Whip"],
    "women",
    n=3,
)
shoe(
    "Running Shoes",
    "running_shoes",
    "Under Armour",
    "Under Armour Men's Charged Assert 10 Running Shoe, {color}, Size {size}",
    75.00,
    ["Charged Cushioning midsole and a lightweight mesh upper for a responsive everyday run."],
    ["Black/White", "Academy/White"],
    "men",
    n=3,
)
shoe(
    "Boots",
    "boots",
    "UGG",
    "UGG Women's Classic Short II Boot, {color}, Size {size}",
    170.00,
    [
        "Twin-face sheepskin lining keeps feet cozy, with a water-resistant pretreatment.",
        "A lightweight, flexible Treadlite by UGG outsole for comfort on every step.",
    ],
    ["Chestnut", "Black", "Grey"],
    "women",
    n=5,
    zh="UGG 女款 经典短筒雪地靴 {color} {size}码",
    zhd="UGG经典短筒雪地靴，双面羊皮毛一体内里，保暖舒适，预先防水处理。",
)
shoe(
    "Boots",
    "boots",
    "UGG",
    "UGG Women's Classic Mini II Boot, {color}, Size {size}",
    150.00,
    ["The Classic Mini is a cropped version of our original sheepskin boot."],
    ["Chestnut", "Black"],
    "women",
    n=3,
    zh="UGG 女款 Classic Mini 短靴 雪地靴 {color}",
)
shoe(
    "Boots",
    "boots",
    "UGG",
    "UGG Men's Neumel Chukka Boot, {color}, Size {size}",
    140.00,
    ["A casual suede chukka with a cozy sheepskin-lined footbed."],
    ["Chestnut", "Black"],
    "men",
    n=3,
)
shoe(
    "Slippers",
    "slippers",
    "UGG",
    "UGG Women's Tasman Slipper, {color}, Size {size}",
    110.00,
    ["A sheepskin slipper with an embroidered braid collar and a sturdy outsole for indoor or outdoor wear."],
    ["Chestnut", "Black"],
    "women",
    n=3,
)
shoe(
    "Boots",
    "boots",
    "UGG",
    "UGG Kids' Classic II Boot (Little Kid/Big Kid), {color}, Size {size}",
    120.00,
    ["A kid-sized version of our iconic sheepskin boot."],
    ["Chestnut", "Pink"],
    "kids",
    n=2,
)
shoe(
    "Boots",
    "boots",
    "Timberland",
    "Timberland Men's 6-Inch Premium Waterproof Boot, Wheat Nubuck, Size {size}",
    198.00,
    ["The original yellow boot, seam-sealed waterproof with 400 g PrimaLoft insulation."],
    ["Wheat Nubuck"],
    "men",
    n=3,
    zh="添柏岚 Timberland 男款 大黄靴 6寸防水 {size}码",
)


def wear(sub, type, brand, title, price, desc, colors, sizes, target, n=4, zh=None, **kw):
    L(
        CL + sub,
        type,
        brand,
        title,
        price,
        desc,
        var=dict(color=colors, size=sizes),
        n=n,
        zh=zh,
        target=target,
        vd=["Color: {color}, size {size}.", "This listing is size {size} in {color}.", "{color}, size {size}."],
        **kw,
    )


wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "The North Face",
    "The North Face Men's Antora Jacket, Waterproof Rain Jacket, {color}, {size}",
    110.00,
    [
        "A waterproof, breathable DryVent 2L shell with a stowable hood - ready for sudden storms on the trail or in the city.",
        "Made with 100% recycled fabric.",
    ],
    ["TNF Black", "Summit Navy", "Shady Blue"],
    ["M", "L", "XL"],
    "men",
    zh="北面 The North Face 男款 冲锋衣 防水夹克 Antora {color} {size}",
    waterproof=True,
    zhd="北面Antora男款冲锋衣，DryVent防水透气面料，可收纳兜帽，户外城市两相宜。",
)
wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "The North Face",
    "The North Face Women's Antora Jacket, Waterproof Rain Jacket, {color}, {size}",
    110.00,
    ["A packable, waterproof women's rain jacket with DryVent 2L fabric and pit zips for venting."],
    ["TNF Black", "Pink Moss"],
    ["S", "M", "L"],
    "women",
    zh="北面 女款 冲锋衣 防水外套 {color} {size}",
    waterproof=True,
)
wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "The North Face",
    "The North Face Men's Resolve 2 Jacket, {color}, {size}",
    90.00,
    ["An everyday waterproof shell with a hideaway hood and a relaxed fit for layering."],
    ["TNF Black", "New Taupe Green"],
    ["M", "L", "XL"],
    "men",
    n=3,
    waterproof=True,
)
wear(
    "Outerwear > Down Jackets",
    "down_jacket",
    "The North Face",
    "The North Face Men's 1996 Retro Nuptse Jacket, 700-Fill Down, {color}, {size}",
    330.00,
    [
        "The boxy, oversized puffer from 1996, filled with 700-fill recycled goose down.",
        "Stows into its own hood for travel.",
    ],
    ["TNF Black", "Summit Gold/TNF Black", "Recycled TNF Black"],
    ["M", "L", "XL"],
    "men",
    zh="北面 1996 Nuptse 经典羽绒服 男款 700蓬 {color} {size}",
)
wear(
    "Outerwear > Down Jackets",
    "down_jacket",
    "The North Face",
    "The North Face Women's 1996 Retro Nuptse Jacket, {color}, {size}",
    330.00,
    ["Iconic boxy puffer with 700-fill goose down and a stowable hood."],
    ["TNF Black", "Gardenia White"],
    ["S", "M", "L"],
    "women",
    n=3,
    zh="北面 女款 1996 Nuptse 羽绒服 {color} {size}",
)
wear(
    "Outerwear > Fleece Jackets",
    "fleece_jacket",
    "The North Face",
    "The North Face Women's Osito Fleece Jacket, {color}, {size}",
    99.00,
    ["A plush, high-pile fleece jacket that is soft, warm and cozy."],
    ["Gardenia White", "TNF Black"],
    ["S", "M", "L"],
    "women",
    n=3,
)
wear(
    "Outerwear > Fleece Jackets",
    "fleece_jacket",
    "The North Face",
    "The North Face Men's Denali Jacket, Recycled Fleece, {color}, {size}",
    180.00,
    ["The heritage Denali fleece with abrasion-resistant overlays and zip-in compatibility."],
    ["TNF Black", "Summit Navy"],
    ["M", "L", "XL"],
    "men",
    n=3,
)
wear(
    "Outerwear > Softshell Jackets",
    "softshell_jacket",
    "The North Face",
    "The North Face Men's Apex Bionic 3 Softshell Jacket, {color}, {size}",
    150.00,
    ["A wind-resistant, water-repellent softshell for cool-weather hikes and commutes."],
    ["TNF Black"],
    ["M", "L", "XL"],
    "men",
    n=2,
)
wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "Columbia",
    "Columbia Men's Watertight II Rain Jacket, {color}, {size}",
    90.00,
    ["Omni-Tech waterproof-breathable protection in a packable shell that stows into its own pocket."],
    ["Black", "Collegiate Navy", "Mountain Red"],
    ["M", "L", "XL"],
    "men",
    waterproof=True,
    zh="哥伦比亚 Columbia 男款 冲锋衣 防水夹克 {color} {size}",
)
wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "Columbia",
    "Columbia Women's Arcadia II Rain Jacket, {color}, {size}",
    90.00,
    ["A waterproof, breathable, packable women's rain jacket with an adjustable storm hood."],
    ["Black", "Nocturnal"],
    ["S", "M", "L"],
    "women",
    n=3,
    waterproof=True,
)
wear(
    "Outerwear > Fleece Jackets",
    "fleece_jacket",
    "Patagonia",
    "Patagonia Men's Better Sweater Fleece Jacket, {color}, {size}",
    139.00,
    ["A sweater-knit fleece made with 100% recycled polyester and Fair Trade Certified sewn."],
    ["Stonewash", "Black", "New Navy"],
    ["M", "L", "XL"],
    "men",
    n=3,
)
wear(
    "Outerwear > Rain Jackets",
    "rain_jacket",
    "Patagonia",
    "Patagonia Men's Torrentshell 3L Rain Jacket, {color}, {size}",
    179.00,
    ["A three-layer H2No Performance Standard waterproof shell, durable and packable."],
    ["Black", "Forge Grey"],
    ["M", "L", "XL"],
    "men",
    n=3,
    waterproof=True,
)
wear(
    "Jeans",
    "jeans",
    "Levi's",
    "Levi's Men's 501 Original Fit Jeans, {color}, {size}",
    69.50,
    [
        "The original button-fly jean since 1873, with a straight leg and classic fit through the seat and thigh.",
        "Made from durable cotton denim that breaks in beautifully over time.",
    ],
    ["Dark Stonewash", "Medium Stonewash", "Black"],
    ["32W x 32L", "34W x 32L", "36W x 30L"],
    "men",
    n=5,
    zh="李维斯 Levi's 男款 501 经典直筒牛仔裤 {color} {size}",
)
wear(
    "Jeans",
    "jeans",
    "Levi's",
    "Levi's Men's 505 Regular Fit Jeans, {color}, {size}",
    59.50,
    ["A regular fit through the seat and thigh with a straight leg and zip fly."],
    ["Rinse", "Dark Stonewash"],
    ["32W x 30L", "34W x 32L", "36W x 32L"],
    "men",
    n=3,
)
wear(
    "Jeans",
    "jeans",
    "Levi's",
    "Levi's Men's 511 Slim Fit Jeans, {color}, {size}",
    69.50,
    ["A modern slim jean cut close to the leg with a bit of stretch for comfort."],
    ["Rock Cod", "Black Stretch"],
    ["30W x 32L", "32W x 32L", "34W x 32L"],
    "men",
    n=3,
    zh="李维斯 511 修身 小脚 男士牛仔裤 {color} {size}",
)
wear(
    "Jeans",
    "jeans",
    "Levi's",
    "Levi's Women's 721 High Rise Skinny Jeans, {color}, {size}",
    69.50,
    ["A high-rise skinny jean that lifts and flatters, with sculpting stretch denim."],
    ["Blue Story", "Soft Black"],
    ["26", "27", "28", "29"],
    "women",
    n=4,
    zh="李维斯 女款 721 高腰紧身牛仔裤 {color} {size}",
)
wear(
    "Jeans",
    "jeans",
    "Levi's",
    "Levi's Women's Ribcage Straight Ankle Jeans, {color}, {size}",
    98.00,
    ["An ultra-high rise with a straight, ankle-grazing leg and vintage-inspired rigid denim."],
    ["Valley View", "Ever Afterglow"],
    ["26", "27", "28"],
    "women",
    n=3,
)
wear(
    "Tops > T-Shirts",
    "t_shirt",
    "Under Armour",
    "Under Armour Men's Tech 2.0 Short Sleeve T-Shirt, {color}, {size}",
    25.00,
    [
        "UA Tech fabric is quick-drying, ultra-soft and has a more natural feel.",
        "Material wicks sweat and dries fast for workouts and runs.",
    ],
    ["Black", "Academy", "White", "Red"],
    ["M", "L", "XL"],
    "men",
    n=5,
    zh="安德玛 UA 男士 速干运动短袖T恤 {color} {size}",
)
wear(
    "Activewear > Leggings",
    "leggings",
    "Under Armour",
    "Under Armour Women's HeatGear Armour Hi-Rise Leggings, {color}, {size}",
    50.00,
    ["Compression leggings with a wide, high-rise waistband and 4-way stretch fabric."],
    ["Black", "Downpour Grey"],
    ["XS", "S", "M", "L"],
    "women",
    n=3,
)
wear(
    "Tops > Hoodies & Sweatshirts",
    "hoodie",
    "Under Armour",
    "Under Armour Men's Rival Fleece Hoodie, {color}, {size}",
    55.00,
    ["Ultra-soft, mid-weight cotton-blend fleece with a brushed interior for warmth."],
    ["Black", "Academy", "Steel Light Heather"],
    ["M", "L", "XL"],
    "men",
    n=3,
)
wear(
    "Tops > Hoodies & Sweatshirts",
    "hoodie",
    "Champion",
    "Champion Men's Powerblend Fleece Pullover Hoodie, Script Logo, {color}, {size}",
    45.00,
    [
        "Soft, reduced-pilling Powerblend fleece in a classic pullover hoodie with the script logo.",
        "Ribbed cuffs and hem; kangaroo pocket.",
    ],
    ["Black", "Oxford Gray", "Navy", "Scarlet"],
    ["M", "L", "XL"],
    "men",
    n=5,
    zh="Champion 冠军 男士 连帽卫衣 套头 {color} {size}",
)
wear(
    "Tops > Hoodies & Sweatshirts",
    "hoodie",
    "Champion",
    "Champion Men's Reverse Weave Pullover Hoodie, {color}, {size}",
    70.00,
    ["Heavyweight Reverse Weave fleece that resists shrinking, with side panels for mobility."],
    ["Oxford Gray", "Black"],
    ["M", "L", "XL"],
    "men",
    n=3,
)
wear(
    "Tops > Hoodies & Sweatshirts",
    "hoodie",
    "Champion",
    "Champion Women's Powerblend Relaxed Hoodie, {color}, {size}",
    45.00,
    ["A relaxed-fit women's hoodie in soft Powerblend fleece."],
    ["Oxford Gray", "Pink Lemonade"],
    ["S", "M", "L"],
    "women",
    n=3,
)
wear(
    "Tops > Hoodies & Sweatshirts",
    "hoodie",
    "Nike",
    "Nike Sportswear Club Fleece Men's Pullover Hoodie, {color}, {size}",
    60.00,
    ["Brushed-back fleece for everyday warmth with a classic fit and Futura logo."],
    ["Black/White", "Dark Grey Heather"],
    ["M", "L", "XL"],
    "men",
    n=3,
    zh="耐克 男子 抓绒连帽卫衣 {color} {size}",
)
wear(
    "Tops > T-Shirts",
    "t_shirt",
    "Nike",
    "Nike Men's Dri-FIT Legend Training T-Shirt, {color}, {size}",
    25.00,
    ["Sweat-wicking Dri-FIT fabric keeps you dry and comfortable through your workout."],
    ["Black", "White"],
    ["M", "L", "XL"],
    "men",
    n=3,
)

# ===========================================================================
# 6. CONSUMER ELECTRONICS
# ===========================================================================
section("elc")
EB = "Electronics > Audio > Headphones > Earbuds"
OE = "Electronics > Audio > Headphones > Over-Ear & On-Ear Headphones"
WE = "Electronics > Audio > Headphones > Wired Earphones"
SP = "Electronics > Audio > Speakers > Bluetooth Speakers"
MA = "Electronics > Mobile Accessories > "


def buds(brand, title, price, desc, colors=None, anc=False, sport=False, zh=None, zhd=None, var=None, **kw):
    L(
        EB,
        "bluetooth_earbuds",
        brand,
        title,
        price,
        desc,
        var=var or (dict(color=colors) if colors else None),
        zh=zh,
        zhd=zhd,
        wireless=True,
        anc=anc,
        sport=sport,
        **kw,
    )


def cans(type, brand, title, price, desc, colors=None, anc=False, wireless=True, zh=None, **kw):
    L(
        OE,
        type,
        brand,
        title,
        price,
        desc,
        var=dict(color=colors) if colors else None,
        zh=zh,
        wireless=wireless,
        anc=anc,
        **kw,
    )


buds(
    "Apple",
    "Apple AirPods Pro (2nd Generation) Wireless Earbuds with MagSafe Charging Case ({conn}), Active Noise Cancellation",
    249.00,
    [
        "Up to 2x more Active Noise Cancellation than the previous generation, plus Adaptive Audio and Transparency mode.",
        "Personalized Spatial Audio with dynamic head tracking and up to 6 hours of listening time per charge.",
        "Dust, sweat and water resistant (IP54) earbuds and case.",
    ],
    anc=True,
    line="airpods pro",
    zh="苹果 Apple AirPods Pro 2 第二代 主动降噪 无线蓝牙耳机 {conn}",
    zhd="美版AirPods Pro二代，主动降噪效果提升两倍，支持自适应音频和个性化空间音频。",
    var=dict(conn=[("USB-C", 1.0), ("Lightning", 0.9)]),
)
buds(
    "Apple",
    "Apple AirPods (3rd Generation) Wireless Earbuds with Lightning Charging Case",
    169.00,
    [
        "Spatial audio with dynamic head tracking and Adaptive EQ that tunes music to your ears.",
        "Sweat and water resistant with up to 30 hours of total listening time.",
    ],
    line="airpods",
    zh="苹果 AirPods 3 第三代 无线蓝牙耳机",
)
buds(
    "Apple",
    "Apple AirPods (2nd Generation) Wireless Earbuds with Lightning Charging Case",
    129.00,
    ["Quick access to Siri, effortless setup and more than 24 hours of listening time with the case."],
    line="airpods",
    zh="苹果 AirPods 2 二代 蓝牙耳机",
)
cans(
    "over_ear_headphones",
    "Apple",
    "Apple AirPods Max Wireless Over-Ear Headphones, Active Noise Cancelling, {color}",
    549.00,
    [
        "High-fidelity audio, Active Noise Cancellation and Transparency mode in a knit-mesh canopy design.",
        "Up to 20 hours of listening with ANC on.",
    ],
    ["Space Gray", "Silver", "Sky Blue", "Green", "Pink"],
    anc=True,
    line="airpods max",
    zh="苹果 AirPods Max 头戴式降噪耳机 {color}",
)
L(
    WE,
    "wired_earphones",
    "Apple",
    "Apple EarPods Headphones with {conn}",
    19.00,
    [
        "Wired earbuds with a built-in remote to adjust volume, control music and answer calls.",
        "Designed to fit more ears comfortably.",
    ],
    var=dict(
        conn=[
            ("Lightning Connector", 1.0, {"connector": "lightning"}),
            ("USB-C", 1.0, {"connector": "usb-c"}),
            ("3.5 mm Headphone Plug", 1.0, {"connector": "3.5mm"}),
        ]
    ),
    wireless=False,
    zh="苹果 原装有线耳机 EarPods {conn}",
)
L(
    MA + "Earbud Cases",
    "earbuds_case",
    "Spigen",
    "Spigen Silicone Fit Case for AirPods Pro 2nd Generation, {color}",
    14.99,
    [
        "A slim silicone cover for the AirPods Pro 2 case with a keychain carabiner.",
        "Supports wireless and MagSafe charging.",
    ],
    var=dict(color=["Black", "Charcoal", "Apple Mint"]),
    compat="airpods pro",
)
buds(
    "Beats",
    "Beats Studio Buds + True Wireless Noise Cancelling Earbuds, {color}",
    169.99,
    [
        "Enhanced Active Noise Cancelling and Transparency mode with up to 36 hours of battery with the case.",
        "Compatible with both Apple and Android devices.",
    ],
    ["Black/Gold", "Ivory", "Transparent"],
    anc=True,
    zh="Beats Studio Buds+ 真无线降噪蓝牙耳机 {color}",
)
buds(
    "Beats",
    "Beats Fit Pro True Wireless Noise Cancelling Earbuds with Secure-Fit Wingtips, {color}",
    199.99,
    [
        "Flexible wingtips lock in for all-day comfort and stability during workouts.",
        "Active Noise Cancelling and Spatial Audio powered by the Apple H1 chip.",
    ],
    ["Black", "White", "Sage Gray", "Stone Purple"],
    anc=True,
    sport=True,
    zh="Beats Fit Pro 运动降噪耳机 {color}",
)
buds(
    "Beats",
    "Powerbeats Pro Wireless Earbuds, Sport Bluetooth Earphones with Earhooks, {color}",
    249.95,
    [
        "Adjustable, secure-fit earhooks and reinforced design for sweat and water resistance during intense workouts.",
        "Up to 9 hours of listening time per charge.",
    ],
    ["Black", "Navy", "Ivory"],
    sport=True,
    zh="Beats Powerbeats Pro 挂耳式运动蓝牙耳机 {color}",
)
L(
    "Electronics > Audio > Headphones > Neckband Earphones",
    "neckband_earphones",
    "Beats",
    "Beats Flex Wireless Earphones, Bluetooth Neckband Earbuds, {color}",
    69.99,
    [
        "All-day wireless earphones with magnetic earbuds that auto-pause when you take them out.",
        "Up to 12 hours of battery life with Fast Fuel.",
    ],
    var=dict(color=["Beats Black", "Yuzu Yellow", "Flame Blue"]),
    wireless=True,
    anc=False,
    n=2,
)
cans(
    "on_ear_headphones",
    "Beats",
    "Beats Solo 4 On-Ear Wireless Bluetooth Headphones, {color}",
    199.99,
    ["Up to 50 hours of battery life with lossless audio via USB-C.", "Lightweight, foldable design."],
    ["Matte Black", "Slate Blue", "Cloud Pink"],
)
cans(
    "over_ear_headphones",
    "Beats",
    "Beats Studio Pro Wireless Noise Cancelling Over-Ear Headphones, {color}",
    349.99,
    ["Fully adaptive Active Noise Cancelling and personalized Spatial Audio.", "Up to 40 hours of battery life."],
    ["Black", "Deep Brown", "Navy", "Sandstone"],
    anc=True,
    n=3,
    zh="Beats Studio Pro 头戴式无线降噪耳机 {color}",
)
buds(
    "Bose",
    "Bose QuietComfort Ultra Wireless Noise Cancelling Earbuds, Bluetooth, Spatial Audio, {color}",
    299.00,
    [
        "World-class noise cancellation with CustomTune technology and Bose Immersive Audio.",
        "Up to 6 hours of battery per charge and 24 hours with the case.",
    ],
    ["Black", "White Smoke"],
    anc=True,
    zh="Bose QC Ultra 消噪耳塞 大鲨 真无线降噪耳机 {color}",
)
buds(
    "Bose",
    "Bose QuietComfort Earbuds II, Wireless Noise Cancelling Bluetooth Earbuds, {color}",
    249.00,
    ["Personalized noise cancellation that adapts to your ears, plus Aware Mode."],
    ["Triple Black", "Soapstone"],
    anc=True,
)
buds(
    "Bose",
    "Bose Sport Earbuds, True Wireless Bluetooth Earphones for Workouts and Running, {color}",
    179.00,
    ["StayHear Max tips keep the earbuds comfortable and secure while you run.", "IPX4 sweat and weather resistant."],
    ["Triple Black", "Baltic Blue"],
    sport=True,
)
cans(
    "over_ear_headphones",
    "Bose",
    "Bose QuietComfort Ultra Wireless Noise Cancelling Headphones, {color}",
    429.00,
    [
        "Bose's best noise cancelling headphones, with Immersive Audio and up to 24 hours of battery life.",
        "Plush cushions and a premium metal headband.",
    ],
    ["Black", "White Smoke"],
    anc=True,
    zh="Bose QC Ultra 头戴式 无线消噪耳机 {color}",
)
cans(
    "over_ear_headphones",
    "Bose",
    "Bose QuietComfort 45 Bluetooth Wireless Noise Cancelling Headphones, {color}",
    279.00,
    ["Iconic quiet and comfort with Quiet and Aware modes and up to 24 hours of battery."],
    ["Triple Black", "White Smoke"],
    anc=True,
    zh="Bose QC45 头戴式降噪蓝牙耳机 {color}",
)
L(
    SP,
    "bluetooth_speaker",
    "Bose",
    "Bose SoundLink Flex Portable Bluetooth Speaker, Waterproof, {color}",
    149.00,
    [
        "Deep, clear sound in a rugged, IP67 waterproof and dustproof speaker that floats.",
        "Up to 12 hours of battery life and a utility loop for your pack.",
    ],
    var=dict(color=["Black", "Stone Blue", "White Smoke", "Carmine Red"]),
    wireless=True,
    zh="Bose SoundLink Flex 便携蓝牙音箱 防水 {color}",
)
L(
    SP,
    "bluetooth_speaker",
    "Bose",
    "Bose SoundLink Micro Bluetooth Speaker, Small Portable Waterproof Speaker, {color}",
    119.00,
    ["Surprisingly big sound from a pocket-sized speaker with a tear-resistant strap."],
    var=dict(color=["Black", "Stone Blue"]),
    wireless=True,
)
buds(
    "Sony",
    "Sony WF-1000XM5 Truly Wireless Noise Canceling Earbuds, {color}",
    299.99,
    [
        "Sony's best noise canceling earbuds, with the Integrated Processor V2 and dynamic driver X.",
        "Crystal-clear calls with AI noise reduction and up to 24 hours with the case.",
    ],
    ["Black", "Silver"],
    anc=True,
    zh="索尼 Sony WF-1000XM5 真无线降噪耳机 {color}",
)
buds(
    "Sony",
    "Sony WF-C700N Truly Wireless Noise Canceling Earbuds, {color}",
    119.99,
    ["Compact, lightweight earbuds with noise canceling and IPX4 water resistance."],
    ["Black", "White", "Lavender", "Sage Green"],
    anc=True,
    n=3,
)
cans(
    "over_ear_headphones",
    "Sony",
    "Sony WH-1000XM5 Wireless Industry Leading Noise Canceling Headphones, {color}",
    399.99,
    [
        "Industry-leading noise canceling with eight microphones and Auto NC Optimizer.",
        "Up to 30 hours of battery life with quick charging.",
    ],
    ["Black", "Silver", "Midnight Blue"],
    anc=True,
    zh="索尼 WH-1000XM5 头戴式无线降噪耳机 {color}",
    zhd="索尼旗舰头戴式降噪耳机，8麦克风降噪，续航30小时，支持快充。",
)
cans(
    "over_ear_headphones",
    "Sony",
    "Sony WH-1000XM4 Wireless Noise Canceling Over-Ear Headphones, {color}",
    349.99,
    ["Dual noise sensor technology, speak-to-chat and up to 30 hours of battery life."],
    ["Black", "Silver"],
    anc=True,
    zh="索尼 WH-1000XM4 头戴降噪耳机 {color}",
)
cans(
    "on_ear_headphones",
    "Sony",
    "Sony WH-CH520 Wireless On-Ear Bluetooth Headphones with Microphone, {color}",
    59.99,
    ["Up to 50 hours of battery life and a lightweight, comfortable on-ear design."],
    ["Black", "Blue", "White"],
)
L(
    WE,
    "wired_earphones",
    "Sony",
    "Sony MDR-EX15AP In-Ear Earbud Headphones with Mic, Wired 3.5mm, {color}",
    9.99,
    ["Lightweight wired earbuds with a built-in microphone for hands-free calls."],
    var=dict(color=["Black", "White", "Pink"]),
    n=2,
    wireless=False,
    connector="3.5mm",
    zh="索尼 有线耳机 入耳式 带麦 3.5mm {color}",
)
cans(
    "over_ear_headphones",
    "Sony",
    "Sony MDR-7506 Professional Large Diaphragm Wired Studio Headphones",
    99.99,
    ["The studio standard for monitoring since 1991, with a coiled cord and 3.5 mm / 6.3 mm plugs."],
    wireless=False,
    connector="3.5mm",
)
L(
    SP,
    "bluetooth_speaker",
    "Sony",
    "Sony ULT Field 1 Wireless Portable Bluetooth Speaker, Waterproof, {color}",
    129.99,
    ["Massive ULT bass in a compact, IP67 waterproof and shockproof speaker."],
    var=dict(color=["Black", "Forest Gray", "Off White"]),
    n=2,
    wireless=True,
)
buds(
    "JBL",
    "JBL Tune 230NC TWS True Wireless Noise Cancelling Earbuds, {color}",
    99.95,
    [
        "JBL Pure Bass sound with active noise cancelling and Smart Ambient.",
        "Up to 40 hours of playback with the case.",
    ],
    ["Black", "Blue", "White"],
    anc=True,
    zh="JBL Tune 230NC 真无线降噪蓝牙耳机 {color}",
)
buds(
    "JBL",
    "JBL Vibe Beam True Wireless Earbuds, Deep Bass Sound, {color}",
    49.95,
    ["Stick-style earbuds with JBL Deep Bass Sound and up to 32 hours of battery life."],
    ["Black", "Beige", "Blue"],
    n=2,
)
buds(
    "JBL",
    "JBL Endurance Peak 3 Dust and Water Proof True Wireless Sport Earbuds, Black",
    99.95,
    ["PowerHook design stays put through every workout; IP68 dustproof and waterproof."],
    sport=True,
)
cans(
    "on_ear_headphones",
    "JBL",
    "JBL Tune 510BT Wireless On-Ear Headphones with Purebass Sound, {color}",
    49.95,
    ["Up to 40 hours of wireless playback and speed charging.", "Lightweight, foldable design."],
    ["Black", "Blue", "White", "Rose"],
    n=3,
    zh="JBL T510BT 头戴式蓝牙耳机 {color}",
)
cans(
    "over_ear_headphones",
    "JBL",
    "JBL Tune 760NC Wireless Over-Ear Noise Cancelling Headphones, {color}",
    129.95,
    ["Active noise cancelling with JBL Pure Bass and up to 35 hours of battery life."],
    ["Black", "White"],
    anc=True,
)
L(
    SP,
    "bluetooth_speaker",
    "JBL",
    "JBL Flip 6 Portable Waterproof Bluetooth Speaker, {color}",
    129.95,
    [
        "Bold JBL Original Pro Sound from a racetrack-shaped woofer and a separate tweeter.",
        "IP67 waterproof and dustproof, with 12 hours of playtime.",
    ],
    var=dict(color=["Black", "Blue", "Red", "Teal", "Gray"]),
    n=4,
    wireless=True,
    zh="JBL Flip6 万花筒6 便携蓝牙音箱 防水 {color}",
)
L(
    SP,
    "bluetooth_speaker",
    "JBL",
    "JBL Charge 5 Portable Waterproof Bluetooth Speaker with Powerbank, {color}",
    179.95,
    ["Up to 20 hours of playtime plus a built-in power bank to charge your phone."],
    var=dict(color=["Black", "Blue", "Red"]),
    wireless=True,
    zh="JBL Charge5 冲击波5 蓝牙音箱 {color}",
)
L(
    SP,
    "bluetooth_speaker",
    "JBL",
    "JBL Go 3 Portable Mini Bluetooth Speaker, Waterproof, {color}",
    49.95,
    ["A tiny speaker with bold JBL Pro Sound and a built-in loop."],
    var=dict(color=["Black", "Blue", "Pink"]),
    wireless=True,
)
L(
    SP,
    "bluetooth_speaker",
    "JBL",
    "JBL Clip 4 Portable Mini Bluetooth Speaker with Integrated Carabiner, {color}",
    79.95,
    ["Clip it to your bag or belt loop - IP67 waterproof with 10 hours of playtime."],
    var=dict(color=["Black", "Blue"]),
    wireless=True,
)
L(
    WE,
    "wired_earphones",
    "JBL",
    "JBL Tune 110 Wired In-Ear Headphones with Mic, 3.5 mm, {color}",
    14.95,
    ["JBL Pure Bass sound in lightweight wired earbuds with a one-button remote."],
    var=dict(color=["Black", "White"]),
    wireless=False,
    connector="3.5mm",
)
L(
    WE,
    "wired_earphones",
    "JBL",
    "JBL Tune 310C Wired USB-C Hi-Res In-Ear Headphones, Black",
    19.95,
    ["USB-C wired earbuds with a built-in DAC for Hi-Res Audio on Android phones, iPads and the iPhone 15."],
    wireless=False,
    connector="usb-c",
    zh="JBL 有线耳机 Type-C接口 入耳式",
)
buds(
    "Anker",
    "Soundcore by Anker Liberty 4 NC Wireless Noise Cancelling Earbuds, {color}",
    99.99,
    [
        "Adaptive noise cancelling reduces noise by up to 98.5%.",
        "Hi-Res Audio Wireless with LDAC and up to 50 hours of playtime.",
    ],
    ["Black", "Navy Blue", "White", "Light Blue"],
    anc=True,
    n=3,
    zh="Anker 安克 声阔 Liberty 4 NC 降噪蓝牙耳机 {color}",
)
buds(
    "Anker",
    "Soundcore by Anker P20i True Wireless Earbuds, 10mm Drivers with Big Bass, {color}",
    24.99,
    ["Big bass from 10 mm drivers, 30 hours of playtime and a lanyard case - a great-value pair."],
    ["Black", "White"],
)
buds(
    "Anker",
    "Soundcore by Anker Life P3 Noise Cancelling Wireless Earbuds, {color}",
    79.99,
    ["Multi-mode noise cancelling, big bass and an app with 22 EQ presets."],
    ["Black", "Sky Blue"],
    anc=True,
)
cans(
    "over_ear_headphones",
    "Anker",
    "Soundcore by Anker Space Q45 Adaptive Noise Cancelling Headphones, {color}",
    149.99,
    ["Adaptive noise cancelling and up to 50 hours of playtime in a comfortable foldable design."],
    ["Black", "White"],
    anc=True,
)
cans(
    "over_ear_headphones",
    "Anker",
    "Soundcore by Anker Life Q20 Hybrid Active Noise Cancelling Headphones, Black",
    59.99,
    ["Hybrid ANC with 4 microphones and 40-hour playtime at a budget price."],
    anc=True,
)
L(
    SP,
    "bluetooth_speaker",
    "Anker",
    "Soundcore by Anker Motion 300 Wireless Hi-Res Portable Bluetooth Speaker, {color}",
    79.99,
    ["30 W stereo sound with Hi-Res Audio and an IPX7 waterproof design."],
    var=dict(color=["Black", "Frost Blue"]),
    wireless=True,
)
L(
    SP,
    "bluetooth_speaker",
    "Anker",
    "Soundcore 2 Portable Bluetooth Speaker by Anker, 12W Stereo Sound, 24-Hour Playtime, {color}",
    39.99,
    ["Rich stereo sound with BassUp and a 24-hour battery life."],
    var=dict(color=["Black", "Blue", "Red"]),
    n=2,
    wireless=True,
    zh="Anker 安克 Soundcore 2 蓝牙音箱 {color}",
)

PB = MA + "Power Banks"
L(
    PB,
    "power_bank",
    "Anker",
    "Anker Portable Charger, 10,000mAh Power Bank (PowerCore 10K), {color}",
    21.99,
    [
        "One of the smallest and lightest 10,000 mAh power banks, with PowerIQ high-speed charging.",
        "Charges an iPhone 15 more than twice.",
    ],
    var=dict(color=["Black", "White"]),
    mah=10000,
    magnetic=False,
    zh="Anker 安克 充电宝 10000毫安 移动电源 {color}",
    zhd="安克10000毫安充电宝，小巧轻便，可为iPhone 15充电两次以上，支持快充。",
)
L(
    PB,
    "power_bank",
    "Anker",
    "Anker 737 Power Bank (PowerCore 24K), 24,000mAh 3-Port Portable Charger with 140W Output",
    109.99,
    ["Two-way 140 W fast charging recharges a 16-inch MacBook Pro and phones, with a smart digital display."],
    mah=24000,
    magnetic=False,
    zh="Anker 安克 737 充电宝 24000mAh 140W 大容量 笔记本可用",
)
L(
    PB,
    "power_bank",
    "Anker",
    "Anker 622 Magnetic Battery (MagGo) 5,000mAh Foldable Wireless Power Bank with Stand, {color}",
    49.99,
    ["Snaps magnetically onto iPhone 15/14/13/12 and doubles as a phone stand."],
    var=dict(color=["Interstellar Gray", "Misty Blue", "Lilac Purple"]),
    n=2,
    mah=5000,
    magnetic=True,
    zh="Anker 安克 磁吸充电宝 MagSafe 无线充电 5000mAh {color}",
)
L(
    PB,
    "power_bank",
    "Anker",
    "Anker Nano Power Bank, 10,000mAh 30W Portable Charger with Built-in USB-C Cable",
    39.99,
    ["A compact power bank with a built-in USB-C cable that doubles as a lanyard."],
    mah=10000,
    magnetic=False,
)
L(
    PB,
    "power_bank",
    "Anker",
    "Anker PowerCore Essential 20,000mAh PD Portable Charger, 20W USB-C Power Delivery",
    45.99,
    ["High-capacity 20,000 mAh battery with 20 W USB-C Power Delivery to fast-charge iPhones and Android phones."],
    mah=20000,
    magnetic=False,
    zh="Anker 安克 充电宝 20000毫安 PD快充",
)
L(
    PB,
    "power_bank",
    "INIU",
    "INIU Portable Charger, Slimmest 10,000mAh 5V/3A Power Bank with USB-C Input, {color}",
    19.99,
    ["An ultra-slim power bank with a flashlight and triple outputs."],
    var=dict(color=["Black", "Blue", "Pink"]),
    n=2,
    mah=10000,
    magnetic=False,
)
L(
    PB,
    "power_bank",
    "Belkin",
    "Belkin BoostCharge Pro Magnetic Power Bank 5K with Qi2 15W, {color}",
    59.99,
    ["Qi2 certified magnetic wireless charging at up to 15 W with a built-in kickstand."],
    var=dict(color=["Black", "White"]),
    mah=5000,
    magnetic=True,
)
L(
    PB,
    "power_bank",
    "mophie",
    "mophie Powerstation Plus XL 20,000mAh Power Bank with Integrated Cables",
    79.95,
    ["Built-in Lightning and USB-C cables, so you never forget a cord."],
    mah=20000,
    magnetic=False,
)

CB = MA + "Cables"
L(
    CB,
    "charging_cable",
    "Anker",
    "Anker USB C to USB C Cable, 100W Fast Charging, {ft} ft, {pack}",
    15.99,
    [
        "Supports 100 W fast charging for MacBook, iPad, Samsung Galaxy and iPhone 15 devices.",
        "A double-braided nylon exterior survives 20,000+ bends.",
    ],
    var=dict(ft=[(3, 1.0), (6, 1.15), (10, 1.4)], pack=[("1-Pack", 1.0), ("2-Pack", 1.6)]),
    n=4,
    ends="usb-c to usb-c",
    zh="Anker 安克 双Type-C数据线 100W快充 {ft}英尺 {pack}",
)
L(
    CB,
    "charging_cable",
    "Anker",
    "Anker USB-C to Lightning Cable, MFi Certified, Nylon Braided, {ft} ft",
    14.99,
    ["Apple MFi certified USB-C to Lightning cable for fast charging iPhone 14 and earlier."],
    var=dict(ft=[(3, 1.0), (6, 1.2)]),
    ends="usb-c to lightning",
    zh="Anker 苹果快充线 PD数据线 Type-C转Lightning {ft}英尺",
)
L(
    CB,
    "charging_cable",
    "Apple",
    "Apple 240W USB-C Charge Cable (2 m)",
    29.00,
    ["A woven USB-C cable that supports up to 240 W charging and USB 2 data transfer."],
    ends="usb-c to usb-c",
    zh="苹果 原装 240W USB-C 编织充电线 2米",
)
L(
    CB,
    "charging_cable",
    "Apple",
    "Apple 60W USB-C Woven Charge Cable (1 m)",
    19.00,
    ["Charge and sync your iPhone 15, iPad or Mac with this woven USB-C cable."],
    ends="usb-c to usb-c",
)
L(
    CB,
    "charging_cable",
    "Apple",
    "Apple USB-C to Lightning Cable (1 m)",
    19.00,
    ["Connect your Lightning iPhone or AirPods to a USB-C port for charging and syncing."],
    ends="usb-c to lightning",
)
L(
    CB,
    "charging_cable",
    "Belkin",
    "Belkin BoostCharge USB-C to USB-C Cable, 60W, 6.6 ft, {color}",
    19.99,
    ["A durable USB-C cable with 60 W Power Delivery for phones, tablets and laptops."],
    var=dict(color=["Black", "White"]),
    ends="usb-c to usb-c",
)
L(
    CB,
    "charging_cable",
    "Amazon Basics",
    "Amazon Basics USB-A to USB-C 2.0 Charger Cable, {ft} ft, Black",
    7.99,
    ["A USB-A to USB-C cable for charging and syncing USB-C devices from a standard USB port."],
    var=dict(ft=[(3, 1.0), (6, 1.2), (10, 1.4)]),
    ends="usb-a to usb-c",
)
L(
    CB,
    "charging_cable",
    "Amazon Basics",
    "Amazon Basics USB-A to Lightning Cable, MFi Certified iPhone Charger, {ft} ft",
    8.99,
    ["MFi certified Lightning cable for iPhone and iPad charging."],
    var=dict(ft=[(3, 1.0), (6, 1.2)]),
    ends="usb-a to lightning",
)

CH = MA + "Chargers"
L(
    CH,
    "wall_charger",
    "Apple",
    "Apple 20W USB-C Power Adapter",
    19.00,
    ["Fast, efficient charging at home, in the office or on the go - fast-charges iPhone to 50% in around 30 minutes."],
    watts=20,
    zh="苹果 原装 20W USB-C 充电头 快充",
)
L(
    CH,
    "wall_charger",
    "Apple",
    "Apple 35W Dual USB-C Port Compact Power Adapter",
    59.00,
    ["Charge two devices at once with two USB-C ports in a compact, foldable design."],
    watts=35,
)
L(
    CH,
    "wall_charger",
    "Anker",
    "Anker Nano Charger 20W, PIQ 3.0 Durable Compact Fast Charger, USB-C, {color}",
    15.99,
    ["A compact 20 W USB-C charger that fast-charges an iPhone 15 up to 3x faster than the old 5 W charger."],
    var=dict(color=["White", "Black", "Blue"]),
    n=2,
    watts=20,
    zh="Anker 安克 20W 充电头 Type-C 快充 {color}",
)
L(
    CH,
    "wall_charger",
    "Anker",
    "Anker 735 Charger (Nano II 65W), 3-Port GaN Fast Compact Foldable Charger",
    45.99,
    ["GaN II technology charges a MacBook, iPad and phone at the same time."],
    watts=65,
    zh="Anker 安克 65W 氮化镓充电器 三口",
)
L(
    CH,
    "wall_charger",
    "Samsung",
    "Samsung 25W Super Fast Charging Wall Charger, USB-C, with 5 ft Cable, Black",
    19.99,
    ["Super Fast Charging for Galaxy S24, S23 and other USB-C devices."],
    watts=25,
)
L(
    CH,
    "wireless_charger",
    "Belkin",
    "Belkin BoostCharge Pro 3-in-1 Wireless Charging Stand with MagSafe 15W, {color}",
    129.99,
    ["Charge your iPhone, Apple Watch and AirPods at the same time."],
    var=dict(color=["Black", "White"]),
)
L(
    CH,
    "wireless_charger",
    "Anker",
    "Anker 313 Wireless Charger (Pad), 10W Max Qi-Certified",
    15.99,
    ["A slim Qi wireless charging pad for iPhone, Galaxy and AirPods."],
)

PC = MA + "Phone Cases"
IPH = ["iPhone 15", "iPhone 15 Plus", "iPhone 15 Pro", "iPhone 15 Pro Max", "iPhone 14", "iPhone 14 Pro"]
GAL = ["Galaxy S24", "Galaxy S24+", "Galaxy S24 Ultra", "Galaxy S23", "Galaxy S23 Ultra"]
L(
    PC,
    "phone_case",
    "OtterBox",
    "OtterBox Defender Series Case for {model}, Rugged Drop Protection, Black",
    59.95,
    [
        "Multi-layer defense with a solid inner shell and a resilient outer slipcover.",
        "Port covers block dirt and lint; survives 4x as many drops as military standard.",
    ],
    var=dict(model=IPH),
    zh="OtterBox 防摔手机壳 {model} 三防 黑色",
    zhd="OtterBox Defender系列，多层防护结构，带防尘塞，军规4倍防摔。",
)
L(
    PC,
    "phone_case",
    "OtterBox",
    "OtterBox Commuter Series Case for Samsung {model}, Slim and Protective, Black",
    39.95,
    ["A slim, two-layer case that slides in and out of pockets while protecting against drops."],
    var=dict(model=GAL),
)
L(
    PC,
    "phone_case",
    "Apple",
    "Apple {model} Silicone Case with MagSafe, {color}",
    49.00,
    [
        "A silky, soft-touch silicone case designed by Apple with a microfiber lining.",
        "Built-in magnets align perfectly with MagSafe chargers.",
    ],
    var=dict(
        model=["iPhone 15", "iPhone 15 Pro", "iPhone 15 Pro Max", "iPhone 14"],
        color=["Black", "Storm Blue", "Light Pink", "Guava", "Clay"],
    ),
    n=7,
    zh="苹果原装 {model} 硅胶手机壳 MagSafe {color}",
)
L(
    PC,
    "phone_case",
    "Apple",
    "Apple {model} Clear Case with MagSafe",
    49.00,
    ["A thin, light, optically clear case that shows off your iPhone's color."],
    var=dict(model=["iPhone 15", "iPhone 15 Pro"]),
    zh="苹果原装 {model} 透明手机壳 MagSafe",
)
L(
    PC,
    "phone_case",
    "Spigen",
    "Spigen Tough Armor Case for {model} with Kickstand, {color}",
    19.99,
    ["Dual-layer protection with Extreme Impact Foam and a built-in kickstand for hands-free viewing."],
    var=dict(
        model=["iPhone 15", "iPhone 15 Pro", "iPhone 14", "Galaxy S24 Ultra", "Galaxy S24"],
        color=["Black", "Metal Slate"],
    ),
    n=5,
    zh="Spigen 防摔手机壳 带支架 {model} {color}",
)
L(
    PC,
    "phone_case",
    "Spigen",
    "Spigen Ultra Hybrid Clear Case for {model}, Crystal Clear",
    15.99,
    ["A crystal-clear hybrid case with Air Cushion corners and anti-yellowing coating."],
    var=dict(model=["iPhone 15", "iPhone 15 Pro Max", "iPhone 14", "Galaxy S23", "Galaxy S24"]),
)
L(
    PC,
    "phone_case",
    "Samsung",
    "Samsung Galaxy S24 Silicone Case, {color}",
    29.99,
    ["Samsung's official soft-touch silicone case for Galaxy S24."],
    var=dict(color=["Black", "Violet", "Yellow"]),
    n=2,
    model="Galaxy S24",
)
L(
    PC,
    "phone_case",
    "CASETiFY",
    "CASETiFY Impact Case for {model}, MagSafe Compatible, {color}",
    68.00,
    ["Drop-tested to 6.6 ft with qitech cushioning and a raised bezel for screen protection."],
    var=dict(model=["iPhone 15 Pro", "iPhone 15"], color=["Clear Black", "Matte Pink"]),
    n=3,
)
L(
    MA + "Screen Protectors",
    "screen_protector",
    "ZAGG",
    "ZAGG InvisibleShield Glass Elite Screen Protector for {model}",
    39.99,
    ["Ion-exchange tempered glass with an antimicrobial treatment and smudge-resistant finish."],
    var=dict(model=["iPhone 15", "iPhone 15 Pro", "Galaxy S24"]),
)

WW = "Electronics > Wearables > "
L(
    WW + "Smartwatches",
    "smartwatch",
    "Apple",
    "Apple Watch Series 9 [GPS {mm}mm] Smartwatch with {color} Aluminum Case and Sport Band",
    399.00,
    [
        "Track workouts, heart rate, sleep and blood oxygen with the brighter Always-On Retina display.",
        "The S9 chip enables the magical double tap gesture and on-device Siri.",
    ],
    var=dict(mm=[(41, 1.0), (45, 1.075)], color=["Midnight", "Starlight", "Pink", "Silver"]),
    n=5,
    line="apple watch",
    zh="苹果 Apple Watch Series 9 智能手表 GPS {mm}mm {color}",
)
L(
    WW + "Smartwatches",
    "smartwatch",
    "Apple",
    "Apple Watch SE (2nd Gen) [GPS {mm}mm] Smartwatch with {color} Aluminum Case",
    249.00,
    ["Essential Apple Watch features: fitness tracking, Crash Detection and heart rate notifications."],
    var=dict(mm=[(40, 1.0), (44, 1.12)], color=["Midnight", "Starlight", "Silver"]),
    n=3,
    line="apple watch",
    zh="苹果手表 Apple Watch SE 二代 {mm}mm {color}",
)
L(
    WW + "Smartwatches",
    "smartwatch",
    "Apple",
    "Apple Watch Ultra 2 [GPS + Cellular 49mm] Titanium Case with Alpine Loop",
    799.00,
    [
        "The most rugged and capable Apple Watch, with a 3000-nit display, precision dual-frequency GPS and up to 36 hours of battery."
    ],
    line="apple watch",
)
L(
    WW + "Smartwatches",
    "smartwatch",
    "Samsung",
    "Samsung Galaxy Watch6 {mm}mm Bluetooth Smartwatch, {color}",
    299.99,
    ["Advanced sleep coaching, heart rate monitoring and body composition in a slimmer design."],
    var=dict(mm=[(40, 1.0), (44, 1.1)], color=["Graphite", "Silver", "Gold"]),
    n=3,
    zh="三星 Galaxy Watch6 智能手表 {mm}mm {color}",
)
L(
    WW + "Smartwatches",
    "smartwatch",
    "Garmin",
    "Garmin Forerunner 265 Running Smartwatch, AMOLED Display, {color}",
    449.99,
    ["A GPS running watch with training readiness, HRV status and a bright AMOLED display."],
    var=dict(color=["Black/Powder Gray", "Whitestone/Tidal Blue"]),
)
L(
    WW + "Smartwatches",
    "smartwatch",
    "Fitbit",
    "Fitbit Versa 4 Fitness Smartwatch with Built-in GPS, {color}",
    199.95,
    ["Daily Readiness, sleep tracking and 40+ exercise modes with up to 6 days of battery."],
    var=dict(color=["Black/Graphite", "Pink Sand/Copper Rose"]),
)
L(
    WW + "Fitness Trackers",
    "fitness_tracker",
    "Fitbit",
    "Fitbit Charge 6 Fitness Tracker with Google Apps, Heart Rate on Exercise Equipment, {color}",
    159.95,
    ["Built-in GPS, heart rate tracking and YouTube Music controls in a slim band."],
    var=dict(color=["Obsidian/Black", "Porcelain/Silver"]),
)
TB = "Electronics > Computers > Tablets"
L(
    TB,
    "tablet",
    "Apple",
    "Apple iPad (10th Generation) 10.9-inch Wi-Fi {gb}GB, {color}",
    349.00,
    [
        "An all-screen design with a 10.9-inch Liquid Retina display and the A14 Bionic chip.",
        "USB-C connectivity and a landscape 12MP front camera.",
    ],
    var=dict(gb=[(64, 1.0), (256, 1.43)], color=["Blue", "Silver", "Pink", "Yellow"]),
    n=5,
    zh="苹果 iPad 第十代 10.9英寸 {gb}G WiFi版 {color}",
)
L(
    TB,
    "tablet",
    "Apple",
    "Apple iPad Air 11-inch (M2) Wi-Fi {gb}GB, {color}",
    599.00,
    ["Supercharged by the M2 chip, with a Liquid Retina display and Apple Pencil Pro support."],
    var=dict(gb=[(128, 1.0), (256, 1.17)], color=["Space Gray", "Blue", "Starlight"]),
    n=3,
)
L(
    TB,
    "tablet",
    "Samsung",
    "Samsung Galaxy Tab S9 FE 10.9-inch 128GB Wi-Fi Android Tablet, S Pen Included, {color}",
    449.99,
    ["An IP68 water-resistant tablet with an included S Pen and a long-lasting battery."],
    var=dict(color=["Gray", "Mint"]),
    zh="三星 Galaxy Tab S9 FE 平板电脑 128G {color}",
)
L(
    TB,
    "tablet",
    "Amazon",
    'Amazon Fire HD 10 Tablet, 10.1" 1080p Full HD Display, {gb} GB, {color}',
    139.99,
    ["Bright 10.1-inch Full HD display, octa-core processor and up to 13 hours of battery."],
    var=dict(gb=[(32, 1.0), (64, 1.2)], color=["Black", "Ocean", "Lilac"]),
    n=3,
)
L(
    TB,
    "tablet",
    "Amazon",
    "Amazon Fire HD 8 Kids Edition Tablet, Ages 3-7, 32 GB, {color} Kid-Proof Case",
    149.99,
    ["Includes a kid-proof case, a 2-year worry-free guarantee and a year of Amazon Kids+."],
    var=dict(color=["Blue", "Purple"]),
    target="kids",
)
ER = "Electronics > E-Readers"
L(
    ER,
    "ereader",
    "Amazon",
    'Amazon Kindle Paperwhite (16 GB) - 6.8" Display, Adjustable Warm Light, {color}',
    149.99,
    [
        "Purpose-built for reading with a 6.8-inch 300 ppi glare-free display and up to 10 weeks of battery life.",
        "Waterproof, so you can read in the bath or by the pool.",
    ],
    var=dict(color=["Black", "Agave Green", "Denim"]),
    line="kindle",
    zh="亚马逊 Kindle Paperwhite 电子书阅读器 16G {color}",
    zhd="Kindle Paperwhite 6.8英寸护眼墨水屏，可调色温，防水设计，续航长达10周。",
)
L(
    ER,
    "ereader",
    "Amazon",
    'Amazon Kindle (16 GB) - Lightest and Most Compact Kindle, 6" 300 ppi Display, {color}',
    99.99,
    ["Our lightest and most compact Kindle with a high-resolution display and USB-C charging."],
    var=dict(color=["Black", "Denim"]),
    line="kindle",
    zh="亚马逊 Kindle 青春版 电子书 {color}",
)
L(
    ER,
    "ereader",
    "Amazon",
    "Amazon Kindle Paperwhite Signature Edition (32 GB), Wireless Charging, Auto-Adjusting Front Light",
    189.99,
    ["Everything in Kindle Paperwhite plus 32 GB of storage, wireless charging and an auto-adjusting light."],
    line="kindle",
)
L(
    ER,
    "ereader",
    "Amazon",
    'Amazon Kindle Scribe (64 GB), 10.2" 300 ppi Paperwhite Display, with Premium Pen',
    399.99,
    ["Read and write on a 10.2-inch glare-free display; includes the Premium Pen."],
    line="kindle",
)
L(
    ER,
    "ereader",
    "Amazon",
    "Amazon Kindle Kids (2022) - Includes Access to Thousands of Books, Cover and 2-Year Guarantee, {color}",
    119.99,
    ["A distraction-free Kindle for kids with a kid-friendly cover and parental controls."],
    var=dict(color=["Ocean Explorer", "Space Whale"]),
    line="kindle",
    target="kids",
)
L(
    ER,
    "ereader",
    "Kobo",
    'Kobo Clara 2E eReader, 6" HD Glare-Free Display, Waterproof, Deep Ocean Blue',
    139.99,
    ["An eco-conscious eReader made with recycled plastic, with ComfortLight PRO and OverDrive library support."],
)

# ===========================================================================
# 7. KITCHENWARE & DRINKWARE
# ===========================================================================
section("kit")
DW = "Home & Kitchen > Kitchen & Dining > Drinkware > "
CW = "Home & Kitchen > Kitchen & Dining > Cookware > "
AP = "Home & Kitchen > Kitchen & Dining > Small Appliances > "


def drink(sub, type, brand, title, price, desc, var, zh=None, zhd=None, n=None, insulated=True, **kw):
    L(DW + sub, type, brand, title, price, desc, var=var, zh=zh, zhd=zhd, n=n, insulated=insulated, **kw)


OZ_ML = {
    10: 296,
    12: 355,
    14: 414,
    16: 473,
    18: 532,
    20: 591,
    21: 621,
    24: 709,
    26: 769,
    30: 887,
    32: 946,
    35: 1035,
    36: 1065,
    40: 1183,
    48: 1420,
    64: 1893,
}


def oz(*sizes):
    return [(o, m, {"ml": OZ_ML[o]}) for o, m in sizes]


drink(
    "Tumblers",
    "tumbler",
    "Stanley",
    "Stanley Quencher H2.0 FlowState Stainless Steel Vacuum Insulated Tumbler with Lid and Straw, {oz} oz, {color}",
    45.00,
    [
        "Double-wall vacuum insulation keeps drinks cold for 11 hours and iced for up to 2 days.",
        "The comfort-grip handle and narrow base fit most car cup holders.",
        "A rotating FlowState lid with a reusable straw, sip opening and full-cover top.",
    ],
    dict(
        oz=oz((20, 0.78), (30, 0.9), (40, 1.0)),
        color=["Rose Quartz", "Cream", "Black Glow", "Frost", "Tigerlily", "Charcoal"],
    ),
    n=9,
    lid="straw",
    handle=True,
    zh="斯坦利 Stanley 保温杯 大容量 吸管杯 带把手 {oz}oz {color}",
    zhd="斯坦利Quencher吸管保温杯，双层真空不锈钢，保冰可达2天，杯底可放入车载杯架。",
)
drink(
    "Tumblers",
    "tumbler",
    "Stanley",
    "Stanley IceFlow Stainless Steel Tumbler with Flip Straw, {oz} oz, {color}",
    35.00,
    ["A leakproof flip straw and a carry handle for on-the-go hydration; keeps drinks cold for 12 hours."],
    dict(oz=oz((20, 0.85), (30, 1.0)), color=["Black", "Pool", "Lilac"]),
    n=3,
    lid="straw",
    handle=True,
)
drink(
    "Water Bottles",
    "water_bottle",
    "Stanley",
    "Stanley Classic Legendary Vacuum Insulated Bottle, {qt} qt, Hammertone Green",
    40.00,
    [
        "The iconic green thermos that has kept coffee hot for generations - hot or cold for 24 hours.",
        "The insulated lid doubles as a cup; BPA-free and dishwasher safe.",
    ],
    dict(
        qt=[(1.1, 1.0, {"oz": 35, "ml": 1035}), (1.5, 1.15, {"oz": 48, "ml": 1420}), (2.0, 1.3, {"oz": 64, "ml": 1893})]
    ),
    lid="cup",
    zh="斯坦利 经典保温壶 大容量 户外保温瓶 {qt}夸脱 锤纹绿",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "Stanley",
    "Stanley Classic Trigger-Action Travel Mug, Leak Proof, {oz} oz, {color}",
    28.00,
    ["One-hand trigger-action lid locks closed, seals tight and is fully leakproof.", "Keeps coffee hot for 7 hours."],
    dict(oz=oz((12, 0.9), (16, 1.0), (20, 1.1)), color=["Hammertone Green", "Matte Black"]),
    n=4,
    lid="flip",
    zh="斯坦利 保温咖啡杯 随行杯 一键开盖 {oz}oz {color}",
)
drink(
    "Food Jars",
    "food_jar",
    "Stanley",
    "Stanley Classic Legendary Food Jar, Vacuum Insulated, {oz} oz",
    32.00,
    ["Keeps soups, stews and chili hot for up to 15 hours; the lid doubles as a bowl."],
    dict(oz=oz((14, 0.85), (24, 1.0))),
    zh="斯坦利 焖烧罐 保温饭盒 {oz}oz",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Hydro Flask",
    "Hydro Flask Wide Mouth Bottle with Flex Cap, Stainless Steel, {oz} oz, {color}",
    44.95,
    [
        "TempShield double-wall vacuum insulation keeps drinks cold for 24 hours and hot for up to 12.",
        "The wide mouth fits ice cubes and makes cleaning easy.",
        "Durable, dishwasher-safe powder coat in bold colors.",
    ],
    dict(oz=oz((20, 0.82), (32, 1.0), (40, 1.12)), color=["Black", "Pacific", "White", "Olive", "Snapper"]),
    n=7,
    lid="flex cap",
    zh="Hydro Flask 保温水壶 宽口 不锈钢 {oz}oz {color}",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Hydro Flask",
    "Hydro Flask Standard Mouth Bottle with Flex Cap, 21 oz, {color}",
    34.95,
    ["A slimmer bottle that fits in backpacks and cup holders, with 24-hour cold insulation."],
    dict(color=[("Black", 1.0, {"oz": 21, "ml": 621}), ("Indigo", 1.0, {"oz": 21, "ml": 621})]),
    lid="flex cap",
)
drink(
    "Tumblers",
    "tumbler",
    "Hydro Flask",
    "Hydro Flask All Around Tumbler with Press-In Lid, {oz} oz, {color}",
    29.95,
    ["An insulated tumbler for coffee, tea or cocktails, with a splash-resistant press-in lid."],
    dict(oz=oz((20, 1.0), (32, 1.25)), color=["Black", "Stone"]),
    n=3,
    lid="press-in",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "Hydro Flask",
    "Hydro Flask Coffee with Flex Sip Lid, Insulated Travel Mug, {oz} oz, {color}",
    29.95,
    ["A travel coffee mug that keeps drinks hot for hours with a leak-resistant Flex Sip lid."],
    dict(oz=oz((12, 0.95), (16, 1.0), (20, 1.1)), color=["Black", "Fog"]),
    n=3,
    lid="sip",
    zh="Hydro Flask 保温咖啡杯 随行杯 {oz}oz {color}",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Hydro Flask",
    "Hydro Flask Kids Wide Mouth Insulated Water Bottle with Straw Lid, 12 oz, {color}",
    29.95,
    ["A kid-sized insulated bottle with a leakproof straw lid and a flexible carry strap."],
    dict(color=[("Lagoon", 1.0, {"oz": 12, "ml": 355}), ("Bubblegum", 1.0, {"oz": 12, "ml": 355})]),
    lid="straw",
    target="kids",
    zh="Hydro Flask 儿童保温水杯 吸管杯 12oz {color}",
)
drink(
    "Water Bottles",
    "water_bottle",
    "YETI",
    "YETI Rambler {oz} oz Bottle with Chug Cap, Vacuum Insulated Stainless Steel, {color}",
    40.00,
    [
        "Dishwasher-safe, shatter-resistant and made with kitchen-grade 18/8 stainless steel.",
        "The Chug Cap delivers a fast, easy pour and a leakproof seal.",
    ],
    dict(oz=oz((18, 0.8), (26, 1.0), (36, 1.2)), color=["Black", "Navy", "Seafoam", "Rescue Red"]),
    n=6,
    lid="chug",
    zh="YETI 保温瓶 Rambler 不锈钢 {oz}oz {color}",
)
drink(
    "Tumblers",
    "tumbler",
    "YETI",
    "YETI Rambler {oz} oz Tumbler with MagSlider Lid, Stainless Steel, Vacuum Insulated, {color}",
    35.00,
    [
        "No Sweat design keeps hands dry and drinks cold or hot to the last sip.",
        "The magnetic MagSlider lid keeps splashes in.",
    ],
    dict(oz=oz((10, 0.7), (20, 1.0), (30, 1.15)), color=["Black", "Navy", "White"]),
    n=5,
    lid="slider",
    zh="YETI 保温杯 Rambler 车载杯 {oz}oz {color}",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "YETI",
    "YETI Rambler 14 oz Mug with MagSlider Lid, Vacuum Insulated Stainless Steel, {color}",
    30.00,
    ["A sturdy insulated coffee mug with a handle that keeps coffee hot at camp or at your desk."],
    dict(
        color=[
            ("Black", 1.0, {"oz": 14, "ml": 414}),
            ("Navy", 1.0, {"oz": 14, "ml": 414}),
            ("Seafoam", 1.0, {"oz": 14, "ml": 414}),
        ]
    ),
    lid="slider",
    handle=True,
)
drink(
    "Tumblers",
    "tumbler",
    "YETI",
    "YETI Rambler 35 oz Straw Mug, Vacuum Insulated, with Straw Lid, {color}",
    45.00,
    ["A big insulated straw mug with a comfortable handle and a shatter-resistant straw."],
    dict(color=[("Black", 1.0, {"oz": 35, "ml": 1035}), ("Cosmic Lilac", 1.0, {"oz": 35, "ml": 1035})]),
    lid="straw",
    handle=True,
)
drink(
    "Water Bottles",
    "water_bottle",
    "YETI",
    "YETI Rambler Jr. 12 oz Kids Bottle with Straw Cap, {color}",
    25.00,
    ["A kid-sized, dishwasher-safe insulated bottle with a leakproof straw cap."],
    dict(color=[("Big Wave Blue", 1.0, {"oz": 12, "ml": 355}), ("Power Pink", 1.0, {"oz": 12, "ml": 355})]),
    lid="straw",
    target="kids",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Thermos",
    "Thermos Stainless King Vacuum-Insulated Beverage Bottle, {oz} oz, {color}",
    29.99,
    [
        "THERMOS vacuum insulation keeps drinks hot for 24 hours or cold for 24 hours.",
        "The twist-and-pour stopper doubles as a cup.",
    ],
    dict(oz=oz((16, 0.8), (24, 0.9), (40, 1.0)), color=["Matte Black", "Midnight Blue"]),
    n=4,
    lid="cup",
    zh="膳魔师 Thermos 不锈钢保温瓶 {oz}oz {color}",
    zhd="膳魔师经典不锈钢保温瓶，真空隔热，24小时保温保冷，杯盖可当杯子使用。",
)
drink(
    "Food Jars",
    "food_jar",
    "Thermos",
    "Thermos Stainless King Vacuum-Insulated Food Jar, {oz} oz, {color}",
    24.99,
    ["Keeps food hot for 14 hours or cold for 14 hours, with a folding stainless spoon."],
    dict(oz=oz((16, 1.0), (24, 1.15)), color=["Matte Black", "Cranberry"]),
    n=3,
    zh="膳魔师 焖烧杯 保温饭盒 {oz}oz",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Thermos",
    "Thermos Funtainer 12 oz Stainless Steel Vacuum Insulated Kids Straw Bottle, {color}",
    19.99,
    ["Keeps drinks cold for 12 hours, with a push-button pop-up straw and a carry handle for little hands."],
    dict(
        color=[
            ("Blue", 1.0, {"oz": 12, "ml": 355}),
            ("Pink", 1.0, {"oz": 12, "ml": 355}),
            ("Dinosaur", 1.0, {"oz": 12, "ml": 355}),
        ]
    ),
    lid="straw",
    target="kids",
    zh="膳魔师 儿童保温水杯 吸管杯 12oz {color}",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "Thermos",
    "Thermos Stainless King Vacuum-Insulated Travel Mug, 16 oz, {color}",
    24.99,
    ["A push-button lid opens for one-handed drinking and keeps coffee hot for 7 hours."],
    dict(color=[("Matte Black", 1.0, {"oz": 16, "ml": 473}), ("Stainless Steel", 1.0, {"oz": 16, "ml": 473})]),
    lid="flip",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "Contigo",
    "Contigo West Loop Autoseal Vacuum-Insulated Stainless Steel Travel Mug, {oz} oz, {color}",
    24.99,
    [
        "Patented AUTOSEAL lid is spill-proof and leakproof; keeps drinks hot for up to 5 hours.",
        "Fits most car cup holders and under single-serve coffee makers.",
    ],
    dict(oz=oz((16, 1.0), (20, 1.1)), color=["Licorice", "Sake", "Stainless Steel"]),
    n=4,
    lid="flip",
    zh="Contigo 保温咖啡杯 一键防漏 {oz}oz {color}",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Contigo",
    "Contigo Autospout Chill Stainless Steel Water Bottle, 24 oz, {color}",
    24.99,
    ["Vacuum-insulated bottle with a push-button spout that keeps drinks cold for 28 hours."],
    dict(color=[("Sake", 1.0, {"oz": 24, "ml": 709}), ("Dark Ink", 1.0, {"oz": 24, "ml": 709})]),
    lid="spout",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Contigo",
    "Contigo Kids Autospout Tritan Water Bottle, 14 oz, {color} 2-Pack",
    17.99,
    ["Spill-proof, BPA-free plastic kids bottles with a button-activated spout."],
    dict(color=[("Blue/Green", 1.0, {"oz": 14, "ml": 414}), ("Pink/Purple", 1.0, {"oz": 14, "ml": 414})]),
    insulated=False,
    lid="spout",
    target="kids",
    material="plastic",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Contigo",
    "Contigo Ashland 2.0 Leak-Proof Tritan Water Bottle with Chug Spout, 24 oz, {color}",
    12.99,
    ["A lightweight, BPA-free Tritan plastic water bottle for the gym or the office."],
    dict(color=[("Licorice", 1.0, {"oz": 24, "ml": 709}), ("Blueberry", 1.0, {"oz": 24, "ml": 709})]),
    insulated=False,
    lid="spout",
    material="plastic",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Owala",
    "Owala FreeSip Insulated Stainless Steel Water Bottle with Straw, {oz} oz, {color}",
    27.99,
    [
        "Sip upright through the built-in straw or tilt back to swig from the spout opening.",
        "Triple-layer insulation keeps drinks cold for up to 24 hours.",
    ],
    dict(
        oz=oz((24, 1.0), (32, 1.1), (40, 1.25)), color=["Shy Marshmallow", "Very, Very Dark", "Candy Coated", "Denim"]
    ),
    n=5,
    lid="straw",
    zh="Owala FreeSip 吸管保温水杯 {oz}oz {color}",
)
drink(
    "Travel Mugs",
    "travel_mug",
    "Zojirushi",
    "Zojirushi Stainless Steel Vacuum Insulated Mug, One-Touch Open Lid, {oz} oz, {color}",
    29.99,
    [
        "Japan's favorite flip-open insulated mug: lightweight, compact and keeps drinks hot or cold for hours.",
        "SlickSteel interior resists stains and odors.",
    ],
    dict(oz=oz((12, 0.9), (16, 1.0), (20, 1.1)), color=["Black", "Pearl White", "Pink"]),
    n=5,
    lid="flip",
    zh="象印 Zojirushi 保温杯 不锈钢 一键开盖 {ml}ml {color}",
    zhd="象印经典一键开盖保温杯，轻量小巧，保温保冷效果出色，内胆不易沾染异味。",
)
drink(
    "Water Bottles",
    "water_bottle",
    "Nalgene",
    "Nalgene Sustain Tritan BPA-Free Wide Mouth Water Bottle, 32 oz, {color}",
    15.99,
    ["The classic outdoor water bottle, made with 50% recycled plastic and virtually indestructible."],
    dict(color=[("Gray", 1.0, {"oz": 32, "ml": 946}), ("Denim", 1.0, {"oz": 32, "ml": 946})]),
    insulated=False,
    lid="loop cap",
    material="plastic",
)
drink(
    "Coffee Mugs",
    "coffee_mug",
    "Le Creuset",
    "Le Creuset Stoneware Coffee Mug, 12 oz, {color}",
    26.00,
    ["Durable, chip-resistant enameled stoneware that keeps its color; microwave and dishwasher safe."],
    dict(
        color=[
            ("Cerise", 1.0, {"oz": 12, "ml": 355}),
            ("Marseille", 1.0, {"oz": 12, "ml": 355}),
            ("Meringue", 1.0, {"oz": 12, "ml": 355}),
        ]
    ),
    insulated=False,
    material="ceramic",
    zh="酷彩 Le Creuset 陶瓷马克杯 咖啡杯 {color}",
)
drink(
    "Coffee Mugs",
    "coffee_mug",
    "Fiesta",
    "Fiesta Java Mug, 12 oz, Ceramic Coffee Mug, {color}",
    14.99,
    ["Lead-free ceramic mug made in West Virginia in Fiesta's signature colors."],
    dict(color=[("Scarlet", 1.0, {"oz": 12, "ml": 355}), ("Turquoise", 1.0, {"oz": 12, "ml": 355})]),
    insulated=False,
    material="ceramic",
)

L(
    CW + "Skillets & Frying Pans",
    "skillet",
    "Lodge",
    "Lodge Cast Iron Skillet, Pre-Seasoned, {inch}-Inch",
    19.90,
    [
        "Pre-seasoned with 100% vegetable oil and ready to use right out of the box.",
        "Unparalleled heat retention for searing, sautéing, baking and broiling; made in South Pittsburg, Tennessee.",
    ],
    var=dict(inch=[(8, 0.75), (10.25, 1.0), (12, 1.4)]),
    material="cast iron",
    zh="Lodge 铸铁锅 平底煎锅 {inch}英寸 美国产",
)
L(
    CW + "Dutch Ovens",
    "dutch_oven",
    "Lodge",
    "Lodge 6 Quart Enameled Cast Iron Dutch Oven with Lid, {color}",
    79.90,
    ["A porcelain-enamel cast iron Dutch oven for braising, baking bread and slow cooking."],
    var=dict(color=["Island Spice Red", "Indigo"]),
    material="cast iron",
)
L(
    CW + "Dutch Ovens",
    "dutch_oven",
    "Le Creuset",
    "Le Creuset Enameled Cast Iron Signature Round Dutch Oven, 5.5 qt, {color}",
    419.95,
    [
        "Colorful, chip-resistant enamel and a tight-fitting lid that locks in moisture.",
        "Ergonomic handles and a stainless steel knob that is oven-safe to any temperature.",
    ],
    var=dict(color=["Cerise", "Marseille", "Flame"]),
    material="cast iron",
    zh="酷彩 Le Creuset 珐琅铸铁锅 圆形 5.5夸脱 {color}",
)
L(
    CW + "Skillets & Frying Pans",
    "skillet",
    "All-Clad",
    "All-Clad D3 3-Ply Stainless Steel Fry Pan, {inch}-Inch",
    119.95,
    [
        "Three-ply bonded construction with an aluminum core for fast, even heating.",
        "Oven and broiler safe up to 600°F; made in the USA.",
    ],
    var=dict(inch=[(10, 1.0), (12, 1.25)]),
    material="stainless steel",
)
L(
    CW + "Skillets & Frying Pans",
    "skillet",
    "T-fal",
    "T-fal Ultimate Hard Anodized Nonstick Fry Pan Set, 10 and 12 Inch",
    49.99,
    ["Titanium-reinforced nonstick with Thermo-Spot heat indicator that shows when the pan is preheated."],
    material="nonstick",
)
L(
    CW + "Skillets & Frying Pans",
    "skillet",
    "Our Place",
    "Our Place Always Pan 2.0, 10.5-Inch Nonstick Ceramic Pan, {color}",
    150.00,
    [
        "Replaces eight pieces of cookware: fry, sear, steam, boil, sauté and more.",
        "Toxin-free ceramic nonstick coating.",
    ],
    var=dict(color=["Sage", "Spice", "Char"]),
    material="nonstick",
)
L(
    CW + "Cookware Sets",
    "cookware_set",
    "Calphalon",
    "Calphalon Classic Nonstick 10-Piece Pots and Pans Set",
    199.99,
    ["Dual-layer nonstick for easy food release, with tempered glass lids and measuring marks."],
    material="nonstick",
)
L(
    CW + "Cookware Sets",
    "cookware_set",
    "Cuisinart",
    "Cuisinart MultiClad Pro Triple Ply Stainless Steel 12-Piece Cookware Set",
    299.99,
    ["Professional triple-ply construction with a pure aluminum core and cool-grip handles."],
    material="stainless steel",
)
KN = "Home & Kitchen > Kitchen & Dining > Cutlery > "
L(
    KN + "Chef's Knives",
    "chef_knife",
    "Wüsthof",
    "Wüsthof Classic 8-Inch Chef's Knife",
    170.00,
    [
        "Precision-forged from a single piece of high-carbon stainless steel in Solingen, Germany.",
        "A full bolster and triple-riveted handle for balance and control.",
    ],
    zh="三叉 Wüsthof 德国 厨师刀 8英寸",
)
L(
    KN + "Chef's Knives",
    "chef_knife",
    "Victorinox",
    "Victorinox Fibrox Pro 8-Inch Chef's Knife",
    55.00,
    [
        "A lightweight, razor-sharp stamped blade with a slip-resistant Fibrox handle - a longtime test-kitchen favorite."
    ],
)
L(
    KN + "Chef's Knives",
    "chef_knife",
    "Shun",
    "Shun Classic 8-Inch Chef's Knife, VG-MAX Damascus Steel",
    169.95,
    ["Handcrafted in Japan with 68 layers of Damascus-clad steel and a D-shaped Pakkawood handle."],
    zh="旬 Shun 日本大马士革钢 主厨刀 8寸",
)
L(
    KN + "Chef's Knives",
    "chef_knife",
    "Mercer Culinary",
    "Mercer Culinary Millennia 8-Inch Chef's Knife, Black",
    24.99,
    ["A culinary-school staple with a high-carbon Japanese steel blade and an ergonomic handle."],
)
L(
    KN + "Knife Sets",
    "knife_set",
    "Henckels",
    "Henckels Statement 15-Piece Knife Set with Block, Razor-Sharp, German Engineered",
    149.99,
    ["Includes a chef's knife, santoku, bread knife, six steak knives, honing steel, shears and a hardwood block."],
    zh="双立人 Henckels 刀具套装 15件套 带刀座",
)
L(
    AP + "Air Fryers",
    "air_fryer",
    "Ninja",
    "Ninja AF101 Air Fryer that Crisps, Roasts, Reheats & Dehydrates, 4 Quart, {color}",
    99.99,
    [
        "Up to 75% less fat than traditional frying methods, with a wide temperature range from 105°F to 400°F.",
        "A 4-quart ceramic-coated nonstick basket fits 2 lbs of french fries.",
    ],
    var=dict(color=["Black/Gray", "White"]),
    qt=4,
    zh="Ninja 空气炸锅 4夸脱 家用 {color}",
)
L(
    AP + "Air Fryers",
    "air_fryer",
    "Ninja",
    "Ninja DZ201 Foodi 8 Quart 6-in-1 DualZone 2-Basket Air Fryer",
    199.99,
    ["Two independent baskets let you cook two foods two ways at the same time, finishing together with Smart Finish."],
    qt=8,
    zh="Ninja 双篮空气炸锅 8夸脱 大容量",
)
L(
    AP + "Air Fryers",
    "air_fryer",
    "COSORI",
    "COSORI Pro LE Air Fryer, 5 Qt, Quiet, 9 Customizable Functions, {color}",
    89.99,
    ["Compact and quiet, with a square 5-quart basket and dishwasher-safe parts."],
    var=dict(color=["Black", "White", "Red"]),
    qt=5,
)
L(
    AP + "Air Fryers",
    "air_fryer",
    "Instant",
    "Instant Vortex Plus 6-Quart Air Fryer Oven with ClearCook Window",
    119.99,
    ["Watch your food crisp through the ClearCook window, with an OdorErase filter."],
    qt=6,
)
L(
    AP + "Pressure Cookers",
    "pressure_cooker",
    "Instant",
    "Instant Pot Duo 7-in-1 Electric Pressure Cooker, {qt} Quart",
    99.99,
    [
        "Pressure cooker, slow cooker, rice cooker, steamer, sauté pan, yogurt maker and warmer in one.",
        "13 one-touch smart programs for ribs, soups, beans, rice and more.",
    ],
    var=dict(qt=[(3, 0.8), (6, 1.0), (8, 1.3)]),
    zh="Instant Pot 多功能电压力锅 {qt}夸脱",
)
L(
    AP + "Blenders",
    "blender",
    "Vitamix",
    "Vitamix 5200 Blender, Professional-Grade, 64 oz Container, {color}",
    449.95,
    [
        "Aircraft-grade stainless steel blades handle the toughest ingredients for silky smoothies, soups and nut butters.",
        "Variable speed control and a 7-year full warranty.",
    ],
    var=dict(color=["Black", "Red", "White"]),
    zh="维他密斯 Vitamix 5200 破壁料理机 {color}",
    zhd="Vitamix 5200专业级破壁机，航空级不锈钢刀片，可做奶昔、热汤、坚果酱，7年保修。",
)
L(
    AP + "Blenders",
    "blender",
    "Vitamix",
    "Vitamix E310 Explorian Blender, Professional-Grade, 48 oz Container, Black",
    349.95,
    ["A compact professional-grade blender with 10 variable speeds and a pulse feature."],
)
L(
    AP + "Blenders",
    "blender",
    "Ninja",
    "Ninja BL610 Professional 72 oz Countertop Blender with 1000-Watt Base",
    99.99,
    ["Total Crushing technology pulverizes ice into snow in seconds."],
    zh="Ninja 大功率 搅拌机 料理机 1000W",
)
L(
    AP + "Blenders",
    "blender",
    "NutriBullet",
    "NutriBullet Pro 900 Watt Personal Blender, 13-Piece Set, {color}",
    99.99,
    ["A personal blender that turns whole fruits and vegetables into smooth nutrient extracts."],
    var=dict(color=["Matte Black", "Champagne"]),
    personal=True,
)
L(
    AP + "Blenders",
    "blender",
    "Ninja",
    "Ninja BN401 Nutri Pro Compact Personal Blender, Auto-iQ, 1100 Watts, Gray",
    89.99,
    ["Two 24 oz to-go cups with spout lids for smoothies on the move."],
    personal=True,
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Keurig",
    "Keurig K-Classic Single Serve K-Cup Pod Coffee Maker, {color}",
    119.99,
    ["Brews 6, 8 or 10 oz cups in under a minute from any K-Cup pod.", "A large 48 oz removable reservoir."],
    var=dict(color=["Black", "Rhubarb"]),
    style="pod",
    zh="Keurig 胶囊咖啡机 K-Classic {color}",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Keurig",
    "Keurig K-Mini Single Serve Coffee Maker, {color}",
    89.99,
    ["Less than 5 inches wide, the K-Mini fits anywhere and brews 6 to 12 oz cups."],
    var=dict(color=["Black", "Poppy Red", "Oasis"]),
    n=2,
    style="pod",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Nespresso",
    "Nespresso VertuoPlus Coffee and Espresso Maker by De'Longhi, {color}",
    179.00,
    [
        "Centrifusion technology brews coffee and espresso at the touch of a button.",
        "Includes a starter set of Vertuo capsules.",
    ],
    var=dict(color=["Grey", "Black"]),
    style="pod",
    zh="Nespresso 胶囊咖啡机 VertuoPlus {color}",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Breville",
    "Breville Barista Express Espresso Machine BES870XL, {color}",
    699.95,
    [
        "An integrated conical burr grinder takes you from beans to espresso in under a minute.",
        "Manual steam wand for hand-textured microfoam.",
    ],
    var=dict(color=["Brushed Stainless Steel", "Black Truffle"]),
    style="espresso",
    zh="铂富 Breville 870 半自动意式咖啡机 带磨豆 {color}",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Mr. Coffee",
    "Mr. Coffee 12-Cup Programmable Coffee Maker with Brew Strength Control, Black",
    39.99,
    ["A 24-hour programmable drip coffee maker with a Brew Now or Later function."],
    style="drip",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Cuisinart",
    "Cuisinart DCC-3200P1 Perfectemp 14-Cup Programmable Coffee Maker",
    99.95,
    ["Hotter coffee without sacrificing flavor, with brew strength control and a 24-hour programmable timer."],
    style="drip",
)
L(
    AP + "Coffee Makers",
    "coffee_maker",
    "Chemex",
    "Chemex Pour-Over Glass Coffeemaker, Classic Series, 8-Cup",
    47.50,
    ["An elegant, one-piece hourglass-shaped flask made of non-porous borosilicate glass since 1941."],
    style="manual",
)
L(
    "Home & Kitchen > Kitchen & Dining > Coffee & Tea > K-Cups",
    "coffee_pods",
    "Green Mountain Coffee Roasters",
    "Green Mountain Coffee Roasters Breakfast Blend K-Cup Pods, Light Roast, {count} Count",
    39.99,
    ["A bright, balanced light roast for Keurig brewers."],
    var=dict(count=[(48, 0.75), (72, 1.0)]),
)

# ===========================================================================
# 8. OUTDOOR GEAR
# ===========================================================================
section("out")
CH_ = "Sports & Outdoors > Camping & Hiking > "

L(
    CH_ + "Tents",
    "tent",
    "Coleman",
    "Coleman Sundome Camping Tent, {p}-Person Dome Tent with Rainfly",
    69.99,
    [
        "Sets up in about 10 minutes with snag-free continuous pole sleeves.",
        "WeatherTec system with welded corners and inverted seams keeps water out.",
        "Large windows and a ground vent for airflow on warm nights.",
    ],
    var=dict(p=[(2, 0.85), (3, 0.95), (4, 1.0), (6, 1.45)]),
    zh="Coleman 科尔曼 帐篷 {p}人 户外露营 防雨",
    zhd="科尔曼Sundome经典帐篷，约10分钟即可搭好，WeatherTec防水系统，适合家庭露营。",
)
L(
    CH_ + "Tents",
    "tent",
    "Coleman",
    "Coleman Skydome Camping Tent with Easy Setup, {p}-Person, {color}",
    99.99,
    [
        "Pre-attached poles and color-coded pole sleeves for 5-minute setup.",
        "Room for a queen air mattress in the 4-person model.",
    ],
    var=dict(p=[(4, 1.0), (6, 1.3), (8, 1.6)], color=["Evergreen", "Blue Nights"]),
    n=4,
)
L(
    CH_ + "Tents",
    "tent",
    "Coleman",
    "Coleman Instant Cabin Tent with 1-Minute Setup, {p}-Person",
    159.99,
    [
        "Pre-attached poles let you set up the whole cabin tent in about 60 seconds.",
        "Center height lets most adults stand up inside.",
    ],
    var=dict(p=[(4, 1.0), (6, 1.25), (10, 1.75)]),
    zh="Coleman 科尔曼 速开帐篷 1分钟搭建 {p}人",
)
L(
    CH_ + "Tents",
    "tent",
    "REI Co-op",
    "REI Co-op Half Dome SL {p}+ Backpacking Tent with Footprint",
    329.00,
    [
        "A roomy, lightweight backpacking tent with two doors, two vestibules and near-vertical walls.",
        "Weighs under 5 lbs and packs down small.",
    ],
    var=dict(p=[(2, 1.0), (3, 1.15)]),
)
L(
    CH_ + "Tents",
    "tent",
    "REI Co-op",
    "REI Co-op Wonderland {p} Car Camping Tent",
    399.00,
    ["A spacious car-camping tent with near-vertical walls, two doors and a huge vestibule."],
    var=dict(p=[(4, 1.0), (6, 1.2)]),
)
L(
    CH_ + "Tents",
    "tent",
    "Big Agnes",
    "Big Agnes Copper Spur HV UL{p} Ultralight Backpacking Tent",
    549.95,
    ["A best-selling ultralight backpacking tent with high-volume pole architecture and awning-style vestibules."],
    var=dict(p=[(1, 0.85), (2, 1.0), (3, 1.2)]),
    zh="Big Agnes 超轻 徒步 帐篷 UL{p} {p}人",
)
L(
    CH_ + "Tents",
    "tent",
    "MSR",
    "MSR Hubba Hubba {p}-Person Lightweight Backpacking Tent",
    499.95,
    ["A freestanding, 3-season backpacking tent with Easton Syclone poles and DuraShield-coated fabrics."],
    var=dict(p=[(1, 0.85), (2, 1.0), (3, 1.15)]),
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "Coleman",
    "Coleman Brazos Cold Weather Sleeping Bag, 20°F, {color}",
    49.99,
    [
        "A rectangular sleeping bag that keeps you warm down to 20°F, with a ZipPlow zipper that plows through snags.",
        "Fits most adults up to 5 ft 11 in.",
    ],
    var=dict(color=["Blue", "Green"]),
    temp_f=20,
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "Coleman",
    "Coleman Sun Ridge 40°F Warm Weather Sleeping Bag, Lightweight",
    29.99,
    ["A lightweight summer sleeping bag that rolls up quickly for travel."],
    temp_f=40,
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "Coleman",
    "Coleman Kids 50°F Sleeping Bag with Glow-in-the-Dark Design, {color}",
    24.99,
    ["A kid-sized sleeping bag with a fun glow-in-the-dark print and an easy roll-up for sleepovers."],
    var=dict(color=["Dino", "Unicorn", "Space"]),
    target="kids",
    temp_f=50,
    zh="Coleman 儿童睡袋 夜光 {color}",
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "REI Co-op",
    "REI Co-op Magma 15 Down Sleeping Bag, {fit}",
    449.00,
    ["850-fill-power goose down and a trim mummy shape for cold-weather backpacking at a light weight."],
    var=dict(fit=["Regular", "Long"]),
    temp_f=15,
    zh="REI 羽绒睡袋 Magma 15°F {fit}",
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "REI Co-op",
    "REI Co-op Siesta Hooded 20 Sleeping Bag, Rectangular",
    119.00,
    ["A roomy rectangular car-camping bag with a hood and a zipper that opens flat into a blanket."],
    temp_f=20,
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "Kelty",
    "Kelty Cosmic 20 Degree Down Sleeping Bag, 550 Fill, {fit}",
    179.95,
    ["Water-repellent DriDown insulation and a trapezoidal footbox in a 3-season mummy bag."],
    var=dict(fit=["Regular", "Long"]),
    temp_f=20,
    zh="Kelty 羽绒睡袋 Cosmic 20度 {fit}",
)
L(
    CH_ + "Sleeping Bags",
    "sleeping_bag",
    "TETON Sports",
    "TETON Sports Celsius XL 0°F Cold Weather Sleeping Bag, Flannel Lined",
    89.99,
    ["An oversized, flannel-lined sleeping bag with full-length draft tubes for very cold nights."],
    temp_f=0,
)
L(
    CH_ + "Sleeping Pads",
    "sleeping_pad",
    "Therm-a-Rest",
    "Therm-a-Rest NeoAir XLite NXT Ultralight Sleeping Pad, {fit}",
    209.95,
    ["A 3-inch thick ultralight inflatable pad with an R-value of 4.5 for three-season warmth."],
    var=dict(fit=["Regular", "Large"]),
)
L(
    CH_ + "Sleeping Pads",
    "sleeping_pad",
    "REI Co-op",
    "REI Co-op Trailbreak Self-Inflating Sleeping Pad, Regular",
    79.95,
    ["A comfortable self-inflating pad for car camping and short backpacking trips."],
)
L(
    CH_ + "Sleeping Pads",
    "sleeping_pad",
    "Klymit",
    "Klymit Static V Sleeping Pad, Ultralight Inflatable, {color}",
    64.95,
    ["A V-chamber design limits air movement and heat loss; packs to the size of a water bottle."],
    var=dict(color=["Green", "Orange"]),
)
BP = CH_ + "Hiking Backpacks"
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Atmos AG 65 Men's Backpacking Backpack, {size}, {color}",
    340.00,
    [
        "Anti-Gravity suspension with a seamless 3D-tensioned mesh back panel for unmatched ventilation and comfort.",
        "Adjustable harness and hipbelt with an integrated rain cover.",
    ],
    var=dict(size=["S/M", "L/XL"], color=["Black", "Venturi Blue"]),
    n=3,
    target="men",
    capacity_l=65,
    zh="Osprey 小鹰 Atmos AG 65L 男款 重装登山包 {color}",
)
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Aura AG 65 Women's Backpacking Backpack, {size}, {color}",
    340.00,
    ["Women-specific Anti-Gravity suspension with a fit-on-the-go hipbelt."],
    var=dict(size=["XS/S", "WM/L"], color=["Berry Sorbet Red", "Tungsten Grey"]),
    n=3,
    target="women",
    capacity_l=65,
    zh="Osprey 小鹰 Aura AG 65L 女款 登山包 {color}",
)
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Talon 22 Men's Hiking Daypack, {size}, {color}",
    160.00,
    ["A lightweight daypack with a hydration sleeve, trekking pole attachment and Stow-on-the-Go."],
    var=dict(size=["S/M", "L/XL"], color=["Eclipse Grey", "Ceramic Blue"]),
    n=3,
    target="men",
    capacity_l=22,
    zh="Osprey 小鹰 魔爪 Talon 22L 登山双肩包 {color}",
)
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Tempest 20 Women's Hiking Daypack, {size}, {color}",
    160.00,
    ["A women-specific ventilated daypack with a hipbelt and internal hydration sleeve."],
    var=dict(size=["XS/S", "M/L"], color=["Stealth Black", "Jasper Green"]),
    n=2,
    target="women",
    capacity_l=20,
)
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Daylite Plus 20L Everyday Backpack, {color}",
    75.00,
    ["A versatile daypack with a large panel-loading main compartment and side mesh pockets."],
    var=dict(color=["Black", "Night Arches Green", "Wave Blue"]),
    n=2,
    target="unisex",
    capacity_l=20,
    zh="Osprey 小鹰 Daylite 20L 双肩包 {color}",
)
L(
    BP,
    "hiking_backpack",
    "Osprey",
    "Osprey Exos 58 Men's Ultralight Backpacking Pack",
    240.00,
    ["A feature-rich ultralight pack built for thru-hikers who carry 20-30 lb loads."],
    target="men",
    capacity_l=58,
)
L(
    BP,
    "hiking_backpack",
    "REI Co-op",
    "REI Co-op Flash 22 Pack, {color}",
    59.95,
    ["A light, simple daypack that doubles as a summit pack on longer trips."],
    var=dict(color=["Black", "Fired Brick"]),
    target="unisex",
    capacity_l=22,
)
L(
    BP,
    "hiking_backpack",
    "Gregory",
    "Gregory Baltoro 65 Men's Backpacking Pack, {size}",
    340.00,
    ["A load-hauling backpacking pack with Response A3 suspension and a removable daypack."],
    var=dict(size=["M", "L"]),
    target="men",
    capacity_l=65,
)
L(
    BP,
    "hiking_backpack",
    "Gregory",
    "Gregory Deva 60 Women's Backpacking Pack, {size}",
    340.00,
    ["A women-specific backpacking pack with an auto-fit hipbelt and a removable daypack."],
    var=dict(size=["S", "M"]),
    target="women",
    capacity_l=60,
)
TP = CH_ + "Trekking Poles"
L(
    TP,
    "trekking_poles",
    "Black Diamond",
    "Black Diamond Trail Ergo Cork Trekking Poles, Pair",
    139.95,
    [
        "Aluminum trekking poles with a 15-degree corrected cork grip and FlickLock adjustments.",
        "Dual-density tips and interchangeable baskets for all-season use.",
    ],
    zh="Black Diamond 黑钻 登山杖 软木手柄 一对",
)
L(
    TP,
    "trekking_poles",
    "Black Diamond",
    "Black Diamond Distance Carbon Z Trekking Poles, {cm} cm, Pair",
    169.95,
    ["Ultralight carbon Z-poles that fold in seconds for trail running and fast hiking."],
    var=dict(cm=["110", "120", "130"]),
    zh="黑钻 碳纤维 折叠登山杖 Z杖 {cm}cm",
)
L(
    TP,
    "trekking_poles",
    "Black Diamond",
    "Black Diamond Alpine Carbon Cork Trekking Poles, Pair",
    199.95,
    ["Carbon shafts, cork grips and FlickLock Pro levers for four-season mountain travel."],
)
L(
    TP,
    "trekking_poles",
    "REI Co-op",
    "REI Co-op Traverse Power Lock Cork Trekking Poles, Pair",
    119.00,
    ["Aluminum poles with cork grips and easy-to-adjust Power Lock levers."],
)
L(
    TP,
    "trekking_poles",
    "Cascade Mountain Tech",
    "Cascade Mountain Tech Carbon Fiber Quick Lock Trekking Poles, 2-Pack",
    49.99,
    ["Lightweight carbon fiber poles with cork grips and quick-lock adjustment at a great value."],
)
L(
    TP,
    "trekking_poles",
    "TrailBuddy",
    "TrailBuddy Lightweight Aluminum Trekking Poles, 2-Pack, {color}",
    34.99,
    ["Aircraft-grade aluminum poles with lever locks and padded straps."],
    var=dict(color=["Forest Green", "Navy Blue", "Black"]),
    n=2,
)
HL = CH_ + "Headlamps & Lanterns"
L(
    HL,
    "headlamp",
    "Black Diamond",
    "Black Diamond Spot 400 Headlamp, Waterproof, {color}",
    49.95,
    [
        "A 400-lumen headlamp with PowerTap technology to switch instantly between full and dimmed power.",
        "Waterproof to IPX8 and runs on 3 AAA batteries.",
    ],
    var=dict(color=["Black", "Octane", "Azul"]),
    n=2,
    zh="Black Diamond 黑钻 头灯 Spot 400流明 防水 {color}",
)
L(
    HL,
    "headlamp",
    "Black Diamond",
    "Black Diamond Storm 500-R Rechargeable Headlamp",
    79.95,
    ["500 lumens, USB rechargeable and fully waterproof for stormy conditions."],
    rechargeable=True,
)
L(
    HL,
    "headlamp",
    "Black Diamond",
    "Black Diamond Astro 300 Headlamp",
    24.95,
    ["A simple, reliable 300-lumen headlamp for camp chores and night hikes."],
)
L(
    HL,
    "headlamp",
    "Petzl",
    "Petzl ACTIKCORE 600 Lumen Rechargeable Headlamp, {color}",
    74.95,
    ["A powerful, compact headlamp with a CORE rechargeable battery and red lighting."],
    var=dict(color=["Black", "Red", "Blue"]),
    n=2,
    rechargeable=True,
    zh="Petzl 攀索 头灯 600流明 充电款 {color}",
)
L(
    HL,
    "headlamp",
    "Petzl",
    "Petzl TIKKINA Headlamp, 300 Lumens",
    24.95,
    ["A compact, easy-to-use headlamp for camping and around-the-house use."],
)
L(
    HL,
    "headlamp",
    "Coleman",
    "Coleman 250 Lumens LED Headlamp, 2-Pack",
    19.99,
    ["Water-resistant headlamps with multiple light modes and a comfortable strap."],
)
L(
    HL,
    "lantern",
    "Coleman",
    "Coleman Classic Rechargeable 400 Lumens LED Lantern",
    39.99,
    ["Bright, battery-saving LED lantern with a built-in USB charging port."],
)
L(
    HL,
    "lantern",
    "Black Diamond",
    "Black Diamond Moji Lantern, 100 Lumens",
    24.95,
    ["A compact, frosted-globe lantern with a double-hook handle for hanging in the tent."],
)
CS = CH_ + "Camping Stoves"
L(
    CS,
    "camping_stove",
    "Coleman",
    "Coleman Classic 1-Burner Butane Stove with Carry Case",
    39.99,
    ["A portable butane stove with 7,650 BTUs and a push-button ignition - great for tailgating and camping."],
    fuel="butane",
    zh="Coleman 科尔曼 卡式炉 单头 丁烷炉",
)
L(
    CS,
    "camping_stove",
    "Coleman",
    "Coleman Classic Propane Camping Stove, 2 Burners, {color}",
    59.99,
    ["Two adjustable 10,000 BTU burners and wind-blocking panels cook a full camp breakfast."],
    var=dict(color=["Blue", "Green"]),
    fuel="propane",
    zh="Coleman 科尔曼 露营炉 双头 丙烷 {color}",
)
L(
    CS,
    "camping_stove",
    "Jetboil",
    "Jetboil Flash Camping and Backpacking Stove Cooking System, {color}",
    124.95,
    ["Boils water in 100 seconds, with a color-changing heat indicator and an insulated 1-liter cup."],
    var=dict(color=["Carbon", "Fractile", "Ember"]),
    n=2,
    fuel="isobutane",
    zh="Jetboil 户外炉具 套锅 快速烧水 {color}",
    zhd="Jetboil Flash一体式炉具，100秒快速烧开1升水，带变色温度指示，适合徒步露营。",
)
L(
    CS,
    "camping_stove",
    "MSR",
    "MSR PocketRocket 2 Ultralight Backpacking Stove",
    49.95,
    ["A 2.6 oz canister stove that boils a liter of water in 3.5 minutes."],
    fuel="isobutane",
)
L(
    CS,
    "camping_stove",
    "Camp Chef",
    "Camp Chef Everest 2X High-Pressure 2-Burner Stove",
    149.99,
    ["Two 20,000 BTU burners with matchless ignition and a wind-resistant design."],
    fuel="propane",
)
L(
    CS,
    "camping_stove",
    "Iwatani",
    "Iwatani Portable Butane Stove Burner 35FW, 15,000 BTU",
    59.99,
    ["The Japanese hot-pot favorite: a powerful cassette butane stove with a double windbreak."],
    fuel="butane",
    zh="岩谷 Iwatani 卡式炉 户外 火锅炉 便携",
)
L(
    CS,
    "fuel_canister",
    "Jetboil",
    "Jetboil Jetpower Fuel Canister, Isobutane-Propane Blend, {g} g",
    7.95,
    ["A four-season fuel blend for Jetboil and other threaded canister stoves."],
    var=dict(g=[(100, 1.0), (230, 1.45)]),
)
L(
    CS,
    "fuel_canister",
    "Coleman",
    "Coleman Butane Fuel Cartridge, 8.8 oz, 4-Pack",
    14.99,
    ["Butane fuel cartridges for Coleman and Iwatani-style 1-burner stoves."],
)
L(
    CH_ + "Camp Furniture",
    "camp_chair",
    "Coleman",
    "Coleman Portable Camping Quad Chair with 4-Can Cooler, {color}",
    34.99,
    ["A cushioned folding chair with a built-in 4-can cooler pouch and cup holder."],
    var=dict(color=["Blue", "Red", "Black"]),
    n=2,
    zh="Coleman 科尔曼 折叠椅 露营椅 带冰包 {color}",
)
L(
    CH_ + "Camp Furniture",
    "camp_chair",
    "REI Co-op",
    "REI Co-op Camp X Chair",
    40.00,
    ["A sturdy, affordable folding camp chair that packs into a shoulder bag."],
)
L(
    CH_ + "Camp Furniture",
    "camp_chair",
    "Helinox",
    "Helinox Chair One Original Lightweight Camping Chair, {color}",
    109.95,
    ["A 2-lb ultralight chair that packs smaller than a water bottle."],
    var=dict(color=["Black", "Coyote Tan"]),
    zh="Helinox 月亮椅 超轻 折叠椅 {color}",
)
L(
    "Sports & Outdoors > Camping & Hiking > Coolers",
    "cooler",
    "YETI",
    "YETI Tundra 45 Hard Cooler, {color}",
    325.00,
    [
        "Rotomolded construction and up to 3 inches of PermaFrost insulation keep ice for days.",
        "Bear-resistant and built to survive the backcountry.",
    ],
    var=dict(color=["White", "Tan", "Navy"]),
    zh="YETI Tundra 45 硬壳保温箱 冰桶 {color}",
)
L(
    "Sports & Outdoors > Camping & Hiking > Coolers",
    "cooler",
    "YETI",
    "YETI Hopper Flip 12 Portable Soft Cooler, {color}",
    250.00,
    ["A leakproof soft cooler with a wide-mouth opening that holds 13 cans."],
    var=dict(color=["Charcoal", "Navy"]),
)
L(
    "Sports & Outdoors > Camping & Hiking > Coolers",
    "cooler",
    "Coleman",
    "Coleman 316 Series 52-Quart Hard Cooler, {color}",
    59.99,
    ["Keeps ice for up to 5 days at 90°F and holds up to 84 cans."],
    var=dict(color=["Blue", "Red"]),
)
L(
    CH_ + "Water Filters",
    "water_filter",
    "Sawyer",
    "Sawyer Products SP129 Squeeze Water Filtration System",
    39.99,
    ["Removes 99.99999% of bacteria; screws onto included pouches or standard bottles."],
)
L(
    CH_ + "Water Filters",
    "water_filter",
    "LifeStraw",
    "LifeStraw Personal Water Filter for Hiking, Camping and Emergency Preparedness",
    17.47,
    ["Filters up to 4,000 liters of water without chemicals or batteries."],
)

# ===========================================================================
# 9. TOYS
# ===========================================================================
section("toy")
TY = "Toys & Games > "
LEGO = [
    (
        "Classic Large Creative Brick Box 10698",
        790,
        "4+",
        59.99,
        "classic",
        "A big box of bricks in 33 colors with windows, eyes and wheels to build anything kids can imagine.",
    ),
    (
        "Classic Medium Creative Brick Box 10696",
        484,
        "4+",
        34.99,
        "classic",
        "Open-ended building with 35 colors of LEGO bricks and ideas to get kids started.",
    ),
    (
        "Star Wars Millennium Falcon 75375 Building Set",
        921,
        "18+",
        84.99,
        "star wars",
        "A midi-scale display model of Han Solo's legendary starship, with a stand and nameplate.",
    ),
    (
        "Star Wars X-Wing Starfighter 75355 Ultimate Collector Series",
        1949,
        "18+",
        239.99,
        "star wars",
        "A large-scale UCS model of Luke Skywalker's T-65 X-wing with adjustable S-foils.",
    ),
    (
        "Star Wars The Mandalorian's N-1 Starfighter 75325",
        412,
        "9+",
        59.99,
        "star wars",
        "Build Din Djarin's N-1 starfighter with Grogu and a Mandalorian minifigure.",
    ),
    (
        "Star Wars Darth Vader Helmet 75304",
        834,
        "18+",
        79.99,
        "star wars",
        "A detailed buildable helmet display piece for adult Star Wars fans.",
    ),
    (
        "City Police Station 60316",
        668,
        "6+",
        99.99,
        "city",
        "A police station with a jail cell, police car, garbage truck and a drone for exciting chases.",
    ),
    (
        "City Passenger Train 60337",
        764,
        "7+",
        159.99,
        "city",
        "A remote-controlled high-speed passenger train with Bluetooth Powered Up motor and track.",
    ),
    (
        "Friends Heartlake International School 41731",
        985,
        "8+",
        89.99,
        "friends",
        "A school building with classrooms, a robotics lab and five mini-dolls.",
    ),
    (
        "Icons Bonsai Tree 10281",
        878,
        "18+",
        49.99,
        "botanical",
        "A relaxing build for adults with interchangeable green leaves and pink cherry blossoms.",
    ),
    (
        "Icons Orchid 10311",
        608,
        "18+",
        49.99,
        "botanical",
        "A lifelike orchid in a blue vase that never needs watering.",
    ),
    (
        "Icons Wildflower Bouquet 10313",
        939,
        "18+",
        59.99,
        "botanical",
        "A colorful bouquet of poppies, lavender and cornflowers to display at home.",
    ),
    (
        "Harry Potter Hogwarts Castle and Grounds 76419",
        2660,
        "18+",
        169.99,
        "harry potter",
        "A detailed micro-scale Hogwarts with the Great Hall, Astronomy Tower and Black Lake.",
    ),
    (
        "Technic Lamborghini Sián FKP 37 42115",
        3696,
        "18+",
        449.99,
        "technic",
        "A 1:8 scale supercar with an 8-speed sequential gearbox and V12 engine with moving pistons.",
    ),
    (
        "Technic Ford Mustang Shelby GT500 42138",
        544,
        "9+",
        49.99,
        "technic",
        "A pull-back Mustang with AR app features for young car fans.",
    ),
    (
        "DUPLO Number Train 10954",
        23,
        "1.5+",
        24.99,
        "duplo",
        "Big, easy-to-hold DUPLO bricks with numbers to help toddlers learn to count.",
    ),
    (
        "Creator 3 in 1 Majestic Tiger 31129",
        755,
        "9+",
        49.99,
        "creator",
        "Build a tiger, then rebuild it into a panda or a fish.",
    ),
    (
        "Minecraft The Crafting Box 4.0 21249",
        605,
        "8+",
        69.99,
        "minecraft",
        "Two Minecraft builds in one box, plus Steve, Alex and mobs.",
    ),
    (
        "Super Mario Adventures with Mario Starter Course 71360",
        231,
        "6+",
        59.99,
        "super mario",
        "An interactive LEGO Mario figure reacts to colors and action bricks on the course.",
    ),
    (
        "Marvel Avengers Tower 76269",
        5201,
        "18+",
        499.99,
        "marvel",
        "A 90 cm tall Avengers Tower packed with 31 minifigures for serious Marvel fans.",
    ),
    (
        "Speed Champions Porsche 963 76916",
        280,
        "9+",
        24.99,
        "speed champions",
        "A detailed Le Mans race car model with a racing driver minifigure.",
    ),
]
LEGO_ZH = {
    "star wars": "星球大战",
    "city": "城市系列",
    "classic": "经典创意",
    "botanical": "植物花束",
    "technic": "机械组",
    "harry potter": "哈利波特",
    "duplo": "得宝 大颗粒",
    "friends": "好朋友",
    "creator": "创意三合一",
    "minecraft": "我的世界",
    "super mario": "超级马力欧",
    "marvel": "漫威",
    "speed champions": "超级赛车",
}
for i, (name, pcs, age, price, theme, d) in enumerate(LEGO):
    L(
        TY + "Building Toys > LEGO",
        "building_set",
        "LEGO",
        f"LEGO {name} ({pcs} Pieces), Ages {age}",
        price,
        [d, "Includes illustrated step-by-step building instructions.", "Compatible with all LEGO construction sets."],
        theme=theme,
        pieces=pcs,
        target=("adult" if age == "18+" else "kids"),
        zh=(
            f"乐高 LEGO {LEGO_ZH[theme]} {re.findall(r'[0-9]{5}', name)[0]} 拼装积木 {pcs}颗粒" if i % 2 == 0 else None
        ),
    )
L(
    TY + "Building Toys",
    "building_set",
    "Mega Bloks",
    "Mega Bloks First Builders Big Building Bag, 80 Pieces, Classic Colors",
    19.99,
    ["Big, chunky blocks sized for little hands, with a zip-up storage bag."],
    target="kids",
    pieces=80,
)
L(
    TY + "Building Toys",
    "building_set",
    "Magna-Tiles",
    "Magna-Tiles Classic 32-Piece Magnetic Building Tiles Set",
    49.99,
    ["Translucent magnetic tiles that click together to build 3D shapes and structures - a classroom favorite."],
    target="kids",
    pieces=32,
    zh="Magna-Tiles 磁力片 32片 儿童益智",
)
L(
    TY + "Dolls & Playsets > Barbie",
    "doll_playset",
    "Barbie",
    "Barbie Dreamhouse 2023, Pool Party Doll House with 75+ Pieces and 3-Story Slide",
    199.99,
    [
        "Three stories, 10 indoor and outdoor play areas, a pool with a slide and a working elevator.",
        "Lights and sounds bring the dream home to life.",
    ],
    target="kids",
    zh="芭比 Barbie 梦想豪宅 娃娃屋 3层带滑梯",
    zhd="芭比梦想豪宅2023款，三层10个游戏区域，带泳池滑梯和电梯，灯光音效。",
)
L(
    TY + "Dolls & Playsets > Barbie",
    "doll",
    "Barbie",
    "Barbie Fashionistas Doll {num} with {look}",
    10.99,
    [
        "Barbie Fashionistas dolls celebrate diversity with different body types, skin tones and styles.",
        "Doll can't stand alone; includes an outfit and accessories.",
    ],
    var=dict(
        num=[
            ("#197", 1.0, {"look": "Blonde Hair and Floral Dress"}),
            ("#208", 1.0, {"look": "Curly Brown Hair and Denim Jacket"}),
            ("#215", 1.0, {"look": "Black Ponytail and Pink Skirt"}),
        ]
    ),
    target="kids",
    zh="芭比娃娃 时尚达人 {num}",
)
L(
    TY + "Dolls & Playsets > Barbie",
    "doll",
    "Barbie",
    "Barbie Signature Barbie The Movie Doll in Pink Gingham Dress",
    24.99,
    ["A collectible Barbie doll wearing the pink gingham dress from the movie."],
    target="kids",
)
L(
    TY + "Dolls & Playsets > Barbie",
    "doll",
    "Barbie",
    "Barbie Careers {career} Doll with Accessories",
    14.99,
    ["Barbie inspires kids to explore careers with a themed outfit and accessories."],
    var=dict(career=["Doctor", "Astronaut", "Teacher", "Veterinarian"]),
    target="kids",
)
L(
    TY + "Dolls & Playsets > Barbie",
    "doll_playset",
    "Barbie",
    "Barbie Dream Camper 3-in-1 Vehicle Playset with Pool and 60 Accessories",
    99.99,
    ["A camper that transforms into a truck, a boat and a campsite with a pool and slide."],
    target="kids",
)
L(
    TY + "Dolls & Playsets",
    "doll",
    "L.O.L. Surprise!",
    "L.O.L. Surprise! OMG Fashion Doll with 20 Surprises",
    34.99,
    ["A fierce fashion doll with outfits, shoes and accessories to unbox."],
    target="kids",
)
L(
    TY + "Dolls & Playsets",
    "doll",
    "American Girl",
    "American Girl Truly Me 18-Inch Doll with Light Skin and Brown Hair",
    125.00,
    ["A customizable 18-inch doll with eyes that open and close and a meet outfit."],
    target="kids",
)
L(
    TY + "Toy Vehicles",
    "toy_car",
    "Hot Wheels",
    "Hot Wheels Set of 20 Toy Cars, 1:64 Scale Die-Cast Vehicles",
    21.99,
    [
        "Twenty 1:64 scale die-cast cars with authentic decos - styles may vary.",
        "A great starter collection for ages 3 and up.",
    ],
    target="kids",
    zh="风火轮 Hot Wheels 合金小车 20辆装",
)
L(
    TY + "Toy Vehicles",
    "toy_car",
    "Hot Wheels",
    "Hot Wheels Monster Trucks 1:64 Scale 5-Pack",
    24.99,
    ["Five die-cast monster trucks with giant wheels for crashing and smashing."],
    target="kids",
)
L(
    TY + "Toy Vehicles",
    "track_set",
    "Hot Wheels",
    "Hot Wheels City Ultimate Garage Playset with 2 Cars, Stores 100+ Cars",
    129.99,
    ["A 3-foot-tall garage with a motorized elevator, a gator and space to store more than 100 cars."],
    target="kids",
    zh="风火轮 超级停车场 轨道玩具",
)
L(
    TY + "Toy Vehicles",
    "track_set",
    "Hot Wheels",
    "Hot Wheels Track Builder Unlimited Split Speed Box with 1 Car",
    29.99,
    ["Build racing stunts with track pieces, a split-speed booster and an exclusive car."],
    target="kids",
)
L(
    TY + "Toy Vehicles",
    "toy_car",
    "Matchbox",
    "Matchbox Cars 9-Pack, 1:64 Scale Die-Cast Toy Vehicles",
    10.99,
    ["Nine realistic die-cast vehicles including trucks, cars and rescue vehicles."],
    target="kids",
)
L(
    TY + "Blasters & Foam Play",
    "blaster",
    "Nerf",
    "Nerf Elite 2.0 Commander RD-6 Blaster, 12 Official Nerf Darts",
    14.99,
    ["A 6-dart rotating drum for slam-fire action and tactical rails for customizing."],
    target="kids",
    zh="Nerf 热火 精英2.0 指挥官 软弹枪 RD-6",
)
L(
    TY + "Blasters & Foam Play",
    "blaster",
    "Nerf",
    "Nerf Elite 2.0 Eaglepoint RD-8 Blaster, 16 Nerf Darts, Scope and Bipod",
    29.99,
    ["A bolt-action blaster with an 8-dart drum, detachable scope and bipod."],
    target="kids",
)
L(
    TY + "Blasters & Foam Play",
    "blaster",
    "Nerf",
    "Nerf Ultra Two Motorized Blaster, Fast-Back Reloading, 6 Nerf Ultra Darts",
    39.99,
    ["Motorized blasting with Nerf Ultra darts that fly far."],
    target="kids",
)
L(
    TY + "Blasters & Foam Play",
    "blaster_darts",
    "Nerf",
    "Nerf Elite 2.0 Dart Refill Pack, {count} Official Nerf Darts",
    9.99,
    ["Official foam darts for Nerf Elite blasters."],
    var=dict(count=[(50, 1.0), (100, 1.7)]),
    target="kids",
)
PZ = TY + "Puzzles"
L(
    PZ,
    "puzzle",
    "Ravensburger",
    "Ravensburger {scene} 1000 Piece Jigsaw Puzzle for Adults",
    21.99,
    [
        "Softclick technology means pieces fit together perfectly with a satisfying click.",
        "Glare-free linen-structure paper and random cut pieces.",
    ],
    var=dict(
        scene=["Cinque Terre", "Starry Night by Vincent van Gogh", "Butterfly Garden", "Disney Castle Collection"]
    ),
    pieces=1000,
    target="adult",
    zh="Ravensburger 睿思 1000片拼图 成人 {scene}",
)
L(
    PZ,
    "puzzle",
    "Ravensburger",
    "Ravensburger {scene} 500 Piece Jigsaw Puzzle",
    16.99,
    ["A 500-piece Ravensburger puzzle with unique, precisely fitting pieces."],
    var=dict(scene=["Cozy Cabin", "Bookshelves"]),
    pieces=500,
    target="adult",
)
L(
    PZ,
    "puzzle",
    "Ravensburger",
    "Ravensburger World Map 2000 Piece Jigsaw Puzzle",
    29.99,
    ["A challenging 2000-piece world map with anti-glare finish."],
    pieces=2000,
    target="adult",
)
L(
    PZ,
    "puzzle",
    "Buffalo Games",
    "Buffalo Games - {scene} - 1000 Piece Jigsaw Puzzle",
    17.99,
    ["Premium-quality pieces made in the USA from recycled paperboard."],
    var=dict(scene=["Library Cats", "Cats in the Garden", "Candy Shop"]),
    pieces=1000,
    target="adult",
)
L(
    PZ,
    "puzzle",
    "Buffalo Games",
    "Buffalo Games - National Parks - 2000 Piece Jigsaw Puzzle",
    24.99,
    ["A collage of America's national parks in a 2000-piece puzzle."],
    pieces=2000,
    target="adult",
)
L(
    PZ,
    "puzzle",
    "Melissa & Doug",
    "Melissa & Doug USA Map Floor Puzzle, 51 Jumbo Pieces",
    16.99,
    ["A 2 x 3 ft floor puzzle of the United States for kids ages 3 and up."],
    pieces=51,
    target="kids",
)
L(
    PZ,
    "puzzle",
    "Melissa & Doug",
    "Melissa & Doug Wooden Peg Puzzle Set, Farm Animals, Vehicles and Pets",
    19.99,
    ["Three chunky wooden peg puzzles with easy-grasp pegs for toddlers."],
    pieces=24,
    target="kids",
    material="wood",
)
PL = TY + "Stuffed Animals & Plush"
L(
    PL,
    "plush",
    "Squishmallows",
    "Squishmallows Original {inch}-Inch {name} Plush",
    14.99,
    ["Super-soft, squishy marshmallow-texture plush you'll want to collect them all.", "Surface washable."],
    var=dict(
        inch=[(8, 0.7), (12, 1.0), (16, 1.6)],
        name=["Cam the Cat", "Wendy the Frog", "Archie the Axolotl", "Malcolm the Mushroom"],
    ),
    n=8,
    target="kids",
    zh="Squishmallows 毛绒玩具 抱枕 {inch}英寸 {name}",
)
L(
    PL,
    "plush",
    "Jellycat",
    "Jellycat Bashful Bunny Stuffed Animal, {size}, {color}",
    25.00,
    ["The beloved Jellycat bunny with long floppy ears and the softest fur.", "Suitable from birth."],
    var=dict(size=[('Small 7"', 0.8), ('Medium 12"', 1.0), ('Large 15"', 1.4)], color=["Beige", "Blush"]),
    n=4,
    target="kids",
    zh="Jellycat 邦尼兔 害羞兔 安抚玩偶 {size} {color}",
)
L(
    PL,
    "plush",
    "GUND",
    'GUND Philbin Classic Teddy Bear, 12" Stuffed Animal, {color}',
    24.99,
    ["A classic, huggable teddy bear with premium plush fur."],
    var=dict(color=["Chocolate Brown", "Cream"]),
    target="kids",
)
L(
    PL,
    "plush",
    "Ty",
    'Ty Beanie Boos {name} Plush, Regular 6"',
    6.99,
    ["Big glittery eyes and a collectible heart tag."],
    var=dict(name=["Slush the Husky", "Fantasia the Unicorn"]),
    target="kids",
)
ST = TY + "STEM Toys"
L(
    ST,
    "stem_kit",
    "Snap Circuits",
    "Snap Circuits Jr. SC-100 Electronics Exploration Kit, Over 100 Projects",
    39.99,
    [
        "Build working circuits with snap-together parts - a radio, alarm and flashing lights - no soldering required.",
        "Award-winning STEM kit for ages 8+.",
    ],
    target="kids",
    zh="Snap Circuits 儿童电路实验套装 STEM 科学玩具",
)
L(
    ST,
    "stem_kit",
    "Snap Circuits",
    "Snap Circuits Classic SC-300 Electronics Exploration Kit, Over 300 Projects",
    69.99,
    ["More than 300 projects teach electronics basics hands-on."],
    target="kids",
)
L(
    ST,
    "stem_kit",
    "National Geographic",
    "National Geographic Mega Crystal Growing Lab, Grow 8 Vibrant Crystals",
    29.99,
    ["Grow colorful crystals in a glow-in-the-dark display stand and learn the science behind them."],
    target="kids",
    zh="国家地理 儿童水晶生长 科学实验套装",
)
L(
    ST,
    "stem_kit",
    "National Geographic",
    "National Geographic Professional Rock Tumbler Kit with Rocks and Grit",
    79.99,
    ["Turn rough rocks into polished gemstones with a durable, quiet tumbler."],
    target="kids",
)
L(
    ST,
    "stem_kit",
    "National Geographic",
    "National Geographic Mega Science Kit, 45+ Experiments for Kids",
    34.99,
    ["Chemistry, volcano and earth-science experiments in one big kit."],
    target="kids",
    zh="国家地理 儿童科学实验套装 45个实验",
)
L(
    ST,
    "stem_kit",
    "Learning Resources",
    "Learning Resources Botley 2.0 The Coding Robot Activity Set",
    79.99,
    ["Screen-free coding robot that teaches loops and if/then logic to kids 5+."],
    target="kids",
)
L(
    ST,
    "stem_kit",
    "Thames & Kosmos",
    "Thames & Kosmos Chem C500 Chemistry Set, 125 Experiments",
    54.95,
    ["A real chemistry set with test tubes and lab tools for budding scientists ages 10+."],
    target="kids",
)
L(
    ST,
    "stem_kit",
    "Sphero",
    "Sphero Mini Coding Robot Ball, {color}",
    49.99,
    ["An app-enabled robotic ball that teaches block and JavaScript coding."],
    var=dict(color=["Blue", "Orange"]),
    target="kids",
)
L(
    ST,
    "stem_kit",
    "Ravensburger",
    "Ravensburger GraviTrax Starter Set, Marble Run STEM Toy",
    64.99,
    ["An interactive marble run that uses gravity, magnetism and kinetics."],
    target="kids",
)
L(
    TY + "Board Games",
    "board_game",
    "Monopoly",
    "Monopoly Classic Board Game for Families, Ages 8+",
    19.99,
    ["The fast-dealing property trading game with classic tokens."],
    target="kids",
)
L(
    TY + "Board Games",
    "board_game",
    "Catan",
    "Catan Board Game, 5th Edition",
    54.99,
    ["Trade, build and settle the island of Catan in this strategy classic for 3-4 players."],
    target="adult",
)
L(
    TY + "Board Games",
    "card_game",
    "UNO",
    "UNO Classic Card Game",
    6.99,
    ["The classic card-matching game for 2-10 players ages 7+."],
    target="kids",
)
L(
    TY + "Toy Vehicles",
    "toy_car",
    "Hot Wheels",
    "Hot Wheels Mario Kart {name} Die-Cast Kart, 1:64 Scale",
    6.99,
    ["Collectible Mario Kart characters in die-cast karts."],
    var=dict(name=["Mario", "Luigi", "Yoshi"]),
    target="kids",
)
L(
    TY + "Building Toys > LEGO",
    "building_set",
    "LEGO",
    "LEGO Star Wars AT-TE Walker 75337 (1082 Pieces), Ages 9+",
    139.99,
    [
        "A buildable AT-TE walker with poseable legs and six minifigures from The Bad Batch.",
        "Includes illustrated building instructions.",
    ],
    theme="star wars",
    pieces=1082,
    target="kids",
    zh="乐高 星球大战 AT-TE 步行机 75337",
)
L(
    TY + "Building Toys > LEGO",
    "building_set",
    "LEGO",
    "LEGO Disney Princess Cinderella's Royal Carriage 43192 (237 Pieces), Ages 5+",
    29.99,
    ["Cinderella's carriage with horses, a coachman and a pumpkin for magical role-play."],
    theme="disney",
    pieces=237,
    target="kids",
)

# ===========================================================================
# 10. PET SUPPLIES
# ===========================================================================
section("pet")
DG = "Animals & Pet Supplies > Dog Supplies > "
CT = "Animals & Pet Supplies > Cat Supplies > "


def food(animal, brand, title, price, desc, var=None, life="adult", form="dry", zh=None, zhd=None, n=None, **kw):
    L(
        (DG + "Dog Food") if animal == "dog" else (CT + "Cat Food"),
        f"{animal}_food",
        brand,
        title,
        price,
        desc,
        var=var,
        zh=zh,
        zhd=zhd,
        n=n,
        target=animal,
        life=life,
        form=form,
        **kw,
    )


food(
    "dog",
    "Blue Buffalo",
    "Blue Buffalo Life Protection Formula Natural Adult Dry Dog Food, Chicken and Brown Rice, {lb} lb Bag",
    32.98,
    [
        "Real chicken is the first ingredient, with whole grains, garden veggies and fruit.",
        "Exclusive LifeSource Bits - a blend of antioxidants, vitamins and minerals.",
        "No chicken by-product meals, corn, wheat or soy.",
    ],
    var=dict(lb=[(5, 0.4), (15, 0.9), (30, 1.55), (34, 1.7)]),
    zh="Blue Buffalo 蓝挚 成犬狗粮 鸡肉糙米 {lb}磅",
    zhd="蓝挚经典成犬粮，真鸡肉为第一成分，含独家LifeSource营养颗粒，无玉米小麦大豆。",
)
food(
    "dog",
    "Blue Buffalo",
    "Blue Buffalo Wilderness High Protein Grain-Free Adult Dry Dog Food, {flavor}, {lb} lb Bag",
    54.98,
    ["A high-protein, grain-free recipe inspired by the diet of wolves."],
    var=dict(flavor=["Chicken", "Salmon"], lb=[(11, 0.6), (24, 1.0)]),
    n=3,
    zh="Blue Buffalo 蓝挚 荒野 无谷 高蛋白 狗粮 {flavor} {lb}磅",
)
food(
    "dog",
    "Blue Buffalo",
    "Blue Buffalo Life Protection Formula Natural Puppy Dry Dog Food, Chicken and Brown Rice, {lb} lb Bag",
    34.98,
    ["DHA and ARA support cognitive and retinal development in growing puppies."],
    var=dict(lb=[(6, 0.5), (15, 1.0), (30, 1.6)]),
    life="puppy",
    zh="Blue Buffalo 蓝挚 幼犬狗粮 鸡肉糙米 {lb}磅",
)
food(
    "dog",
    "Blue Buffalo",
    "Blue Buffalo Homestyle Recipe Natural Adult Wet Dog Food, Chicken Dinner, 12.5 oz Cans, 12 Count",
    39.48,
    ["A hearty, pate-style wet food with real chicken and garden vegetables."],
    form="wet",
)
food(
    "dog",
    "Purina Pro Plan",
    "Purina Pro Plan Adult Sensitive Skin and Stomach Dry Dog Food, Salmon and Rice Formula, {lb} lb Bag",
    49.98,
    [
        "Real salmon is the #1 ingredient, with oatmeal that is easy to digest.",
        "Guaranteed live probiotics for digestive and immune health.",
    ],
    var=dict(lb=[(16, 0.65), (30, 1.0)]),
    zh="冠能 Purina Pro Plan 成犬 敏感肠胃 三文鱼狗粮 {lb}磅",
)
food(
    "dog",
    "Purina Pro Plan",
    "Purina Pro Plan Puppy Large Breed Dry Dog Food, Chicken and Rice Formula, {lb} lb Bag",
    59.98,
    ["Precise nutrition for large-breed puppies, with DHA from fish oil."],
    var=dict(lb=[(18, 0.7), (34, 1.0)]),
    life="puppy",
    zh="冠能 大型犬 幼犬狗粮 鸡肉 {lb}磅",
)
food(
    "dog",
    "Purina ONE",
    "Purina ONE +Plus Lamb and Rice Formula Natural Adult Dry Dog Food, {lb} lb Bag",
    29.98,
    ["Real lamb is the #1 ingredient, with a blend of tender morsels and crunchy kibble."],
    var=dict(lb=[(8, 0.5), (16.5, 0.8), (31.1, 1.0)]),
)
food(
    "dog",
    "Purina Beneful",
    "Purina Beneful Originals with Farm-Raised Beef, Adult Dry Dog Food, 14 lb Bag",
    19.98,
    ["Real farm-raised beef is the #1 ingredient, with whole grains and accents of veggies."],
)
food(
    "dog",
    "Hill's Science Diet",
    "Hill's Science Diet Adult Dry Dog Food, Chicken & Barley Recipe, {lb} lb Bag",
    29.99,
    [
        "Vet-recommended nutrition with high-quality protein for lean muscle.",
        "Omega-6 fatty acids and vitamin E for a lustrous coat.",
    ],
    var=dict(lb=[(5, 0.4), (15, 0.85), (35, 1.6)]),
    zh="希尔斯 Hill's 成犬狗粮 鸡肉大麦 {lb}磅",
)
food(
    "dog",
    "Hill's Science Diet",
    "Hill's Science Diet Puppy Small Bites Dry Dog Food, Chicken Meal & Barley, 15.5 lb Bag",
    54.99,
    ["Small kibble for puppies, with DHA from fish oil for brain and eye development."],
    life="puppy",
)
food(
    "dog",
    "Hill's Science Diet",
    "Hill's Science Diet Adult Sensitive Stomach & Skin Wet Dog Food, Chicken & Vegetable Entree, 12.8 oz, 12 Cans",
    47.88,
    ["Highly digestible wet food with prebiotic fiber for sensitive stomachs."],
    form="wet",
)
food(
    "dog",
    "Royal Canin",
    "Royal Canin Small Breed Adult Dry Dog Food, {lb} lb Bag",
    36.99,
    ["Tailored nutrition for small dogs 9 to 22 lb, with an exclusive kibble size."],
    var=dict(lb=[(2.5, 0.35), (14, 1.0)]),
    zh="皇家 Royal Canin 小型犬成犬粮 {lb}磅",
)
food(
    "cat",
    "Blue Buffalo",
    "Blue Buffalo Indoor Health Natural Adult Dry Cat Food, Chicken & Brown Rice, {lb} lb Bag",
    25.98,
    [
        "Made for indoor cats with real chicken first and a healthy-weight formula.",
        "Natural fiber helps control hairballs.",
    ],
    var=dict(lb=[(7, 1.0), (15, 1.75)]),
    zh="Blue Buffalo 蓝挚 室内成猫粮 鸡肉 {lb}磅",
)
food(
    "cat",
    "Blue Buffalo",
    "Blue Buffalo Tastefuls Natural Pate Wet Cat Food Variety Pack, 3 oz Cans, 12 Count",
    17.98,
    ["Protein-rich pate in chicken, turkey and fish recipes."],
    form="wet",
)
food(
    "cat",
    "Blue Buffalo",
    "Blue Buffalo Healthy Growth Natural Kitten Dry Cat Food, Chicken & Brown Rice, 5 lb Bag",
    22.98,
    ["DHA and ARA for kitten brain and eye development."],
    life="kitten",
    zh="Blue Buffalo 蓝挚 幼猫猫粮 鸡肉 5磅",
)
food(
    "cat",
    "Purina Cat Chow",
    "Purina Cat Chow Indoor Dry Cat Food, Hairball + Healthy Weight, {lb} lb Bag",
    10.98,
    ["Natural fiber blend helps control hairballs for indoor cats."],
    var=dict(lb=[(3.15, 0.45), (15, 1.0)]),
)
food(
    "cat",
    "Purina ONE",
    "Purina ONE Tender Selects Blend with Real Salmon Dry Cat Food, {lb} lb Bag",
    17.98,
    ["Crunchy bites and tender, meaty morsels with real salmon as the #1 ingredient."],
    var=dict(lb=[(7, 1.0), (16, 1.8)]),
    zh="Purina ONE 成猫粮 三文鱼 {lb}磅",
)
food(
    "cat",
    "Purina Pro Plan",
    "Purina Pro Plan Kitten Dry Cat Food, Chicken and Rice Formula, 3.5 lb Bag",
    21.98,
    ["High-protein kitten food with DHA and live probiotics."],
    life="kitten",
    zh="冠能 幼猫猫粮 鸡肉 3.5磅",
)
food(
    "cat",
    "Fancy Feast",
    "Purina Fancy Feast Gravy Lovers Poultry & Beef Feast Collection Wet Cat Food Variety Pack, {count} - 3 oz Cans",
    20.98,
    ["Gourmet wet cat food in savory, slow-simmered gravies.", "No artificial colors or preservatives."],
    var=dict(count=[(24, 1.0), (30, 1.2)]),
    form="wet",
    zh="珍致 Fancy Feast 猫罐头 肉汁 混合装 {count}罐",
)
food(
    "cat",
    "Friskies",
    "Purina Friskies Pate Wet Cat Food Variety Pack, 5.5 oz Cans, 32 Count",
    25.98,
    ["Classic pate recipes cats love, with 100% complete and balanced nutrition."],
    form="wet",
)
food(
    "cat",
    "Hill's Science Diet",
    "Hill's Science Diet Adult Indoor Dry Cat Food, Chicken Recipe, {lb} lb Bag",
    24.99,
    ["Easy litter box cleanup and natural fibers for hairball control in indoor cats."],
    var=dict(lb=[(3.5, 0.5), (7, 0.85), (15.5, 1.6)]),
    zh="希尔斯 Hill's 室内成猫粮 鸡肉 {lb}磅",
)
food(
    "cat",
    "Hill's Science Diet",
    "Hill's Science Diet Kitten Dry Cat Food, Chicken Recipe, 7 lb Bag",
    32.99,
    ["Balanced minerals and DHA for healthy kitten development."],
    life="kitten",
    zh="希尔斯 幼猫粮 鸡肉 7磅",
)
food(
    "cat",
    "Royal Canin",
    "Royal Canin Feline Health Nutrition Indoor Adult Dry Cat Food, 7 lb Bag",
    39.99,
    ["Formulated for less active indoor cats, with highly digestible protein."],
    zh="皇家 Royal Canin 室内成猫粮 7磅",
)
LT = CT + "Cat Litter"
L(
    LT,
    "cat_litter",
    "Tidy Cats",
    "Purina Tidy Cats Clumping Cat Litter, 24/7 Performance Multi-Cat, {lb} lb",
    18.98,
    ["Long-lasting odor control and tight clumps for households with multiple cats."],
    var=dict(lb=[(20, 0.7), (35, 1.0), (40, 1.1)]),
    target="cat",
    zh="Tidy Cats 膨润土猫砂 多猫家庭 {lb}磅",
)
L(
    LT,
    "cat_litter",
    "Fresh Step",
    "Fresh Step Clean Paws Multi-Cat Clumping Cat Litter with Febreze, 22.5 lb",
    21.99,
    ["Low-tracking, 99.9% dust-free formula with the odor-fighting power of Febreze."],
    target="cat",
)
L(
    LT,
    "cat_litter",
    "Arm & Hammer",
    "Arm & Hammer Clump & Seal Platinum Multi-Cat Clumping Litter, {lb} lb",
    17.99,
    ["Seals in odors for 7 days with baking soda and plant-based ingredients."],
    var=dict(lb=[(19, 0.6), (40, 1.0)]),
    target="cat",
    zh="Arm & Hammer 艾禾美 结团猫砂 {lb}磅",
)
L(
    LT,
    "cat_litter",
    "Dr. Elsey's",
    "Dr. Elsey's Ultra Premium Clumping Cat Litter, Unscented, 40 lb",
    22.99,
    ["Hypoallergenic, 99.99% dust-free clay litter with hard clumping."],
    target="cat",
)
L(
    LT,
    "cat_litter",
    "World's Best Cat Litter",
    "World's Best Cat Litter Original Unscented Clumping Corn Litter, {lb} lb",
    26.99,
    ["Made from whole-kernel corn; flushable, quick-clumping and free of clay dust."],
    var=dict(lb=[(15, 1.0), (28, 1.65)]),
    target="cat",
    material="corn",
    zh="World's Best 玉米猫砂 可冲厕所 {lb}磅",
)
TOY = DG + "Dog Toys"
L(
    TOY,
    "dog_toy",
    "KONG",
    "KONG Classic Dog Toy, Durable Natural Rubber Chew Toy, {size}",
    12.99,
    [
        "The gold standard of dog toys: a durable red rubber toy with an erratic bounce.",
        "Stuff it with treats or peanut butter to keep dogs busy for hours.",
        "Dishwasher safe.",
    ],
    var=dict(size=[("Small", 0.75), ("Medium", 1.0), ("Large", 1.2), ("X-Large", 1.5)]),
    target="dog",
    chew=True,
    zh="KONG 经典葫芦 狗狗漏食玩具 耐咬橡胶 {size}",
    zhd="KONG经典葫芦玩具，天然橡胶耐咬，可塞零食，缓解狗狗无聊和焦虑。",
)
L(
    TOY,
    "dog_toy",
    "KONG",
    "KONG Extreme Dog Toy for Power Chewers, Black, {size}",
    15.99,
    ["Our toughest black rubber formula for the most determined chewers."],
    var=dict(size=[("Medium", 1.0), ("Large", 1.2), ("X-Large", 1.5)]),
    target="dog",
    chew=True,
    zh="KONG 黑色加强版 耐咬 磨牙玩具 {size}",
)
L(
    TOY,
    "dog_toy",
    "Nylabone",
    "Nylabone Power Chew Wishbone Chew Toy for Dogs, Bacon Flavor, {size}",
    9.99,
    ["A textured, bacon-flavored nylon chew that helps clean teeth and satisfy aggressive chewers."],
    var=dict(size=[("Medium", 1.0), ("Large", 1.25)]),
    target="dog",
    chew=True,
    zh="Nylabone 磨牙骨 耐咬 培根味 {size}",
)
L(
    TOY,
    "dog_toy",
    "Benebone",
    "Benebone Wishbone Durable Dog Chew Toy for Aggressive Chewers, Real Bacon, {size}",
    14.99,
    ["Made in the USA with real bacon and an ergonomic shape that is easy for dogs to hold."],
    var=dict(size=[("Small", 0.8), ("Medium", 1.0), ("Large", 1.3)]),
    target="dog",
    chew=True,
)
L(
    TOY,
    "dog_toy",
    "Chuckit!",
    "Chuckit! Ultra Ball Dog Toy, Medium, 2-Pack",
    7.99,
    ["High-bounce, floating rubber balls for fetch on land or in water."],
    target="dog",
    chew=False,
)
L(
    TOY,
    "dog_toy",
    "Multipet",
    "Multipet Lamb Chop Plush Squeaky Dog Toy, 10-Inch",
    6.99,
    ["The classic plush lamb with a squeaker - soft enough for gentle players."],
    target="dog",
    chew=False,
    plush=True,
)
CTOY = CT + "Cat Toys"
L(
    CTOY,
    "cat_toy",
    "KONG",
    "KONG Kickeroo Catnip Cat Toy, {style}",
    7.99,
    ["An elongated plush toy for bunny-kicking, filled with premium North American catnip."],
    var=dict(style=["Penguin", "Mouse", "Cuddler"]),
    n=2,
    target="cat",
    zh="KONG 猫薄荷 踢踢抱枕 猫玩具 {style}",
)
L(
    CTOY,
    "cat_toy",
    "Petstages",
    "Petstages Tower of Tracks Interactive 3-Tier Cat Toy with Balls",
    12.99,
    ["Three levels of spinning balls that cats can bat and chase alone or together."],
    target="cat",
)
L(
    CTOY,
    "cat_toy",
    "GoCat",
    "GoCat Da Bird Feather Wand Cat Toy, Original",
    9.99,
    ["The original feather wand that spins and flutters like a real bird."],
    target="cat",
    zh="Da Bird 逗猫棒 羽毛",
)
LH = DG + "Leashes & Harnesses"
L(
    LH,
    "dog_harness",
    "Ruffwear",
    "Ruffwear Front Range Everyday Dog Harness, {size}, {color}",
    49.95,
    [
        "A padded, everyday harness with two leash attachment points and reflective trim.",
        "Four points of adjustment for a secure, comfortable fit.",
    ],
    var=dict(size=["XS", "S", "M", "L"], color=["Blue Moon", "Red Canyon", "Twilight Gray"]),
    n=4,
    target="dog",
    zh="Ruffwear 狗狗胸背带 背心式 {size} {color}",
)
L(
    LH,
    "dog_harness",
    "PetSafe",
    "PetSafe Easy Walk No-Pull Dog Harness, {size}, {color}",
    24.95,
    ["A front-chest leash attachment gently steers dogs to the side and discourages pulling."],
    var=dict(size=["Small", "Medium", "Large"], color=["Black/Silver", "Red/Cream"]),
    n=3,
    target="dog",
)
L(
    LH,
    "leash",
    "Flexi",
    "Flexi New Classic Retractable Dog Leash (Tape), {ft} ft, {size}",
    22.99,
    ["A retractable tape leash with one-button braking for dogs up to 44 lb (Medium) or 110 lb (Large)."],
    var=dict(ft=[(16, 1.0), (26, 1.3)], size=["Medium", "Large"]),
    n=3,
    target="dog",
    zh="Flexi 伸缩牵引绳 狗狗 {ft}英尺 {size}",
)
L(
    LH,
    "leash",
    "Ruffwear",
    "Ruffwear Front Range Dog Leash, 5 ft, {color}",
    29.95,
    ["A padded-handle leash with a secure locking carabiner."],
    var=dict(color=["Blue Moon", "Red Canyon"]),
    target="dog",
)
L(
    LH,
    "leash",
    "Max and Neo",
    "Max and Neo Double Reflective Dog Leash, 6 ft, {color}",
    16.99,
    ["A reflective nylon leash with a padded handle - for every leash sold, one is donated to a rescue."],
    var=dict(color=["Black", "Blue", "Red"]),
    n=2,
    target="dog",
    zh="狗狗牵引绳 反光 6英尺 {color}",
)
L(
    LH,
    "leash",
    "Frisco",
    "Frisco Solid Nylon Dog Leash, 6 ft, {color}",
    8.99,
    ["A simple, durable nylon leash with a sturdy metal clasp."],
    var=dict(color=["Black", "Red", "Blue"]),
    n=2,
    target="dog",
)
L(
    CT + "Harnesses",
    "cat_harness",
    "rabbitgoo",
    "rabbitgoo Cat Harness and Leash Set for Walking, Escape Proof, {size}, {color}",
    15.99,
    ["An adjustable, breathable vest harness with a matching 5 ft leash for outdoor cat walks."],
    var=dict(size=["S", "M"], color=["Black", "Pink"]),
    n=2,
    target="cat",
    zh="猫咪牵引绳 胸背带 防挣脱 {size} {color}",
)
GR = "Animals & Pet Supplies > Grooming > Shampoo"
L(
    GR,
    "pet_shampoo",
    "Burt's Bees for Pets",
    "Burt's Bees for Dogs Oatmeal Shampoo with Colloidal Oat Flour & Honey, 16 fl oz",
    9.99,
    [
        "Gently cleans, soothes and softens dry skin and coats, pH balanced for dogs.",
        "Free of sulfates, colorants and parabens.",
    ],
    target="dog",
    zh="小蜜蜂 Burt's Bees 狗狗沐浴露 燕麦 16oz",
)
L(
    GR,
    "pet_shampoo",
    "TropiClean",
    "TropiClean Berry & Coconut Deep Cleansing Shampoo for Dogs and Cats, {floz} fl oz",
    12.99,
    ["A gentle, tear-free pet shampoo made with coconut and berry extracts."],
    var=dict(floz=[(20, 1.0), (2.5, 0.4)]),
    target="dog",
    also_cat=True,
)
L(
    GR,
    "pet_shampoo",
    "Earthbath",
    "Earthbath Oatmeal & Aloe Dog & Cat Shampoo, Fragrance Free, 16 fl oz",
    14.99,
    ["Soap-free and biodegradable with colloidal oatmeal to relieve itchy skin."],
    target="dog",
    also_cat=True,
)
L(
    GR,
    "pet_shampoo",
    "Wahl",
    "Wahl 4-in-1 Calming Pet Shampoo, Lavender Chamomile, 24 fl oz",
    8.99,
    ["Cleans, conditions, detangles and moisturizes in one step, with a calming lavender scent."],
    target="dog",
)
L(
    GR,
    "pet_shampoo",
    "Burt's Bees for Pets",
    "Burt's Bees for Cats Waterless Shampoo Spray with Apple & Honey, 10 fl oz",
    9.99,
    ["A no-rinse cleansing spray for cats who hate baths."],
    target="cat",
    zh="小蜜蜂 猫咪免洗沐浴喷雾 10oz",
)
TR = DG + "Dog Treats"
L(
    TR,
    "dog_treats",
    "Milk-Bone",
    "Milk-Bone Original Dog Biscuits, {size} Crunchy Dog Treats, {lb} lb",
    12.99,
    ["Crunchy biscuits that help clean teeth and freshen breath, made in the USA."],
    var=dict(size=["Small", "Medium"], lb=[(4, 1.0), (7, 1.5)]),
    n=3,
    target="dog",
)
L(
    TR,
    "dog_treats",
    "Greenies",
    "Greenies Original Natural Dental Dog Treats, {size}, {count} Treats",
    34.99,
    ["The #1 vet-recommended dental chew - fights plaque and tartar buildup."],
    var=dict(size=[("Teenie", 1.0, {"count": 130}), ("Regular", 1.0, {"count": 36}), ("Large", 1.0, {"count": 24})]),
    target="dog",
    zh="Greenies 绿的 狗狗洁齿骨 {size} {count}支",
)
CTR = CT + "Cat Treats"
L(
    CTR,
    "cat_treats",
    "Temptations",
    "Temptations Classic Crunchy and Soft Cat Treats, Tasty Chicken Flavor, {oz} oz",
    5.99,
    ["Crunchy on the outside and soft on the inside, with less than 2 calories per treat."],
    var=dict(oz=[(6.3, 1.0), (16, 2.0)]),
    target="cat",
)
L(
    CTR,
    "cat_treats",
    "INABA",
    "INABA Churu Lickable Purée Cat Treats, Tuna Variety, 50 Tubes",
    29.99,
    ["A lickable, hand-fed purée cats love - perfect for bonding and hiding pills."],
    target="cat",
    zh="INABA 伊纳宝 啾噜 猫条 金枪鱼 50支",
)


# ===========================================================================
# Engine: expand lines into products
# ===========================================================================
EXTRA_ATTR_NAMES = {
    "form_name": "form",
    "num": "model_number",
    "career": "career",
    "scene": "design",
    "name": "character",
    "fit": "fit",
    "tint": "finish",
    "level": "nipple_flow",
    "style": "style",
    "packs": "packs",
    "pack": "pack_size",
    "cm": "length",
    "shade": "shade",
    "flavor": "flavor",
    "scent": "scent",
    "skin": "skin_type",
    "color": "color",
    "size": "size",
    "count": "count",
}
FACT_ATTRS = [
    "count",
    "oz",
    "ml",
    "stage",
    "spf",
    "material",
    "mah",
    "watts",
    "capacity_l",
    "pieces",
    "model",
    "theme",
    "connector",
]
ZH_MAP = {
    "Newborn": "NB",
    "Women": "女士",
    "Men": "男士",
    "Adults": "成人",
    "Silver Women 50+": "银片 女士50+",
    "Silver Men 50+": "银片 男士50+",
    "Women's": "女士",
    "Men's": "男士",
    "Her": "女士",
    "Him": "男士",
}


def _disp(v):
    """Display form of a variant value (10.0 -> '10', 20.6 -> '20.6')."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _attr_value(k, v):
    d = _disp(v)
    if k == "cm":
        return f"{d} cm"
    return UNITS[k].format(d) if k in UNITS else d


def _price(base, mult):
    if abs(mult - 1.0) < 1e-9:
        return round(base, 2)
    cents = round(base * 100) % 100
    whole = int(base * mult)
    if cents == 0 and base >= 100:
        return float(round(base * mult / 5) * 5)  # premium brands: round to $5
    return round(whole + cents / 100.0, 2)


def _slug(text):
    import unicodedata

    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if len(t) > 80:
        t = t[:80].rsplit("-", 1)[0]
    return t


def _expand(line, rng):
    var = line["var"]
    if not var:
        return [({}, 1.0, {})]
    keys = list(var)
    combos = list(itertools.product(*[var[k] for k in keys]))
    if line["n"] and len(combos) > line["n"]:
        combos = [combos[i] for i in sorted(rng.sample(range(len(combos)), line["n"]))]
    out = []
    for combo in combos:
        vals, mult, extra = {}, 1.0, {}
        for k, v in zip(keys, combo, strict=True):
            if isinstance(v, tuple):
                vals[k] = v[0]
                mult *= v[1] if len(v) > 1 else 1.0
                if len(v) > 2:
                    extra.update(v[2])
            else:
                vals[k] = v
        out.append((vals, mult, extra))
    return out


def _description(line, vals, fmt, rng, multi):
    sents = [s.format(**fmt) for s in line["desc"]]
    k = min(len(sents), rng.choice([1, 2, 2, 2, 3]))
    if multi:
        k = min(k, 2)
    if rng.random() < 0.75:
        idx = [0, *sorted(rng.sample(range(1, len(sents)), k - 1))] if k > 1 else [0]
    else:
        idx = sorted(rng.sample(range(len(sents)), k))
    chosen = [sents[i] for i in idx]
    if multi:
        if line["vd"]:
            vs = rng.choice(line["vd"]).format(**fmt)
        else:
            vs = rng.choice(VARIANT_SENTENCES).format(v=" / ".join(_attr_value(k2, v) for k2, v in vals.items()))
        chosen.append(vs)
    if len(chosen) < 3 and rng.random() < 0.3:
        chosen.append(rng.choice(POOL[line["sec"]]))
    return " ".join(chosen)


def build():
    """Return a list of (product_dict, facts_dict); deterministic."""
    counters = Counter()
    results = []
    slugs = Counter()
    for li, line in enumerate(LINES):
        rng = random.Random(f"{SEED}:{li}:{line['title']}")
        variants = _expand(line, rng)
        multi = len(variants) > 1
        for vals, mult, extra in variants:
            facts = {
                "type": line["type"],
                "brand": line["brand"],
                "target": "unisex",
                "category": line["cat"],
                "section": line["sec"],
                "_line": li,
            }
            facts.update(line["facts"])
            facts.update(vals)
            facts.update(extra)
            fmt = {k: _disp(v) for k, v in facts.items()}
            title = line["title"].format(**fmt)
            counters[line["sec"]] += 1
            pid = f"{line['sec']}-{counters[line['sec']]:04d}"
            slug = _slug(title)
            slugs[slug] += 1
            if slugs[slug] > 1:
                slug = f"{slug}-{slugs[slug]}"
            attrs = {}
            for k, v in vals.items():
                name = ATTR_NAMES.get(k, EXTRA_ATTR_NAMES.get(k, k))
                if k == "oz" and line["sec"] in ("bty", "vit", "baby"):
                    name = "size"
                attrs[name] = _attr_value(k, v)
            for k in FACT_ATTRS:
                if k == "ml" and ("oz" in facts or "floz" in facts):
                    continue
                if k in facts and ATTR_NAMES.get(k, k) not in attrs and k not in vals:
                    attrs[ATTR_NAMES.get(k, k)] = _attr_value(k, facts[k]) if k in UNITS else _disp(facts[k])
            if facts.get("target") in ("men", "women", "kids") and line["sec"] in ("fsh", "bag", "out"):
                attrs["gender"] = {"men": "male", "women": "female", "kids": "kids"}[facts["target"]]
            attrs.update(line["attrs"])
            r = rng.random()
            avail = "in_stock" if r < 0.85 else ("out_of_stock" if r < 0.96 else "preorder")
            product = {
                "id": pid,
                "title": title,
                "description": _description(line, vals, fmt, rng, multi),
                "brand": line["brand"],
                "category": line["cat"],
                "price": _price(line["price"], mult),
                "availability": avail,
                "link": f"https://shop.example.com/products/{slug}",
                "image_link": f"https://cdn.example.com/img/{pid}.jpg",
                "attributes": attrs,
            }
            facts["id"] = pid
            facts["_zh"] = line["zh"].format(**{k: ZH_MAP.get(v, v) for k, v in fmt.items()}) if line["zh"] else None
            facts["_zhd"] = line["zhd"].format(**fmt) if line["zhd"] else None
            results.append((product, facts))
    _add_chinese(results)
    _dedupe_descriptions(results)
    return results


def _add_chinese(results):
    """~10% of products get a seller-written Chinese title; a few also a Chinese description."""
    rng = random.Random(SEED)
    eligible = [i for i, (_, f) in enumerate(results) if f["_zh"]]
    want = min(len(eligible), round(0.10 * len(results)))
    chosen = sorted(rng.sample(eligible, want))
    seen_lines = set()
    for i in chosen:
        p, f = results[i]
        p["title_zh"] = f["_zh"]
        if f["_zhd"] and f["_line"] not in seen_lines:
            p["description_zh"] = f["_zhd"]
            seen_lines.add(f["_line"])
    for _, f in results:
        f.pop("_zh")
        f.pop("_zhd")


def _dedupe_descriptions(results):
    seen = Counter(p["description"] for p, _ in results)
    for p, _ in results:
        if seen[p["description"]] > 1:
            seen[p["description"]] -= 1
            extra = "; ".join(f"{k}: {v}" for k, v in p["attributes"].items())
            p["description"] = f"{p['description']} Specs - {extra}."


def main():
    results = build()
    ordered = [
        "id",
        "title",
        "title_zh",
        "description",
        "description_zh",
        "brand",
        "category",
        "price",
        "availability",
        "link",
        "image_link",
        "attributes",
    ]
    with OUT.open("w", encoding="utf-8") as fh:
        for p, _ in results:
            fh.write(json.dumps({k: p[k] for k in ordered if k in p}, ensure_ascii=False) + "\n")
    validate(OUT)


def validate(path):
    required = [
        "id",
        "title",
        "description",
        "brand",
        "category",
        "price",
        "availability",
        "link",
        "image_link",
        "attributes",
    ]
    ids, secs, cats, avail = set(), Counter(), Counter(), Counter()
    n_zh = n_zhd = 0
    descs = Counter()
    with path.open(encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            p = json.loads(line)
            for k in required:
                assert k in p and p[k] not in (None, ""), f"line {ln}: missing {k}"
            assert p["id"] not in ids, f"duplicate id {p['id']}"
            ids.add(p["id"])
            assert isinstance(p["price"], (int, float)) and p["price"] > 0, f"bad price {p['id']}"
            assert p["availability"] in ("in_stock", "out_of_stock", "preorder")
            assert "{" not in p["title"] and "}" not in p["title"], p["title"]
            secs[p["id"].split("-")[0]] += 1
            cats[p["category"]] += 1
            avail[p["availability"]] += 1
            descs[p["description"]] += 1
            n_zh += "title_zh" in p
            n_zhd += "description_zh" in p
    print(f"wrote {path.name}: {len(ids)} products, {n_zh} with title_zh, {n_zhd} with description_zh")
    print("availability:", dict(avail))
    print("duplicate descriptions:", sum(c - 1 for c in descs.values() if c > 1))
    print("per section:")
    for s, c in sorted(secs.items()):
        print(f"  {s:5s} {c}")
    if "-v" in sys.argv:
        print("per category:")
        for c, n in sorted(cats.items()):
            print(f"  {n:4d}  {c}")


if __name__ == "__main__":
    main()
