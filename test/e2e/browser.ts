/**
 * Headless Chromium for the browser tests: Debian's chromium (or
 * $MEGASIM_CHROMIUM) driven by playwright-core, with the flags this machine
 * needs. Tests skip with a message where Chromium is absent, and fail under
 * CI (CI=true); .ci/run installs it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderReport } from '../../viz/report.ts';
import type { sampleData } from '../fixtures/sampleData.ts';

export const CHROMIUM = process.env.MEGASIM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const haveChromium = existsSync(CHROMIUM);

/** Under CI (CI=true) a missing browser fails the run instead of skipping its tests (issue 18, item 24). */
export const IN_CI = process.env.CI === 'true';

/** Warns once that `what` is skipped because Chromium is absent; under CI, registers a failing test instead. */
export function warnIfNoChromium(what: string): void {
  if (haveChromium) return;
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set MEGASIM_CHROMIUM; .ci/run installs it)`;
  if (IN_CI) {
    it(`${what} needs Chromium under CI`, () => {
      throw new Error(`${what}: ${why}; CI=true, so the browser tests fail instead of being skipped`);
    });
    return;
  }
  console.warn(`skipping ${what}: ${why}`);
}

/** Fails (registers a failing test) when a suite's prerequisite is missing, e.g. the report a browser test opens. */
export function requirePrerequisite(what: string, ok: boolean, why: string): void {
  if (!ok) {
    it(`${what}: its prerequisite is there`, () => {
      throw new Error(`${what}: ${why}`);
    });
  }
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page that records every dialog (dismissed), page error and request into the given lists. */
export async function watchedPage(
  browser: Browser,
  sinks: { dialogs: string[]; pageErrors: string[]; requests: string[] } = { dialogs: [], pageErrors: [], requests: [] },
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; dialogs: string[]; pageErrors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport });
  page.on('dialog', (d) => {
    sinks.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => sinks.pageErrors.push(e.message));
  page.on('request', (r) => sinks.requests.push(r.url()));
  return { page, ...sinks };
}

/** Starts `megasim explore --port 0` and resolves with its address. */
export function startServer(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['bin/megasim.mjs', 'explore', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    // No wall-clock limit: a server that dies fails here; one that hangs, at the test's timeout.
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) ok({ proc, url: m[0] });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => {
      fail(new Error(`megasim explore exited with ${code}:\n${out}\n${err}`));
    });
  });
}

/** Writes `html` as report.html into `dir`, launches Chromium and opens the file in a watched page. */
export async function openReportFile(
  dir: string,
  html: string,
  sinks: { dialogs: string[]; pageErrors: string[]; requests: string[] },
): Promise<{ browser: Browser; page: Page }> {
  writeFileSync(join(dir, 'report.html'), html);
  const browser = await launchChromium();
  const { page } = await watchedPage(browser, sinks);
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  return { browser, page };
}

/**
 * Renders the two-scenario comparison report of a sampleData fixture (scenarios small and big, 5 seeds)
 * with `question` and `lang`, and opens it in Chromium (openReportFile).
 */
export function openTwoCityReport(
  dir: string,
  data: ReturnType<typeof sampleData>,
  question: string,
  sinks: { dialogs: string[]; pageErrors: string[]; requests: string[] },
  lang?: 'en' | 'zh',
): Promise<{ browser: Browser; page: Page }> {
  const html = renderReport({
    title: 'Two cities',
    question,
    scenarios: data.scenarios,
    meta: lang ? { ...data.meta, lang } : data.meta,
    differences: data.differences,
    stats: data.stats,
    pyramids: data.pyramids,
    manifest: { seeds: '1..5', sample: 0.001, engineVersion: 'test', digest: '0'.repeat(64) },
    command: 'megasim compare small.yaml big.yaml --seeds 1..5',
  });
  return openReportFile(dir, html, sinks);
}

/** Starts `megasim explore` and opens it in Chromium with downloads allowed; page errors go into `pageErrors`. */
export async function openExplorer(pageErrors: string[]): Promise<{ server: ChildProcess; url: string; browser: Browser; page: Page }> {
  const s = await startServer();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { server: s.proc, url: s.url, browser, page };
}
