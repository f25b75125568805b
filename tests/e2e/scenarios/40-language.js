// The language link in the header switches the UI to English; the choice is remembered (the
// `lang` cookie) on the next page, and switching back restores Dutch.
'use strict';
const { expect } = require('../lib');

async function topicsLabel(page) {
  return (await page.textContent('header.site nav a[href="/topics"]')).trim();
}

module.exports = {
  name: 'switch the language with the header link',
  async run(s) {
    const page = s.page;
    await s.goto(page, s.testPage);
    expect(await page.getAttribute('html', 'lang') === 'nl', 'the UI does not start in Dutch');
    expect(await topicsLabel(page) === "Thema's", 'the Dutch header does not say "Thema\'s"');
    await Promise.all([page.waitForNavigation(), page.click('header.site li.lang a[hreflang=en]')]);
    expect(await page.getAttribute('html', 'lang') === 'en', 'the switch did not give English');
    expect(await topicsLabel(page) === 'Topics', 'the English header does not say "Topics"');
    // Remembered: a plain link (no ?lang=) still shows English.
    await Promise.all([page.waitForNavigation(),
      page.click('header.site nav a[href="/meetings"]')]);
    expect(await page.getAttribute('html', 'lang') === 'en', 'English was not remembered');
    expect(await topicsLabel(page) === 'Topics', 'after navigating the header is not English');
    await Promise.all([page.waitForNavigation(), page.click('header.site li.lang a[hreflang=nl]')]);
    await s.goto(page, '/');
    expect(await topicsLabel(page) === "Thema's", 'switching back did not restore Dutch');
  },
};
