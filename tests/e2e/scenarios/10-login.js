// Logging in through the form: the header then names the member and offers the new-page link.
'use strict';
const { expect } = require('../lib');

module.exports = {
  name: 'log in through the form',
  async run(s) {
    const page = await s.newPage();
    await s.login(page);
    const nav = page.locator('header.site nav');
    expect(await nav.locator('a[href="/account"]').count() === 1,
      'after logging in the header does not link the account');
    expect(await nav.locator('a[href="/new"]').count() === 1,
      'after logging in the header does not offer a new page');
    s.page = page;  // the member's tab, used by the scenarios that follow
  },
};
