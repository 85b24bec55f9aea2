/**
 * Haitao's highlights → InstantSearch's `_highlightResult` / `_snippetResult`.
 *
 * Haitao sends each matching field HTML-escaped with the query's words in `<em>`. InstantSearch asks for its own
 * tags: with `escapeHTML` on (its default) placeholders such as `__ais-highlight__`, and it escapes the values
 * itself before swapping the placeholders for `<mark>`; so the value must then be plain text with the
 * placeholders (escaped once more it would show `&amp;`). Tags that are HTML (`<em>`, with `escapeHTML: false`)
 * get the value as escaped HTML, so that it is safe to insert as it is.
 */

import type { HighlightTags } from "./request.js";
import type { HighlightValue } from "./types.js";

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const MARK = /(<em>|<\/em>)/;

export function unescapeHtml(text: string): string {
  return text.replace(ENTITY, (_match, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    if (decimal !== undefined) return String.fromCodePoint(Number.parseInt(decimal, 10));
    return NAMED[name!.toLowerCase()]!;
  });
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Whether the tags are placeholders in plain text (InstantSearch escapes it) rather than HTML. */
export function isTextMode(tags: HighlightTags): boolean {
  return !tags.pre.includes("<");
}

/** A Haitao highlight (`Sony <em>Wireless</em> Earbuds`, escaped) in the requested tags. */
export function fromMarked(marked: string, tags: HighlightTags): HighlightValue {
  const text = isTextMode(tags);
  let value = "";
  let inside = false;
  const words = new Set<string>();
  for (const part of marked.split(MARK)) {
    if (part === "<em>") {
      value += tags.pre;
      inside = true;
    } else if (part === "</em>") {
      value += tags.post;
      inside = false;
    } else {
      value += text ? unescapeHtml(part) : part;
      if (inside && part) words.add(unescapeHtml(part).toLowerCase());
    }
  }
  return words.size
    ? { value, matchLevel: "full", matchedWords: [...words] }
    : { value, matchLevel: "none", matchedWords: [] };
}

/** A field's value with no match, as the requested tags' mode wants it. */
export function unmarked(raw: string, tags: HighlightTags): HighlightValue {
  return { value: isTextMode(tags) ? raw : escapeHtml(raw), matchLevel: "none", matchedWords: [] };
}

/** `value` with each case-insensitive occurrence of `query` in the tags (a facet value found by a facet search). */
export function markSubstring(value: string, query: string, tags: HighlightTags): string {
  const text = isTextMode(tags);
  const write = (part: string) => (text ? part : escapeHtml(part));
  if (!query) return write(value);
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  let out = "";
  let from = 0;
  for (const match of value.matchAll(pattern)) {
    out += write(value.slice(from, match.index)) + tags.pre + write(match[0]) + tags.post;
    from = match.index + match[0].length;
  }
  return out + write(value.slice(from));
}
