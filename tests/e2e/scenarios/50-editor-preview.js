// The editor's comforts (editor.js) as a member uses them, in Dutch at desktop width and in
// English on a 360 px phone: the server's preview, the toolbar's table, [[ completion chosen
// with the keyboard (its list on screen), a PDF dropped into the text (uploaded and linked), the
// draft kept in this browser and offered back after a reload, and the save that shows it all.
// On /new, where no page can hold files yet, a dropped file is refused with a message.
'use strict';
const fs = require('fs');
const path = require('path');
const { expect, poll } = require('../lib');

const CATALOGUES = {
  nl: require('../../../templates/i18n/nl.json'),
  en: require('../../../templates/i18n/en.json'),
};
const PDF = 'docs/ontwikkelaars/handleidingen-en-tutorials/' +
  '20201208 - Crash course zaakgericht werken voor CG-ontwikkelteams_v1_0.pdf';

// Drops FILE (a path on this machine) on the text area as a person dragging it from the
// desktop would: a drop event with the file in its DataTransfer.
async function dropFile(page, file) {
  const data = fs.readFileSync(file).toString('base64');
  await page.evaluate(({ name, data }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const files = new DataTransfer();
    files.items.add(new File([bytes], name, { type: 'application/pdf' }));
    document.getElementById('body').dispatchEvent(
      new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  }, { name: path.basename(file), data });
}

const text = (page) => page.inputValue('#body');

async function caretAtEnd(page) {
  await page.focus('#body');
  await page.evaluate(() => {
    const area = document.getElementById('body');
    area.setSelectionRange(area.value.length, area.value.length);
  });
}

// Throws unless the element's box lies inside the viewport (give or take a pixel's rounding).
async function expectOnScreen(page, selector, message) {
  const box = await page.locator(selector).boundingBox();
  const view = page.viewportSize();
  expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width + 1 &&
    box.y + box.height <= view.height + 1,
  `${message}: ${JSON.stringify(box)} in ${view.width}x${view.height}`);
}

async function editAndSave(s, page, lang, width) {
  const t = CATALOGUES[lang];
  const label = `${lang}-${width < 600 ? 'phone' : 'desktop'}`;
  await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
  await s.goto(page, `${s.testPage}/edit?lang=${lang}`);
  const tables = page.locator('.editor-preview .body table');
  await poll(10, async () => (await page.locator('.editor-preview .body a.wikilink').count()) > 0,
    `${label}: the preview did not show the page's text`);
  const tablesBefore = await tables.count();

  await caretAtEnd(page);
  await page.click('.editor-toolbar .tool-table');
  await poll(5, async () => (await tables.count()) > tablesBefore,
    `${label}: the table did not appear in the preview within 5 s`);

  await caretAtEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type(lang === 'nl' ? 'Zie ook [[Kennis' : 'See also [[Kennis');
  const option = page.locator('#editor-wiki-suggestions li[role=option]').first();
  await option.waitFor({ state: 'visible', timeout: 5000 });
  await page.screenshot({ path: path.join(s.outDir, `editor-suggestions-${label}.png`) });
  await expectOnScreen(page, '#editor-wiki-suggestions',
    `${label}: the wiki-link suggestions open off screen`);
  const title = (await option.textContent()).trim();
  expect(/^kennis/i.test(title), `${label}: "[[Kennis" suggested "${title}"`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  expect((await text(page)).endsWith(`[[${title}]]`),
    `${label}: choosing "${title}" did not complete the wiki link`);

  await page.keyboard.type(' ');
  await dropFile(page, path.join(s.corpus, PDF));
  await poll(30, async () => /\]\(\/f\/\d+\/[^)]+\.pdf\)$/.test(await text(page)),
    `${label}: the dropped PDF was not linked in the text within 30 s`);
  expect((await page.textContent('.editor-status')).startsWith(t.editor_upload_done),
    `${label}: the status line does not say the file was uploaded`);

  // The draft is kept every two seconds while typing; a reload offers it back.
  const typed = await text(page);
  const key = 'kring-draft:' + s.testPage.slice('/p/'.length);
  await poll(10, () => page.evaluate(([key, typed]) =>
    (JSON.parse(localStorage.getItem(key) || '{}').body === typed), [key, typed]),
  `${label}: the draft was not kept in this browser`);
  await page.reload();
  const notice = page.locator('.draft-notice');
  await notice.waitFor({ state: 'visible', timeout: 5000 });
  expect((await notice.textContent()).includes(t.editor_draft_found),
    `${label}: the draft notice does not say what it is`);
  expect(await text(page) !== typed, `${label}: the draft replaced the text before being asked`);
  await page.screenshot({ path: path.join(s.outDir, `editor-draft-${label}.png`) });
  await notice.locator('button', { hasText: t.editor_draft_restore }).click();
  expect(await text(page) === typed, `${label}: restoring the draft did not bring the text back`);

  await Promise.all([page.waitForNavigation(), page.click('form.editor button.primary')]);
  expect(new URL(page.url()).pathname === s.testPage, `${label}: saving led to ${page.url()}`);
  const body = page.locator('article.page .body');
  expect(await body.locator('table').count() === tablesBefore + 1,
    `${label}: the saved page does not show the new table`);
  expect(await body.locator('a.wikilink', { hasText: title }).count() > 0,
    `${label}: the saved page does not link "${title}"`);
  expect(await body.locator('a[href^="/f/"]', { hasText: '.pdf' }).count() > 0,
    `${label}: the saved page does not link the dropped PDF`);
}

// A new page has nowhere to keep files until it is saved: the drop is refused out loud.
async function refusedOnNewPage(s, page, lang) {
  await s.goto(page, `/new?lang=${lang}`);
  await dropFile(page, path.join(s.corpus, PDF));
  const warning = page.locator('.editor-status.warning');
  await poll(5, async () => (await warning.count()) === 1 &&
    (await warning.textContent()) === CATALOGUES[lang].editor_upload_new_page,
  `${lang}: a file dropped on /new is not refused with a message`);
  expect(await text(page) === '', `${lang}: the refused file changed the text`);
  expect(new URL(page.url()).pathname === '/new', `${lang}: the drop left /new`);
}

module.exports = {
  name: 'the editor: preview, table, [[ completion, dropped PDF, draft restored, saved',
  async run(s) {
    const page = s.page;
    try {
      await editAndSave(s, page, 'nl', 1280);
      await editAndSave(s, page, 'en', 360);
      await refusedOnNewPage(s, page, 'en');
      await refusedOnNewPage(s, page, 'nl');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await s.goto(page, '/?lang=nl');
    }
  },
};
