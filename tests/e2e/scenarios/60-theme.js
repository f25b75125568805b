// The theme switch in the header: its links (?theme=light|dark|auto) set <html data-theme> and
// the palette, the choice is remembered on the next page (the `theme` cookie), and `auto`
// follows the browser's colour scheme. Screenshots of the test page and the editor in both
// themes. Leaves the member on `auto` in a light browser, as 90-accessibility expects.
'use strict';
const { expect } = require('../lib');

// The page background of each palette (style.css).
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(21, 25, 29)' };

async function shows(page, theme, palette, where) {
  expect(await page.getAttribute('html', 'data-theme') === theme,
    `${where}: <html data-theme> is not "${theme}"`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background === BACKGROUND[palette],
    `${where}: the page is ${background}, not the ${palette} palette`);
  const current = page.locator('header.site .themes a[aria-current="true"]');
  expect(await current.count() === 1 &&
    await current.getAttribute('href') === `?theme=${theme}`,
  `${where}: the switch does not mark "${theme}" as the current theme`);
}

async function choose(page, theme) {
  await Promise.all([page.waitForNavigation(),
    page.click(`header.site .themes a[href="?theme=${theme}"]`)]);
}

async function follow(page, href) {
  await Promise.all([page.waitForNavigation(), page.click(`header.site nav a[href="${href}"]`)]);
}

module.exports = {
  name: 'switch the theme with the header links, remembered, automatic follows the browser',
  async run(s) {
    const page = s.page;
    await page.emulateMedia({ colorScheme: 'light' });
    try {
      await s.goto(page, s.testPage);
      await choose(page, 'dark');
      await shows(page, 'dark', 'dark', 'after choosing dark');
      await s.screenshots(page, 'theme-page-dark');
      await follow(page, '/topics');
      await shows(page, 'dark', 'dark', 'dark, one link further');
      await s.goto(page, s.testPage + '/edit');
      await shows(page, 'dark', 'dark', 'dark, in the editor');
      await s.screenshots(page, 'theme-edit-dark');

      await choose(page, 'light');
      await shows(page, 'light', 'light', 'after choosing light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await follow(page, '/meetings');
      await shows(page, 'light', 'light', 'light in a dark browser, one link further');
      await s.goto(page, s.testPage);
      await s.screenshots(page, 'theme-page-light');

      await choose(page, 'auto');
      await shows(page, 'auto', 'dark', 'automatic in a dark browser');
      await follow(page, '/recent');
      await shows(page, 'auto', 'dark', 'automatic, one link further');
      await page.emulateMedia({ colorScheme: 'light' });
      await shows(page, 'auto', 'light', 'automatic after the browser turned light');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await s.goto(page, '/?theme=auto');
    }
  },
};
