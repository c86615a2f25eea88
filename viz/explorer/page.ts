/** DOM helpers of the explorer page: elements by id, new elements with text set through textContent only. */

export const $ = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing element #${id}`);
  return e as E;
};

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One line of text: no newlines from file names or titles in YAML comments. */
export const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ');
