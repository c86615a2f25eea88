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
  // Characters XML 1.0 does not allow (control characters such as \x01, \x1b or \0, lone surrogates, \ufffe and \uffff)
  // would make the file ill-formed: they are dropped. Valid text is untouched, so ordinary charts keep their bytes.
  return new Serializer().serializeToString(svg).replace(NOT_XML, '');
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
