// axe-core on the main pages, in Dutch and English and in the dark theme: no violation of
// impact serious or critical, and nothing wider than a 360 px phone. Screenshots of each at
// desktop and phone width go to the output folder for review.
'use strict';
const { expect } = require('../lib');

// [screenshot name, path, context]: the login form as a visitor, the rest as the member.
const PAGES = [
  ['home', '/', 'member'],
  ['page', '/p/kennisbeheer', 'member'],
  ['search', '/search?q=vergaderingen', 'member'],
  ['edit', '/p/kennisbeheer/edit', 'member'],
  ['login', '/login', 'anonymous'],
  ['orgs', '/orgs', 'member'],
  ['app', '/a/recreatex', 'member'],
];

module.exports = {
  name: 'accessibility (axe-core) and screenshots of the main pages',
  async run(s) {
    const problems = [];
    // Both languages in the light theme, and Dutch in the dark one (prefers-color-scheme).
    for (const [lang, scheme] of [['nl', 'light'], ['en', 'light'], ['nl', 'dark']]) {
      for (const [name, urlPath, context] of PAGES) {
        const page = await s.newPage(context);
        await page.emulateMedia({ colorScheme: scheme });
        await s.goto(page, urlPath + (urlPath.includes('?') ? '&' : '?') + 'lang=' + lang);
        for (const v of await s.seriousViolations(page)) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
          const what = `[${v.impact}] ${v.id}: ${v.help} (${where})`;
          problems.push(`${lang} ${scheme} ${urlPath}: ${what}`);
        }
        const overflowing = await s.screenshots(page,
          `${name}-${lang}${scheme === 'dark' ? '-dark' : ''}`);
        if (overflowing.length) {
          problems.push(`${lang} ${scheme} ${urlPath}: wider than a 360 px phone: ` +
            overflowing.slice(0, 5).join(', '));
        }
        await page.close();
      }
    }
    // Leave both contexts in Dutch for scenarios added after this one.
    for (const context of ['member', 'anonymous']) {
      const page = await s.newPage(context);
      await s.goto(page, '/?lang=nl');
      await page.close();
    }
    expect(problems.length === 0, 'accessibility problems:\n  ' + problems.join('\n  '));
  },
};
