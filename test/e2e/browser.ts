/**
 * Headless Chromium for the browser tests: Debian's chromium (or
 * $MEGASIM_CHROMIUM) driven by playwright-core, with the flags this machine
 * needs. Tests skip with a message where Chromium is absent; .ci/run installs it.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.MEGASIM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const haveChromium = existsSync(CHROMIUM);

/** Warns once that `what` is skipped because Chromium is absent. */
export function warnIfNoChromium(what: string): void {
  if (!haveChromium) console.warn(`skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install chromium, or set MEGASIM_CHROMIUM; .ci/run installs it)`);
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
