// End-to-end tests of the Kring web UI: a real `kring serve` on 127.0.0.1 with the demo
// content, driven in Debian's Chromium by Playwright. Each file in scenarios/ exports
// { name, run(session) }; they run in the order of their file names and share one Session
// (lib.js), so later scenarios may use what earlier ones made (the login, the test page).
// Any console error or uncaught exception on any page fails the run.
//
// The scenarios: 10 log in, 20 a new page with a wiki link, 30 a PDF uploaded, found by a word
// inside it and opened, 40 the language switch, 50 the editor (preview, toolbar table, [[
// completion, a dropped PDF, the draft restored, saved; Dutch on a desktop, English on a 360 px
// phone; /new refusing files), 60 the theme switch (remembered, automatic follows the
// browser), 90 axe-core and screenshots in both languages and both themes, 95 logging out
// forgets the drafts. Screenshots land in OUT_DIR for people to look at.
//
// TODO: the browser's own controls (file inputs, date fields) follow LANGUAGE=nl, set at
// launch (lib.js), so English screenshots show them in Dutch; a second browser for English
// would fix that at the cost of a launch.
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
