// The page editor in headless Chromium, driven over the DevTools protocol (no npm packages):
// logs in through the form, opens a page's edit form and checks that editor.js runs under the
// Content-Security-Policy: toolbar, server preview (also of typed text), a draft kept and
// offered back after a reload, and no console error. Leaves screenshots in OUT_DIR.
// Usage: node --experimental-websocket editor_check.mjs BASE_URL NAME PASSWORD SLUG OUT_DIR
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [base, name, password, slug, out] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'kring-editor-'));
const chromium = spawn('/usr/bin/chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=nl-BE',
  '--accept-lang=nl-BE,nl',  // --lang alone leaves headless Chromium asking for English
  '--remote-debugging-port=0', '--user-data-dir=' + profile, 'about:blank',
], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, LANGUAGE: 'nl'}});
const failures = [];
const errors = [];
const check = (label, ok) => { if (!ok) failures.push(label); };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const endpoint = await new Promise((resolve, reject) => {
  let seen = '';
  chromium.stderr.on('data', (chunk) => {
    seen += chunk;
    const match = /DevTools listening on (ws:\S+)/.exec(seen);
    if (match) resolve(match[1]);
  });
  setTimeout(() => reject(new Error('chromium did not start: ' + seen)), 20000);
});
const socket = new WebSocket(endpoint);
await new Promise((resolve) => socket.addEventListener('open', resolve));
let next = 0;
const pending = new Map();
const waiters = [];
socket.addEventListener('message', (message) => {
  const data = JSON.parse(message.data);
  if (data.id && pending.has(data.id)) {
    const {resolve, reject} = pending.get(data.id);
    pending.delete(data.id);
    if (data.error) reject(new Error(JSON.stringify(data.error)));
    else resolve(data.result);
    return;
  }
  if (data.method === 'Runtime.exceptionThrown') {
    errors.push(data.params.exceptionDetails.exception?.description || 'exception');
  } else if (data.method === 'Runtime.consoleAPICalled' && data.params.type === 'error') {
    errors.push(data.params.args.map((arg) => arg.value ?? arg.description).join(' '));
  } else if (data.method === 'Log.entryAdded' && data.params.entry.level === 'error') {
    errors.push(data.params.entry.text + (data.params.entry.url ? ' ' + data.params.entry.url : ''));
  }
  for (const waiter of waiters.splice(0)) {
    if (waiter.method === data.method) waiter.resolve(data.params);
    else waiters.push(waiter);
  }
});
let session;
const send = (method, params = {}) => new Promise((resolve, reject) => {
  const id = ++next;
  pending.set(id, {resolve, reject});
  socket.send(JSON.stringify({id, method, params, ...(session ? {sessionId: session} : {})}));
});
const event = (method) => new Promise((resolve) => waiters.push({method, resolve}));
const evaluate = async (expression) =>
  (await send('Runtime.evaluate', {expression, awaitPromise: true, returnByValue: true}))
      .result.value;
const open = async (path) => {
  const loaded = event('Page.loadEventFired');
  await send('Page.navigate', {url: base + path});
  await loaded;
};
// A screenshot at a width, scrolled to `selector`.
const screenshot = async (file, width, height, selector) => {
  await send('Emulation.setDeviceMetricsOverride',
             {width, height, deviceScaleFactor: 1, mobile: width < 600});
  await sleep(300);
  await evaluate(`document.querySelector(${JSON.stringify(selector)}).scrollIntoView()`);
  const shot = await send('Page.captureScreenshot', {format: 'png'});
  writeFileSync(join(out, file), Buffer.from(shot.data, 'base64'));
};

try {
  const {targetId} = await send('Target.createTarget', {url: 'about:blank'});
  session = (await send('Target.attachToTarget', {targetId, flatten: true})).sessionId;
  for (const domain of ['Page', 'Runtime', 'Log']) await send(domain + '.enable');
  await send('Emulation.setDeviceMetricsOverride',
             {width: 1280, height: 1000, deviceScaleFactor: 1, mobile: false});

  await open('/login');
  const submitted = event('Page.loadEventFired');
  await evaluate(`(() => {
    document.querySelector('input[name="name"]').value = ${JSON.stringify(name)};
    document.querySelector('input[name="password"]').value = ${JSON.stringify(password)};
    document.querySelector('form[action^="/login"]').submit();
  })()`);
  await submitted;

  await open('/p/' + slug + '/edit');
  check('the edit form is shown', await evaluate('!!document.querySelector("form.editor")'));
  check('the editor speaks Dutch, the language the browser asks for',
        await evaluate('document.documentElement.lang') === 'nl');
  check('the toolbar has its seven buttons',
        await evaluate('document.querySelectorAll(".editor-toolbar button").length') === 7);
  await sleep(1500);
  check('the preview shows the page as rendered by the server',
        await evaluate('document.querySelector(".editor-preview .body").innerHTML.length > 50'));
  // Typing: the toolbar's table lands in the text and the preview renders it.
  await evaluate(`(() => {
    const area = document.getElementById('body');
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    document.querySelector('.editor-toolbar .tool-table').click();
  })()`);
  await sleep(1500);
  check('the table button inserts a table',
        await evaluate('document.getElementById("body").value.includes("|---|---|")'));
  check('the preview renders the new table',
        await evaluate('!!document.querySelector(".editor-preview .body table")'));
  // Wiki-link completion: "[[Kennis" offers the page's title; Enter takes it.
  await evaluate(`(() => {
    const area = document.getElementById('body');
    area.setSelectionRange(area.value.length, area.value.length);
    document.execCommand('insertText', false, '\\n\\nZie [[Kennis');
  })()`);
  await sleep(1000);
  check('typing [[ suggests page titles', await evaluate(
      '[...document.querySelectorAll("#editor-wiki-suggestions li")].some((li) => ' +
      'li.textContent === "Kennisbeheer") && !document.getElementById("editor-wiki-suggestions").hidden'));
  await screenshot('editor.png', 1280, 1000, '.editor-toolbar');
  await evaluate(`(() => {
    const area = document.getElementById('body');
    const options = [...document.querySelectorAll('#editor-wiki-suggestions li')];
    const index = options.findIndex((li) => li.textContent === 'Kennisbeheer');
    for (let i = 0; i <= index; ++i) {
      area.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}));
    }
    area.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
  })()`);
  check('the chosen title completes the wiki link',
        await evaluate('document.getElementById("body").value.endsWith("[[Kennisbeheer]]")'));
  // A file dropped on the text is uploaded to the page and linked where it lands.
  await evaluate(`(() => {
    const files = new DataTransfer();
    files.items.add(new File(['Afspraken over back-ups.'], 'notities.txt', {type: 'text/plain'}));
    document.getElementById('body').dispatchEvent(
        new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
  })()`);
  await sleep(2000);
  check('a dropped file is uploaded and linked', await evaluate(
      '/\\[notities\\.txt\\]\\(\\/f\\/\\d+\\/notities\\.txt\\)/.test(document.getElementById("body").value)'));
  await screenshot('editor-phone.png', 360, 800, '.editor-toolbar');
  await sleep(2500);  // the draft is kept every two seconds while typing
  check('a draft is kept in the browser',
        await evaluate(`!!localStorage.getItem('kring-draft:${slug}')`));
  await send('Emulation.setDeviceMetricsOverride',
             {width: 1280, height: 1000, deviceScaleFactor: 1, mobile: false});
  await open('/p/' + slug + '/edit');
  check('the draft is offered back after a reload',
        await evaluate('!!document.querySelector(".draft-notice")'));
  await screenshot('editor-draft.png', 1280, 800, '.draft-notice');
  await evaluate('document.querySelector(".draft-notice button").click()');
  check('restoring the draft brings the table back',
        await evaluate('document.getElementById("body").value.includes("|---|---|")'));
  await evaluate('localStorage.clear()');
} catch (error) {
  failures.push('the check could not run: ' + error.message);
} finally {
  socket.close();
  const exited = new Promise((resolve) => chromium.once('exit', resolve));
  chromium.kill();
  await exited;
  try {
    rmSync(profile, {recursive: true, force: true, maxRetries: 5});
  } catch (error) {
    // Chromium's helper processes may still be writing; the profile is in the temporary folder.
  }
}
for (const error of errors) failures.push('console error: ' + error);
for (const failure of failures) console.log('FAIL: ' + failure);
process.exit(failures.length ? 1 : 0);
