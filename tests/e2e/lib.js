// Shared helpers of the end-to-end scenarios: the server under test, the browser, pages that
// record console errors, the accessibility check and screenshots. See run.js.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

// Waits for the server are multiplied by KRING_TEST_TIME_SCALE (tests/TestTimeouts.h).
const TIME_SCALE = Math.max(1, parseInt(process.env.KRING_TEST_TIME_SCALE, 10) || 1);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// Starts `kring serve` on 127.0.0.1, port 0, and resolves with its base URL once it listens.
function startServer(kring, dataDir, logFile) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(kring, ['serve', '--data', dataDir, '--port', '0', '--bind', '127.0.0.1'],
    { stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const m = fs.readFileSync(logFile, 'utf8').match(/listening on (http:\/\/[0-9.]+:\d+)/);
      // stop() resolves with the exit status (null when a signal ended it).
      if (m) return resolve({ base: m[1], stop: () => { child.kill('SIGTERM'); return exited; } });
      if (child.exitCode !== null || Date.now() - started > 15000 * TIME_SCALE) {
        child.kill('SIGKILL');
        return reject(new Error('the server did not start:\n' + fs.readFileSync(logFile, 'utf8')));
      }
      setTimeout(poll, 50);
    };
    poll();
  });
}

// `kring user add NAME --role admin --generate-password` prints the password it made.
function addAdmin(kring, dataDir, name) {
  const out = execFileSync(kring, ['user', 'add', name, '--role', 'admin', '--generate-password',
    '--data', dataDir], { encoding: 'utf8' });
  const words = out.trim().split(/\s+/);
  return words[words.length - 1];
}

// The browser's own controls (file inputs, date fields) speak Dutch, as in the members'
// browsers: headless Chromium takes its UI language from LANGUAGE (with Debian's
// chromium-l10n). Each context's `locale` sets what pages are asked in (Accept-Language).
function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: CHROMIUM_ARGS, env: { ...process.env, LANGUAGE: 'nl', LANG: 'nl_BE.UTF-8' } });
}

// The state shared by the scenarios; every page opened through newPage() reports its console
// errors and uncaught exceptions (Content-Security-Policy refusals are console errors) to
// `errors`, which run.js turns into a failure.
class Session {
  constructor(browser, base, outDir, nodeModules) {
    this.browser = browser;
    this.base = base;
    this.outDir = outDir;
    this.nodeModules = nodeModules;
    this.errors = [];
    this.contexts = {};
  }

  // A browser context per role ('member', 'anonymous'), created once; locale sets
  // Accept-Language, so the UI starts in Dutch.
  async context(name) {
    if (!this.contexts[name]) {
      this.contexts[name] = await this.browser.newContext({ locale: 'nl-BE',
        viewport: { width: 1280, height: 900 } });
    }
    return this.contexts[name];
  }

  async newPage(contextName = 'member') {
    const page = await (await this.context(contextName)).newPage();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const source = msg.location().url;
      this.errors.push(`${page.url()}: console: ${msg.text()}${source ? ` (${source})` : ''}`);
    });
    page.on('pageerror', (err) => this.errors.push(`${page.url()}: page error: ${err.message}`));
    return page;
  }

  async goto(page, urlPath) {
    const response = await page.goto(this.base + urlPath);
    if (!response || response.status() >= 400) {
      throw new Error(`GET ${urlPath} answered ${response ? response.status() : 'nothing'}`);
    }
    return response;
  }

  // Logs the member in through the login form in PAGE (a tab of the 'member' context).
  async login(page) {
    await this.goto(page, '/login');
    await page.fill('#login-name', this.user.name);
    await page.fill('#login-password', this.user.password);
    await Promise.all([page.waitForNavigation(), page.click('form.account button[type=submit]')]);
  }

  // axe-core in the page; resolves with the violations of impact serious or critical. The
  // script goes in through the DevTools protocol, which the page's CSP does not govern.
  async seriousViolations(page) {
    const axe = fs.readFileSync(path.join(this.nodeModules, 'axe-core', 'axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const results = await page.evaluate(() => window.axe.run(document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
        'best-practice'] } }));
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  // Full-page screenshots of the current page at desktop and phone width into outDir; resolves
  // with the elements that stick out to the right at phone width (the page scrolls sideways).
  async screenshots(page, name) {
    fs.mkdirSync(this.outDir, { recursive: true });
    let overflowing = [];
    for (const [label, width] of [['desktop', 1280], ['phone', 360]]) {
      await page.setViewportSize({ width, height: label === 'phone' ? 800 : 900 });
      await page.screenshot({ path: path.join(this.outDir, `${name}-${label}.png`),
        fullPage: true });
      if (label === 'phone') overflowing = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > width + 1)
          .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className : ''));
      });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return overflowing;
  }
}

// Throws with MESSAGE unless CONDITION holds.
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// Calls PROBE every 200 ms until it returns something truthy or SECONDS pass.
async function poll(seconds, probe, message) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}

module.exports = { startServer, addAdmin, launchBrowser, Session, expect, poll };
