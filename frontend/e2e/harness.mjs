// A very small test runner and browser helpers for the end-to-end checks.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium; playwright-core gives each launch a fresh profile directory. */
export async function launchBrowser(executablePath) {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Polls `check` until it returns a truthy value; throws `message` (plus the last error) on timeout. */
export async function waitUntil(check, message, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    await sleep(100);
  }
  throw new Error(`${message} (waited ${timeoutMs} ms${lastError ? `; last error: ${lastError.message}` : ''})`);
}

/**
 * Opens a page that records console errors, uncaught exceptions and failed
 * requests; `assertClean()` fails if any happened. `expected` lists answers
 * that are part of the check, as `{ status, path }` (e.g. 401 from /auth/me
 * before signing in): neither they nor Chromium's console line about them count.
 */
export async function openPage(context, baseUrl, { expected = [] } = {}) {
  const page = await context.newPage();
  const problems = [];
  const isExpected = (status, url) => expected.some((e) => e.status === status && new URL(url).pathname === e.path);
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const failedLoad = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
    if (failedLoad && m.location().url && isExpected(Number(failedLoad[1]), m.location().url)) return;
    problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The app aborts queries that newer input has superseded; that is not a failure.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    if (r.url().startsWith(baseUrl))
      problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(baseUrl) && r.status() >= 400 && !isExpected(r.status(), r.url()))
      problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  page.assertClean = () => {
    if (problems.length) throw new Error(`problems in the browser:\n  ${problems.join('\n  ')}`);
  };
  return page;
}

/**
 * Signs `context` in through development sign-in, as the first person the
 * server offers, with `role`. `context.request` keeps its cookies in the
 * browser context, so the context's pages are then signed in too.
 */
export async function signIn(context, baseUrl, role = 'ADMIN', personId = undefined) {
  const found = await context.request.get(`${baseUrl}/auth/dev/people?prefix=`);
  if (!found.ok()) {
    throw new Error(
      `GET /auth/dev/people answered HTTP ${found.status()} (${await found.text()}); is tacit serve started with --dev-auth?`,
    );
  }
  const person = personId ? { id: personId } : (await found.json()).people?.[0];
  if (!person) throw new Error('GET /auth/dev/people offered nobody to sign in as; is the demo data loaded?');
  const answer = await context.request.post(`${baseUrl}/auth/dev`, { data: { personId: person.id, role } });
  if (!answer.ok()) throw new Error(`POST /auth/dev answered HTTP ${answer.status()}: ${await answer.text()}`);
  const me = await answer.json();
  const cookies = await context.cookies(baseUrl);
  if (!cookies.some((c) => c.name === 'tacit_session')) {
    throw new Error(
      `POST /auth/dev did not leave a tacit_session cookie for ${baseUrl} (cookies: ${cookies.map((c) => c.name).join(', ') || 'none'})`,
    );
  }
  return me;
}

/** Runs the named checks in order and prints one line each plus the closing count. */
export async function runChecks(checks) {
  let passed = 0;
  let failed = 0;
  for (const [name, fn] of checks) {
    const started = Date.now();
    try {
      await fn();
      passed += 1;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${name} (${Date.now() - started} ms)\n     ${String(e.stack ?? e).replace(/\n/g, '\n     ')}`);
    }
  }
  return { passed, failed };
}

export async function screenshotDir(base) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = process.env.E2E_SCREENSHOTS || join(base, stamp);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * What a browser story needs: a new browser context at desktop width, and
 * `shootBoth(page, name)`: a screenshot at desktop width, then one at phone
 * width (`name-phone`), then back; it returns how many pixels the page was
 * wider than the phone screen (0 or less when it fits).
 */
export function storyTools({ browser, base, shoot, viewport, phone }) {
  const newContext = async () => {
    const ctx = await browser.newContext({ viewport, baseURL: base, locale: 'en-GB' });
    ctx.setDefaultTimeout(15_000);
    return ctx;
  };
  const shootBoth = async (page, name) => {
    await shoot(page, name);
    await page.setViewportSize(phone);
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shoot(page, `${name}-phone`);
    await page.setViewportSize(viewport);
    return overflow;
  };
  return { newContext, shootBoth };
}
