// How prices, stock and categories read on the page.

const cny = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });
const cnyWhole = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export const formatCny = (value) => cny.format(value);
export const formatCnyWhole = (value) => cnyWhole.format(value);
export const formatUsd = (value) => usd.format(value);

export const AVAILABILITY = {
  in_stock: "有货",
  out_of_stock: "缺货",
  preorder: "预售",
  backorder: "补货中",
};

// The demo catalog's top-level categories in Chinese, for servers whose answers carry no Chinese labels.
const CATEGORY_ZH = {
  "Animals & Pet Supplies": "宠物用品",
  "Apparel & Accessories": "服饰配件",
  Baby: "母婴",
  Beauty: "美妆个护",
  Electronics: "数码电子",
  Health: "营养保健",
  "Home & Kitchen": "家居厨房",
  "Sports & Outdoors": "运动户外",
  "Toys & Games": "玩具游戏",
};

export const SEPARATOR = " > "; // between the levels of a category path, in the API

/** "Electronics > Audio > Headphones" → {leaf: "Headphones", parent: "Electronics › Audio", top: "数码电子"} */
export function categoryParts(path) {
  const parts = (path || "").split(SEPARATOR).filter(Boolean);
  const root = parts[0] || "";
  return {
    leaf: parts.at(-1) || "",
    parent: parts.slice(0, -1).join(" › "),
    top: CATEGORY_ZH[root] || root,
  };
}

/**
 * The Chinese name of the last level of a category path, from the answer's `facet_labels.category` (English path →
 * Chinese path): the path's own label, else the same level of a longer labelled path below it; the demo's top
 * levels are known here; otherwise the English name.
 */
export function categoryLevelZh(path, labels = {}) {
  const parts = path.split(SEPARATOR);
  const level = parts.length - 1;
  // a label that only repeats the English name is no translation: look further
  const own = labels[path]?.split(SEPARATOR).at(-1);
  if (own && own !== parts[level]) return own;
  for (const [english, chinese] of Object.entries(labels)) {
    if (!english.startsWith(path + SEPARATOR)) continue;
    const zh = chinese.split(SEPARATOR);
    if (zh.length === english.split(SEPARATOR).length && zh[level] !== parts[level]) return zh[level];
  }
  return level === 0 ? CATEGORY_ZH[path] || path : parts[level];
}

/** A category path in Chinese, level by level ("数码电子 › 影音 › 耳机"). */
export function categoryPathZh(path, labels = {}) {
  const parts = path.split(SEPARATOR);
  return parts.map((_, i) => categoryLevelZh(parts.slice(0, i + 1).join(SEPARATOR), labels)).join(" › ");
}

// Colours as swatches: a colour name (English or Chinese, as variants name them) → a CSS colour; other values are
// shown as text.
const COLOURS = {
  black: "#1f1f1f", 黑色: "#1f1f1f", white: "#ffffff", 白色: "#ffffff", gray: "#9ca3af", grey: "#9ca3af", 灰色: "#9ca3af",
  silver: "#d1d5db", 银色: "#d1d5db", red: "#dc2626", 红色: "#dc2626", pink: "#f9a8d4", 粉色: "#f9a8d4",
  orange: "#f97316", 橙色: "#f97316", yellow: "#facc15", 黄色: "#facc15", green: "#16a34a", 绿色: "#16a34a",
  blue: "#2563eb", 蓝色: "#2563eb", navy: "#1e3a8a", 藏青色: "#1e3a8a", purple: "#7c3aed", 紫色: "#7c3aed",
  brown: "#92400e", 棕色: "#92400e", beige: "#e7d8b8", 米色: "#e7d8b8", gold: "#d4a017", 金色: "#d4a017",
  teal: "#0d9488", tan: "#d2b48c", cream: "#f5efdc", khaki: "#c3b091", olive: "#6b7a2a", 卡其色: "#c3b091",
};

/** The CSS colour of a colour name ("Black", "Matte Black", "黑色"), or null when it names none. */
export function swatchColour(value) {
  const words = String(value).toLowerCase().split(/[\s/-]+/);
  for (const word of [String(value).toLowerCase(), ...words.reverse()]) {
    if (COLOURS[word]) return COLOURS[word];
  }
  return null;
}

/** "100-200" → [100, 200]; "5000-" → [5000, null] (a price facet bucket key, in the request currency). */
export function bucketRange(key) {
  const [from, to] = key.split("-");
  const number = (text) => (text === "" || text === undefined ? null : Number(text));
  return [number(from), number(to)];
}

/** A price range in whole yuan as shoppers write it: "500元以下", "100–200元", "5000元以上". */
export function priceRangeText(priceMin, priceMax) {
  const yuan = (value) => Math.round(value).toLocaleString("zh-CN");
  if (priceMin === null && priceMax === null) return "不限";
  if (priceMin === null) return `${yuan(priceMax)}元以下`;
  if (priceMax === null) return `${yuan(priceMin)}元以上`;
  return `${yuan(priceMin)}–${yuan(priceMax)}元`;
}

export function bucketLabel(key) {
  const [from, to] = bucketRange(key);
  if (to === null) return `${formatCnyWhole(from)} 以上`;
  if (!from) return `${formatCnyWhole(to)} 以下`;
  return `${formatCnyWhole(from)} – ${formatCnyWhole(to)}`;
}
