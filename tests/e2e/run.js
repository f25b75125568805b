// End-to-end tests of the Kring web UI: a real `kring serve` on 127.0.0.1 with the demo
// content, driven in Debian's Chromium by Playwright. Each file in scenarios/ exports
// { name, run(session) }; they run in the order of their file names and share one Session
// (lib.js), so later scenarios may use what earlier ones made (the login, the test page).
// Any console error or uncaught exception on any page fails the run.
//
// TODO(editor preview, theme switch): being built on other branches; their scenarios go in
// here as scenarios/50-editor-preview.js (type in #body, wait for the preview rendered by
// POST /api/v1/render, check a [[wiki link]] in it) and scenarios/60-theme.js (the header
// switch, remembered after navigation), before 90-accessibility.js, whose axe-core pass and
// screenshots could then also cover the dark theme.
// Usage: node run.js KRING_BINARY OUT_DIR CORPUS_DIR NODE_MODULES
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, addAdmin, launchBrowser, Session } = require('./lib');

async function main() {
  const [kring, outDir, corpus, nodeModules] = process.argv.slice(2);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-e2e-'));
  const dataDir = path.join(work, 'data');
  const password = addAdmin(kring, dataDir, 'tester');
  const serverLog = path.join(work, 'server.log');
  const server = await startServer(kring, dataDir, serverLog);
  const browser = await launchBrowser();
  const session = new Session(browser, server.base, outDir, nodeModules);
  session.user = { name: 'tester', password };
  session.corpus = corpus;
  let failures = 0;
  try {
    const dir = path.join(__dirname, 'scenarios');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
      const started = Date.now();
      const errorsBefore = session.errors.length;
      let scenario = { name: file };
      try {
        scenario = require(path.join(dir, file));
        await scenario.run(session);
        const errors = session.errors.slice(errorsBefore);
        if (errors.length) throw new Error('errors in the browser:\n  ' + errors.join('\n  '));
        console.log(`ok   ${scenario.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failures++;
        console.log(`FAIL ${scenario.name}: ${err.message}`);
      }
    }
  } finally {
    await browser.close();
    const status = await server.stop();
    // A sanitizer build's report (scripts/test --asan: a leak is found at exit) is shown here,
    // where ctest looks for it.
    const log = fs.readFileSync(serverLog, 'utf8');
    if (/Sanitizer|runtime error: /.test(log)) console.log(log);
    if (status !== 0) {
      failures++;
      console.log(`FAIL the server did not stop cleanly on SIGTERM (status ${status})`);
    }
    if (failures) console.log('server log: ' + serverLog);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} scenario(s) failed` : 'all scenarios passed');
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
