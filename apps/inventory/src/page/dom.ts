/** Small DOM builders: server text only ever reaches the page through textContent and attributes. */

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined;

/** An HTML element; `class` and `text` are shorthands, null/undefined/false attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = String(value);
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** An SVG element; `text` sets its text. */
export function svg(tag: string, attrs: Attrs = {}): SVGElement {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag) as SVGElement;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  return node;
}

/** The element with this id; the page's skeleton has every one the script uses. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}
