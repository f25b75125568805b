// Logging out removes the editor's drafts (kring-draft:*) from this browser, so the next person
// at a shared computer does not find them, and leaves other sites' storage alone. Logs the
// member back in for scenarios added after this one.
'use strict';
const { expect, poll } = require('../lib');

const drafts = (page) => page.evaluate(() =>
  Object.keys(localStorage).filter((key) => key.startsWith('kring-draft:')));

module.exports = {
  name: 'logging out forgets the drafts kept in this browser',
  async run(s) {
    const page = s.page;
    await s.goto(page, s.testPage + '/edit');
    await page.focus('#body');
    await page.keyboard.type(' Nog niet bewaard.');
    await poll(10, async () => (await drafts(page)).length > 0,
      'typing in the editor kept no draft');
    await page.evaluate(() => {
      localStorage.setItem('kring-draft:new', '{"body":"Een nieuwe pagina"}');
      localStorage.setItem('other-setting', 'kept');
    });
    await Promise.all([page.waitForNavigation(), page.click('header.site form.logout button')]);
    expect(await page.locator('header.site form.logout').count() === 0, 'still logged in');
    const left = await drafts(page);
    expect(left.length === 0, 'drafts left after logging out: ' + left.join(', '));
    expect(await page.evaluate(() => localStorage.getItem('other-setting')) === 'kept',
      'logging out removed more than the drafts');
    await page.evaluate(() => localStorage.removeItem('other-setting'));
    await s.login(page);
  },
};
