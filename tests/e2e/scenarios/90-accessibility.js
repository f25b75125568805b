// axe-core on the main pages, in Dutch and English, light and dark: no violation of impact
// serious or critical, and nothing wider than a 360 px phone. Screenshots of each at desktop and
// phone width go to the output folder for review. Dark comes both ways: the automatic theme in a
// dark browser (prefers-color-scheme), and the switch's ?theme=dark in a light one.
'use strict';
const { expect } = require('../lib');

// [screenshot name, path, context]: the login form as a visitor, the rest as the member.
const PAGES = [
  ['home', '/', 'member'],
  ['page', '/p/kennisbeheer', 'member'],
  ['search', '/search?q=vergaderingen', 'member'],
  ['edit', '/p/kennisbeheer/edit', 'member'],
  ['new', '/new', 'member'],
  ['login', '/login', 'anonymous'],
  ['orgs', '/orgs', 'member'],
  ['app', '/a/recreatex', 'member'],
];

module.exports = {
  name: 'accessibility (axe-core) and screenshots of the main pages',
  async run(s) {
    const problems = [];
    // [language, the browser's colour scheme, the theme chosen]; the last one is remembered in
    // a cookie, so it comes last and is undone below.
    for (const [lang, scheme, theme] of [['nl', 'light', 'auto'], ['en', 'light', 'auto'],
      ['nl', 'dark', 'auto'], ['en', 'light', 'dark']]) {
      const dark = scheme === 'dark' || theme === 'dark';
      const label = `${lang} ${dark ? 'dark' : 'light'}`;
      // The page the scenarios wrote, with its tables, links and files.
      for (const [name, urlPath, context] of [...PAGES, ['testpage', s.testPage, 'member']]) {
        const page = await s.newPage(context);
        await page.emulateMedia({ colorScheme: scheme });
        await s.goto(page, urlPath + (urlPath.includes('?') ? '&' : '?') +
          `lang=${lang}&theme=${theme}`);
        for (const v of await s.seriousViolations(page)) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
          const what = `[${v.impact}] ${v.id}: ${v.help} (${where})`;
          problems.push(`${label} ${urlPath}: ${what}`);
        }
        const overflowing = await s.screenshots(page, `${name}-${lang}${dark ? '-dark' : ''}`);
        if (overflowing.length) {
          problems.push(`${label} ${urlPath}: wider than a 360 px phone: ` +
            overflowing.slice(0, 5).join(', '));
        }
        await page.close();
      }
    }
    // Leave both contexts in Dutch and the automatic theme for the scenarios after this one.
    for (const context of ['member', 'anonymous']) {
      const page = await s.newPage(context);
      await s.goto(page, '/?lang=nl&theme=auto');
      await page.close();
    }
    expect(problems.length === 0, 'accessibility problems:\n  ' + problems.join('\n  '));
  },
};
