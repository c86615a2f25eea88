/** Modules the explorer's build (build.ts) provides to the bundle. */
declare module 'megasim-explorer:scenarios' {
  /** Repository-relative path of each shipped scenario file → its text. */
  const files: Readonly<Record<string, string>>;
  export default files;
}
declare module 'megasim-explorer:geo' {
  /** The shipped zone boundaries (scenarios/geo/<stem>.topo.json) by file stem. */
  const geos: Readonly<Record<string, unknown>>;
  export default geos;
}
declare module 'megasim-explorer:worker' {
  /** The bundled worker script (worker.ts), started from a Blob URL. */
  const source: string;
  export default source;
}
declare module 'megasim-explorer:index' {
  /** The scenarios grouped by city, as the build found them (see catalog.ts). */
  const index: import('./catalog.ts').CatalogIndex;
  export default index;
}
