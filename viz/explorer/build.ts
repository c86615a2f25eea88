/**
 * Builds the explorer into one self-contained index.html: the worker
 * (worker.ts + sim/) is bundled first, then the page (main.ts + viz/charts +
 * sim/scenario), which receives the worker's code as a string and the
 * shipped scenario files as text. The page script is inlined and allowed by
 * its SHA-256 in the Content-Security-Policy; the worker starts from a Blob
 * URL. So the file works served on localhost and opened from a folder
 * (file://), with no request to anything but itself.
 *
 *   npx tsx viz/explorer/build.ts [OUT_DIR]      (default viz/explorer/dist)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { buildCatalog, catalogIndex } from './catalog.ts';
import { LEGEND_CSS, LEGEND_SCRIPT } from '../legendScript.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HERE = join(ROOT, 'viz', 'explorer');

/** esbuild is missing or the bundle could not be built. */
export class ExplorerBuildError extends Error {}

export interface BuildResult {
  /** The page's HTML (also written to `outDir/index.html` when `outDir` is given). */
  html: string;
  /** Scenario files embedded, repository-relative. */
  scenarios: string[];
  /** Files that do not load (the page lists them too). */
  problems: { file: string; message: string }[];
  bytes: number;
}

type Esbuild = typeof import('esbuild');

async function loadEsbuild(): Promise<Esbuild> {
  try {
    return (await import('esbuild')) as Esbuild;
  } catch {
    throw new ExplorerBuildError(
      'esbuild is not installed, so the explorer cannot be built. It is a devDependency of megasim: run `npm ci` (or `npm install`) in the megasim folder, then try again.',
    );
  }
}

const posix = (p: string) => p.split(sep).join('/');

/** The shipped scenario files: scenarios/cities and scenarios/policies, plus every file their `extends` chains reach inside the repository. */
export function collectScenarioFiles(root = ROOT): Record<string, string> {
  const files: Record<string, string> = {};
  const queue: string[] = [];
  for (const dir of ['scenarios/cities', 'scenarios/policies']) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) if (/\.(ya?ml|json)$/.test(f)) queue.push(join(abs, f));
  }
  while (queue.length > 0) {
    const abs = queue.shift()!;
    const rel = posix(relative(root, abs));
    if (rel in files || rel.startsWith('..') || !existsSync(abs) || !statSync(abs).isFile()) continue;
    const text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    files[rel] = text;
    try {
      const doc = YAML.parse(text) as { extends?: unknown } | null;
      if (doc && typeof doc.extends === 'string') queue.push(resolve(dirname(abs), doc.extends));
    } catch {
      // A broken file is embedded as is: the page lists it with the loader's message.
    }
  }
  return Object.fromEntries(Object.keys(files).sort().map((k) => [k, files[k]!]));
}

/**
 * The first member of every shipped comparison (scenarios/comparisons/*.yaml),
 * repository-relative, in file order: the baselines the explorer preselects.
 * A comparison file that does not parse is skipped (`megasim validate` reports it).
 */
export function collectBaselines(root = ROOT): string[] {
  const dir = join(root, 'scenarios', 'comparisons');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    try {
      const doc = YAML.parse(readFileSync(join(dir, f), 'utf8')) as { scenarios?: unknown } | null;
      const first = Array.isArray(doc?.scenarios) ? doc.scenarios[0] : undefined;
      if (typeof first === 'string') out.push(posix(relative(root, resolve(dir, first))));
    } catch {
      // not a readable comparison: no baseline from it
    }
  }
  return out;
}

/** The shipped zone boundaries (scenarios/geo/*.topo.json) by file stem, parsed (viz/explorer/zoneMap.ts picks the city's). */
export function collectGeoFiles(root = ROOT): Record<string, unknown> {
  const dir = join(root, 'scenarios', 'geo');
  const out: Record<string, unknown> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.topo.json')) out[f.replace(/\.topo\.json$/, '')] = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return out;
}

/** Builds the explorer page; writes `outDir/index.html` if `outDir` is given. */
export async function buildExplorer(opts: { outDir?: string; root?: string } = {}): Promise<BuildResult> {
  const esbuild = await loadEsbuild();
  const root = opts.root ?? ROOT;
  const common = {
    bundle: true,
    write: false,
    format: 'iife' as const,
    platform: 'browser' as const,
    target: 'es2022',
    charset: 'utf8' as const,
    legalComments: 'none' as const,
    // Whitespace and names only: no constant folding, so the numbers the engine computes are untouched.
    minifyWhitespace: true,
    minifyIdentifiers: true,
    minifySyntax: false,
    logLevel: 'silent' as const,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  let workerJs: string;
  let pageJs: string;
  const scenarios = collectScenarioFiles(root);
  const catalog = buildCatalog(scenarios, collectBaselines(root));
  const index = catalogIndex(catalog);
  try {
    const w = await esbuild.build({ ...common, entryPoints: [join(HERE, 'worker.ts')] });
    workerJs = w.outputFiles![0]!.text;
    const virtual: import('esbuild').Plugin = {
      name: 'megasim-explorer',
      setup(b) {
        b.onResolve({ filter: /^megasim-explorer:/ }, (a) => ({ path: a.path, namespace: 'megasim-explorer' }));
        b.onLoad({ filter: /.*/, namespace: 'megasim-explorer' }, (a) => {
          if (a.path === 'megasim-explorer:scenarios') return { contents: `export default ${JSON.stringify(scenarios)};`, loader: 'js' };
          if (a.path === 'megasim-explorer:index') return { contents: `export default ${JSON.stringify(index)};`, loader: 'js' };
          if (a.path === 'megasim-explorer:geo') return { contents: `export default ${JSON.stringify(collectGeoFiles(root))};`, loader: 'js' };
          if (a.path === 'megasim-explorer:worker') return { contents: `export default ${JSON.stringify(workerJs)};`, loader: 'js' };
          return undefined;
        });
      },
    };
    const p = await esbuild.build({ ...common, entryPoints: [join(HERE, 'main.ts')], plugins: [virtual] });
    // The charts' legend script (viz/legendScript.ts, shared with the reports) runs first.
    pageJs = LEGEND_SCRIPT + p.outputFiles![0]!.text;
  } catch (e) {
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors;
    const detail = errors?.map((x) => `${x.location ? `${x.location.file}:${x.location.line}: ` : ''}${x.text}`).join('\n') ?? (e as Error).message;
    throw new ExplorerBuildError(`the explorer bundle could not be built:\n${detail}`);
  }
  // The script is inlined: it must not be able to close its own <script> element, nor open an
  // HTML comment in it ("<!--" puts the parser in the script's escaped state). Text from scenario
  // files (a title with "<!--") reaches the bundle only inside string literals, where "<\!--" and
  // "<\/script" mean the same characters.
  pageJs = pageJs.replace(/<!--/g, '<\\!--').replace(/<\/(script)/gi, '<\\/$1');
  if (/<\/script/i.test(pageJs) || /<!--/.test(pageJs)) {
    throw new ExplorerBuildError('the page script contains "</script" or "<!--", which would break the inline <script>: find the string that brought it in');
  }
  const hash = createHash('sha256').update(pageJs, 'utf8').digest('base64');
  const template = readFileSync(join(HERE, 'index.html'), 'utf8');
  if (!template.includes('<!-- MEGASIM:SCRIPT -->') || !template.includes('{{SCRIPT_HASH}}')) {
    throw new ExplorerBuildError('viz/explorer/index.html lacks the script placeholder or the CSP hash placeholder');
  }
  const html = template.replace('</style>', () => `${LEGEND_CSS}</style>`).replace('{{SCRIPT_HASH}}', () => `sha256-${hash}`).replace('<!-- MEGASIM:SCRIPT -->', () => `<script>${pageJs}</script>`);
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(join(opts.outDir, 'index.html'), html);
  }
  return { html, scenarios: Object.keys(scenarios), problems: catalog.problems, bytes: Buffer.byteLength(html) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? join(HERE, 'dist'));
  buildExplorer({ outDir: out }).then(
    (r) => process.stdout.write(`wrote ${join(out, 'index.html')} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.scenarios.length} scenario files)\n`),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(e instanceof ExplorerBuildError ? 2 : 1);
    },
  );
}
