// A new page through the /new form, with a [[wiki link]] that leads to the linked page.
'use strict';
const { expect } = require('../lib');

module.exports = {
  name: 'create a page with a wiki link',
  async run(s) {
    const page = s.page;
    await s.goto(page, '/new');
    await page.fill('#title', 'E2E-testpagina');
    await page.fill('#body', 'Zie ook [[Kennisbeheer]] voor de afspraken.');
    await page.fill('#comment', 'end-to-end test');
    await Promise.all([page.waitForNavigation(), page.click('form.editor button.primary')]);
    s.testPage = new URL(page.url()).pathname;
    expect(s.testPage.startsWith('/p/'), `saving led to ${page.url()}, not to the page`);
    expect((await page.textContent('article.page h1')).trim() === 'E2E-testpagina',
      'the new page does not show its title');
    const link = page.locator('article.page .body a.wikilink', { hasText: 'Kennisbeheer' });
    expect(await link.getAttribute('href') === '/p/kennisbeheer',
      'the wiki link does not point to /p/kennisbeheer');
    await Promise.all([page.waitForNavigation(), link.click()]);
    expect((await page.textContent('article.page h1')).trim() === 'Kennisbeheer',
      'following the wiki link did not open Kennisbeheer');
  },
};
