// The category filter as a tree in Chinese: the levels above the chosen category as a path back up, the levels
// below it (or the top levels) to narrow down, each with its count. The API's category filter is a path prefix,
// and its category facet counts full paths: a level's count is the sum of the paths below it.

import { SEPARATOR, categoryLevelZh } from "./format.js";
import { el } from "./render.js";

/** The next level below `prefix` (null: the top level): [{path, count}], most products first. */
export function childrenOf(counts, prefix) {
  const depth = prefix ? prefix.split(SEPARATOR).length : 0;
  const sums = new Map();
  for (const [path, count] of Object.entries(counts || {})) {
    if (prefix && path !== prefix && !path.startsWith(prefix + SEPARATOR)) continue;
    const parts = path.split(SEPARATOR);
    if (parts.length <= depth) continue;
    const child = parts.slice(0, depth + 1).join(SEPARATOR);
    sums.set(child, (sums.get(child) ?? 0) + count);
  }
  return [...sums].map(([path, count]) => ({ path, count })).sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : 1));
}

/** Fills `box` with the tree for the `selected` category path; `onPick(path | null)` filters by one. */
export function categoryTree(box, counts, selected, labels, onPick) {
  const button = (path, text, extra = {}) => {
    const node = el("button", { type: "button", class: "tree-node", "data-path": path ?? "", ...extra }, ...text);
    node.addEventListener("click", () => onPick(path));
    return node;
  };
  const items = [];
  if (selected) {
    const parts = selected.split(SEPARATOR);
    const trail = [button(null, ["全部分类"], { class: "tree-node tree-up" })];
    parts.forEach((_, i) => {
      const path = parts.slice(0, i + 1).join(SEPARATOR);
      const current = path === selected;
      trail.push(
        button(current ? path.split(SEPARATOR).slice(0, -1).join(SEPARATOR) || null : path, [categoryLevelZh(path, labels)], {
          class: current ? "tree-node tree-current" : "tree-node tree-up",
          "aria-current": current ? "true" : null,
          title: current ? "取消此分类" : null,
        }),
      );
    });
    items.push(el("li", { class: "tree-trail" }, trail.flatMap((node, i) => (i ? [el("span", { "aria-hidden": "true" }, "›"), node] : [node]))));
  }
  const children = childrenOf(counts, selected);
  for (const { path, count } of children) {
    const english = path.split(SEPARATOR).at(-1);
    const zh = categoryLevelZh(path, labels);
    items.push(
      el(
        "li",
        {},
        button(path, [
          el("span", { class: "facet-label" }, zh, zh !== english ? el("small", { lang: "en" }, ` ${english}`) : null),
          el("span", { class: "facet-count" }, String(count)),
        ]),
      ),
    );
  }
  if (!items.length) items.push(el("li", { class: "facet-empty" }, "无"));
  box.replaceChildren(...items);
}
