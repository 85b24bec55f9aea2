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

// The demo catalog's top-level categories, for the image placeholder and the category list.
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

/** "Electronics > Audio > Headphones" → {leaf: "Headphones", parent: "Electronics > Audio", top: "数码电子"} */
export function categoryParts(path) {
  const parts = (path || "").split(" > ").filter(Boolean);
  const root = parts[0] || "";
  return {
    leaf: parts.at(-1) || "",
    parent: parts.slice(0, -1).join(" › "),
    top: CATEGORY_ZH[root] || root,
  };
}

/** "100-200" → [100, 200]; "5000-" → [5000, null] (a price facet bucket key, in the request currency). */
export function bucketRange(key) {
  const [from, to] = key.split("-");
  const number = (text) => (text === "" || text === undefined ? null : Number(text));
  return [number(from), number(to)];
}

export function bucketLabel(key) {
  const [from, to] = bucketRange(key);
  if (to === null) return `${formatCnyWhole(from)} 以上`;
  if (!from) return `${formatCnyWhole(to)} 以下`;
  return `${formatCnyWhole(from)} – ${formatCnyWhole(to)}`;
}
