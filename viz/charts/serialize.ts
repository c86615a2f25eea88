/**
 * Serialising a chart to standalone SVG XML (with its xmlns), using the
 * XMLSerializer of the chart's own document window — jsdom's in Node, the
 * browser's in a page — so text from data comes out escaped.
 */

/** Standalone SVG markup of `svg`; identical input gives identical bytes. */
export function serializeSvg(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const Serializer = view?.XMLSerializer ?? (globalThis as { XMLSerializer?: typeof XMLSerializer }).XMLSerializer;
  if (!Serializer) throw new Error('serializeSvg: no XMLSerializer available for this document');
  return new Serializer().serializeToString(svg);
}
