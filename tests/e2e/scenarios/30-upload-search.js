// A PDF uploaded through the page's form is extracted and indexed: a search for a word inside
// it finds the file, and the hit opens the file's page with that word.
'use strict';
const path = require('path');
const { expect, poll } = require('../lib');

module.exports = {
  name: 'upload a PDF, find a word inside it, open the hit',
  async run(s) {
    const page = s.page;
    await s.goto(page, s.testPage);
    const pdf = path.join(s.corpus, 'docs/community/bestanden/opsplitsen-rgbz.pdf');
    await page.setInputFiles('#upload-file', pdf);
    await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
    await s.goto(page, s.testPage);
    expect(await page.locator('.filelist a', { hasText: 'opsplitsen-rgbz.pdf' }).count() === 1,
      'the page does not list the uploaded PDF');
    // Extraction and indexing run in the background: search until the file is found.
    const hit = await poll(30, async () => {
      await s.goto(page, '/search?q=sprintreview');
      const hits = page.locator('.hitlist li', { has: page.locator('h3 a[href^="/f/"]') });
      return (await hits.count()) > 0 ? hits.first() : null;
    }, 'a search for "sprintreview" did not find the uploaded PDF within 30 s');
    // The hit names the page the file belongs to ...
    const pageLink = hit.locator(`.meta a[href="${s.testPage}"]`);
    expect(await pageLink.count() === 1, 'the hit does not link the page the PDF belongs to');
    // ... and its title opens the PDF at the page that matched, here in a tab of its own (the
    // PDF viewer never fires "load": wait for the response only).
    const href = await hit.locator('h3 a').getAttribute('href');
    expect(/^\/f\/\d+\/opsplitsen-rgbz\.pdf#page=1$/.test(href), `the hit links ${href}`);
    const pdfTab = await s.newPage();
    await s.goto(pdfTab, '/search?q=sprintreview');
    const [response] = await Promise.all([pdfTab.waitForNavigation({ waitUntil: 'commit' }),
      pdfTab.locator(`.hitlist li h3 a[href="${href}"]`).click()]);
    expect(response && response.ok() && response.headers()['content-type'] === 'application/pdf',
      `the hit's title did not open the PDF (${pdfTab.url()})`);
    await pdfTab.close();
    // The file's text page, linked from the page's file list, shows the word.
    await Promise.all([page.waitForNavigation(), pageLink.click()]);
    const textLink = page.locator('.filelist li', { hasText: 'opsplitsen-rgbz.pdf' })
      .locator('a[href^="/f/"]').last();
    await Promise.all([page.waitForNavigation(), textLink.click()]);
    expect(/^\/f\/\d+$/.test(new URL(page.url()).pathname), `the text link led to ${page.url()}`);
    expect((await page.textContent('main')).includes('Sprintreview'),
      'the file page does not show the word searched for');
  },
};
