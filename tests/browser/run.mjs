// Browser tests of ngoaivu: a real (headless) Chromium drives the pages the way a user
// does — labels, buttons, links — against a fresh server with the demo data set.
//   NGOAIVU_BIN=build/ngoaivu node tests/browser/run.mjs
// Prints "ok   name" or "FAIL name" (+ detail lines indented by 4 spaces) per test and ends
// with "N passed, N failed"; exits non-zero on any failure. Full-page screenshots go to
// build/screenshots/ for a person to look at.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import {
  assert, eq, viCompare, clickAndWait, texts, text, fieldOf, consoleWatch,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SHOTS = fileURLToPath(new URL('../../build/screenshots', import.meta.url));
const DEADLINE_MS = 240_000;
const started = Date.now();
let passed = 0, failed = 0;

function report(name, err) {
  if (!err) {
    passed++;
    console.log(`ok   ${name}`);
    return;
  }
  failed++;
  console.log(`FAIL ${name}`);
  const lines = String(err && err.message ? err.message : err).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  // Playwright's messages carry a call log; keep it short
  for (const l of lines.slice(0, 12)) if (l.trim()) console.log(`    ${l.trim()}`);
}

function finish(code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

// a hung browser or server must still end with the summary line
const watchdog = setTimeout(() => {
  report('suite finished in time', `still running after ${DEADLINE_MS / 1000} s; stopped`);
  finish(1);
}, DEADLINE_MS);
watchdog.unref();

let server, browser;
try {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
} catch (e) {
  report('start server and browser', e);
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop().catch(() => {});
  finish(1);
}

const base = server.base;
const watch = consoleWatch();
const shot = (page, name) => page.screenshot({ path: join(SHOTS, name), fullPage: true });

async function newContext(opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  ctx.setDefaultTimeout(5000);
  ctx.setDefaultNavigationTimeout(10000);
  await watch.attach(ctx);
  return ctx;
}

// The demo names are in Lao, Khmer, Thai and Korean. The pages bring no fonts (the CSP has
// no font-src), so the screenshots show those scripts only if this machine has a font for
// them; say so when it has not, for whoever looks at the screenshots.
function fontNotes() {
  const scripts = { Lao: '0e9a', Khmer: '1780', Thai: '0e01', Korean: 'ac00' };
  const missing = [];
  try {
    for (const [name, cp] of Object.entries(scripts))
      if (!execFileSync('fc-list', [`:charset=${cp}`, 'family'], { encoding: 'utf8' }).trim()) missing.push(name);
  } catch {
    return [];
  }
  return missing.length
    ? [`no installed font covers ${missing.join(', ')}: those names show as empty boxes in the screenshots`]
    : [];
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// state shared by the tests that follow one record through its life
const S = {};

const ERR_BAD_LOGIN = 'Sai tên đăng nhập hoặc mật khẩu.';
const NEW_NAME = 'Tỉnh Savannakhet Thử';
const OLD_EN = 'Savannakhet Province (test)';
const NEW_EN = 'Savannakhet Province (edited)';
const NOTES = 'Đối tác thử nghiệm do kiểm thử trình duyệt tạo ra.';

async function fillLogin(page, user, password) {
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  return clickAndWait(page, page.getByRole('button', { name: 'Đăng nhập', exact: true }));
}

const path = (page) => new URL(page.url()).pathname;
const rows = (page) => page.locator('main table.list tbody tr');
const historyRows = (page) => page.locator('section.history tbody tr');
// the select inside a filter label (the label's text also holds the option texts)
const labelled = (form, name) => form.locator('label').filter({ hasText: new RegExp(`^\\s*${name}`) }).locator('select');

// ---------------------------------------------------------------------------------------

test('wrong password shows the error on the login page', async () => {
  const page = await S.anon.newPage();
  await page.goto(`${base}/login`);
  eq(await text(page.locator('main h1')), 'Đăng nhập', 'login heading');
  await shot(page, 'login.png');
  await fillLogin(page, server.user, `${server.password}-sai`);
  eq(path(page), '/login', 'still on the login page');
  eq(await text(page.locator('main .error')), ERR_BAD_LOGIN, 'error message');
  eq(await page.getByLabel('Tên đăng nhập').inputValue(), server.user, 'user name kept');
  eq(await page.getByLabel('Mật khẩu').inputValue(), '', 'password not echoed');
  assert(!(await page.getByRole('link', { name: 'Tổng quan' }).count()), 'menu shown to a visitor who is not logged in');
  await page.close();
});

test('log in through the form and see the dashboard with its figures', async () => {
  const page = await S.main.newPage();
  S.page = page;
  await page.goto(`${base}/`);
  eq(path(page), '/login', 'a visitor is sent to the login page');
  await fillLogin(page, server.user, server.password);
  eq(path(page), '/', 'lands on the first page');
  eq(await text(page.locator('main h1')), 'Tổng quan', 'heading');
  const card = (label) => page.locator('main .card').filter({ hasText: label });
  // the demo data, placed around today: 3 overdue commitments, 3 late reports, 2 trips soon
  eq(await text(card('Cam kết quá hạn').locator('.num')), '3', 'overdue commitments');
  eq(await text(card('Đoàn chậm báo cáo kết quả').locator('.num')), '3', 'late delegation reports');
  eq(await text(card('Đoàn trong 30 ngày tới').locator('.num')), '2', 'delegations in the next 30 days');
  const user = await text(page.locator('header .user'));
  assert(user.includes('Đăng nhập:') && user.includes('Quản trị') && user.includes('Đăng xuất'),
    `top bar does not show who is signed in: "${user}"`);
  assert(await page.getByRole('link', { name: 'Tổng quan' }).first().isVisible(), 'menu link "Tổng quan" not visible');
  await shot(page, 'overview.png');
  // a figure opens the list it counts
  await clickAndWait(page, card('Cam kết quá hạn'));
  eq(path(page), '/commitments', 'overdue figure opens the commitments list');
  eq(await page.locator('main table.list tbody tr').count(), 3, 'rows behind the overdue figure');
  await page.goto(`${base}/`);
});

test('switch the interface to English and back', async () => {
  const page = S.page;
  await page.goto(`${base}/`);
  await clickAndWait(page, page.locator('header').getByRole('link', { name: 'English', exact: true }));
  eq(path(page), '/', 'stays on the same page');
  eq(await text(page.locator('main h1')), 'Overview', 'heading in English');
  eq(await page.locator('html').getAttribute('lang'), 'en', '<html lang>');
  const nav = page.locator('header nav');
  assert(await nav.getByRole('link', { name: 'Partners', exact: true }).isVisible(), 'menu has no "Partners"');
  assert(await nav.getByRole('link', { name: 'Contacts', exact: true }).isVisible(), 'menu has no "Contacts"');
  await clickAndWait(page, nav.getByRole('link', { name: 'Partners', exact: true }));
  eq(await text(page.locator('main h1')), 'Partners', 'list heading in English');
  const heads = await texts(page.locator('main table.list thead th'));
  assert(heads.includes('Name in Vietnamese') && heads.includes('Country'), `column heads not English: ${heads.join(' | ')}`);
  await shot(page, 'partners-list-en.png');
  await clickAndWait(page, page.locator('header').getByRole('link', { name: 'Tiếng Việt', exact: true }));
  eq(path(page), '/partners', 'back on the same page');
  eq(await text(page.locator('main h1')), 'Đối tác', 'heading in Vietnamese again');
  eq(await page.locator('html').getAttribute('lang'), 'vi', '<html lang>');
  assert(await page.locator('header nav').getByRole('link', { name: 'Tổng quan', exact: true }).isVisible(), 'menu not Vietnamese again');
});

test('switching language keeps the search results (the query of the page)', async () => {
  const page = S.page;
  await page.goto(`${base}/search?q=attapeu`);
  const before = await texts(page.locator('main ul.results li a'));
  assert(before.length > 0, 'no results for "attapeu" to begin with');
  await clickAndWait(page, page.locator('header').getByRole('link', { name: 'English', exact: true }));
  const after = await texts(page.locator('main ul.results li a'));
  const q = await page.getByRole('searchbox', { name: 'Search' }).inputValue();
  // switch back whatever happened, so the next tests see Vietnamese
  await page.context().addCookies([{ name: 'lang', value: 'vi', url: base }]);
  eq(await text(page.locator('main h1')), 'Search results: “attapeu”', 'heading after the switch');
  assert(after.length === before.length && q === 'attapeu',
    `after switching to English the page shows ${after.length} results (before: ${before.length}) and the search box holds "${q}"; ` +
    `expected the same results for "attapeu" (URL after the switch: ${page.url().replace(base, '')})`);
});

test('create a partner: errors shown by the field, then saved with history', async () => {
  const page = S.page;
  await page.goto(`${base}/partners`);
  await clickAndWait(page, page.getByRole('link', { name: 'Thêm mới', exact: true }));
  eq(path(page), '/partners/new', 'the "Thêm mới" button opens the form');
  eq(await text(page.locator('main h1')), 'Thêm mới: Đối tác', 'form heading');
  const form = page.locator('main form.record');
  await form.getByLabel('Loại đối tác').selectOption({ label: 'Địa phương nước ngoài' });
  await form.getByLabel('Tên tiếng Anh').fill(OLD_EN);
  await form.getByLabel('Quốc gia').selectOption({ label: 'Lào (LA)' });
  // a province is chosen by its name (the list groups them by partner country)
  await form.getByLabel('Tỉnh/bang').selectOption({ label: 'Xa-van-na-khệt' });
  await form.getByLabel('Ghi chú').fill(NOTES);
  const resp = await clickAndWait(page, form.getByRole('button', { name: 'Lưu', exact: true }));
  await shot(page, 'partner-form-errors.png');
  assert(resp && resp.status() === 422, `form with an error answered ${resp && resp.status()}, expected 422`);
  eq(await text(page.locator('main p.error')), 'Dữ liệu chưa hợp lệ, xem các trường được đánh dấu.', 'form-level message');
  const nameField = fieldOf(form.getByLabel('Tên tiếng Việt'));
  eq(await text(nameField.locator('.ferr')), 'Bắt buộc nhập.', 'error inside the Vietnamese-name field');
  assert(/\binvalid\b/.test(await nameField.getAttribute('class')), 'the Vietnamese-name field is not marked invalid');
  const allErrs = await texts(form.locator('.ferr'));
  eq(allErrs.length, 1, `number of field errors (${allErrs.join(' | ')})`);
  const f = page.locator('main form.record');
  eq(await f.getByLabel('Loại đối tác').inputValue(), 'locality', 'kind kept');
  eq(await f.getByLabel('Tên tiếng Anh').inputValue(), OLD_EN, 'English name kept');
  eq(await f.getByLabel('Quốc gia').inputValue(), 'LA', 'country kept');
  eq(await f.getByLabel('Tỉnh/bang').inputValue(), 'LA-SV', 'subdivision kept');
  eq(await f.getByLabel('Ghi chú').inputValue(), NOTES, 'notes kept');

  await f.getByLabel('Tên tiếng Việt').fill(NEW_NAME);
  await clickAndWait(page, f.getByRole('button', { name: 'Lưu', exact: true }));
  assert(/^\/partners\/\d+$/.test(path(page)), `after saving the page is ${page.url()}, expected the detail page`);
  S.partnerPath = path(page);
  eq(await text(page.locator('main .notice')), 'Đã lưu.', 'saved notice');
  eq(await text(page.locator('main h1')), NEW_NAME, 'detail heading');
  const dd = (label) => page.locator('main dl.record dt').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  eq(await text(dd('Tên tiếng Anh')), OLD_EN, 'English name shown');
  assert((await text(dd('Quốc gia'))).includes('Lào'), 'country not shown as "Lào"');
  assert((await text(dd('Tỉnh/bang'))).includes('LA-SV'), 'subdivision code not shown');
  eq(await text(dd('Ghi chú')), NOTES, 'notes shown');
  eq(await historyRows(page).count(), 1, 'history entries');
  eq(await text(historyRows(page).first().locator('td[data-label="Thao tác"]')), 'Tạo mới', 'history action');
});

test('find the partner with the top-bar search, typed without diacritics', async () => {
  const page = S.page;
  assert(S.partnerPath, 'needs the partner created by the previous test');
  await page.goto(`${base}/`);
  const box = page.locator('header').getByRole('searchbox', { name: 'Tìm kiếm' });
  await box.fill('savannakhet thu');
  await Promise.all([page.waitForNavigation(), box.press('Enter')]);
  eq(path(page), '/search', 'search page');
  eq(await text(page.locator('main h1')), 'Kết quả tìm kiếm: “savannakhet thu”', 'heading');
  eq(await box.inputValue(), 'savannakhet thu', 'search box keeps the words');
  const hit = page.locator('main ul.results li').filter({ hasText: NEW_NAME });
  eq(await hit.count(), 1, `results holding "${NEW_NAME}" (results: ${(await texts(page.locator('main ul.results li'))).join(' | ')})`);
  eq(await text(hit.locator('small')), 'Đối tác', 'record type shown with the hit');
  await clickAndWait(page, hit.getByRole('link', { name: NEW_NAME }));
  eq(path(page), S.partnerPath, 'the hit opens the partner');
  eq(await text(page.locator('main h1')), NEW_NAME, 'detail heading');
});

test('edit the partner: history shows "Cập nhật" with old and new value', async () => {
  const page = S.page;
  assert(S.partnerPath, 'needs the partner created before');
  await page.goto(`${base}${S.partnerPath}`);
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Sửa', exact: true }));
  eq(path(page), `${S.partnerPath}/edit`, 'edit form');
  eq(await text(page.locator('main h1')), `Sửa: ${NEW_NAME}`, 'form heading');
  const f = page.locator('main form.record');
  eq(await f.getByLabel('Tên tiếng Anh').inputValue(), OLD_EN, 'form shows the current English name');
  await f.getByLabel('Tên tiếng Anh').fill(NEW_EN);
  await clickAndWait(page, f.getByRole('button', { name: 'Lưu', exact: true }));
  eq(path(page), S.partnerPath, 'back on the detail page');
  eq(await text(page.locator('main .notice')), 'Đã lưu.', 'saved notice');
  eq(await historyRows(page).count(), 2, 'history entries');
  const actions = await texts(historyRows(page).locator('td[data-label="Thao tác"]'));
  eq(actions.join(', '), 'Cập nhật, Tạo mới', 'history actions, newest first');
  const changes = historyRows(page).first().locator('ul.changes li');
  eq(await changes.count(), 1, `changed fields listed (${(await texts(changes)).join(' | ')})`);
  eq(await text(changes.locator('b')), 'Tên tiếng Anh', 'changed field label');
  eq(await text(changes.locator('del')), OLD_EN, 'old value');
  eq(await text(changes.locator('ins')), NEW_EN, 'new value');
});

test('partner list: filter by country Campuchia, sort by Vietnamese name', async () => {
  const page = S.page;
  await page.goto(`${base}/`);
  await clickAndWait(page, page.locator('header nav').getByRole('link', { name: 'Đối tác', exact: true }));
  eq(path(page), '/partners', 'menu opens the list');
  await shot(page, 'partners-list.png');
  const all = await rows(page).count();
  eq(all, 22, 'rows in the whole list (21 demo partners + 1 created)');
  const filters = page.locator('main form.filters');
  await labelled(filters, 'Quốc gia').selectOption({ label: 'Campuchia (KH)' });
  await clickAndWait(page, filters.getByRole('button', { name: 'Lọc', exact: true }));
  const countries = await texts(rows(page).locator('td[data-label="Quốc gia"]'));
  const names = await texts(rows(page).locator('td[data-label="Tên tiếng Việt"]'));
  eq(names.slice().sort().join(' | '),
    ['Tỉnh Ratanakiri', 'Tỉnh Stung Treng', 'Đại sứ quán Campuchia tại Việt Nam'].sort().join(' | '),
    'Cambodian partners listed');
  assert(countries.every((c) => c.includes('Campuchia')), `a row of another country: ${countries.join(' | ')}`);
  eq(await labelled(page.locator('main form.filters'), 'Quốc gia').inputValue(), 'KH', 'filter keeps Campuchia chosen');
  eq(await text(page.locator('main p.count')), 'Hiển thị 3 trên tổng số 3', 'count line');

  await clickAndWait(page, page.locator('main form.filters').getByRole('link', { name: 'Bỏ lọc' }));
  eq(await rows(page).count(), all, 'clearing the filter shows every partner again');
  await labelled(page.locator('main form.filters'), 'Sắp xếp').selectOption({ label: 'Tên tiếng Việt ↑' });
  await clickAndWait(page, page.locator('main form.filters').getByRole('button', { name: 'Lọc', exact: true }));
  const sorted = await texts(rows(page).locator('td[data-label="Tên tiếng Việt"]'));
  eq(sorted.length, all, 'rows when sorted');
  const expect = sorted.slice().sort(viCompare);
  eq(sorted.join(' | '), expect.join(' | '), 'names in Vietnamese alphabetical order (Công before Cơ, Đ after D)');
  await labelled(page.locator('main form.filters'), 'Sắp xếp').selectOption({ label: 'Tên tiếng Việt ↓' });
  await clickAndWait(page, page.locator('main form.filters').getByRole('button', { name: 'Lọc', exact: true }));
  const desc = await texts(rows(page).locator('td[data-label="Tên tiếng Việt"]'));
  eq(desc.join(' | '), expect.slice().reverse().join(' | '), 'names in reverse order with "↓"');
});

const PHONE = { width: 390, height: 844 };
const DELETED = 'Công ty Cổ phần Cảng cạn Bờ Y (ví dụ)'; // a demo partner nothing refers to
const IN_USE = 'Tổ chức Tầm nhìn Thế giới'; // named by demo delegations
test('a refused delete names the records that refer to the partner', async () => {
  const page = S.page;
  await page.goto(`${base}/partners`);
  await clickAndWait(page, rows(page).getByRole('link', { name: IN_USE, exact: true }));
  const detail = path(page);
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Xoá', exact: true }));
  const resp = await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Xoá', exact: true }));
  eq(resp && resp.status(), 409, 'status of the refused delete');
  assert((await text(page.locator('main .error'))).startsWith('Không xoá được'), 'the refusal is said');
  const links = page.locator('main ul.in-use a');
  assert(await links.count() > 0, 'no record that refers to it is named');
  await shot(page, 'delete-refused.png');
  await clickAndWait(page, links.first());
  assert(/^\/[a-z]+\/\d+$/.test(path(page)), `the link opens a record: ${page.url()}`);
  await page.goto(`${base}${detail}`);
  eq(await text(page.locator('main h1')), IN_USE, 'the partner is still there');
});

test('delete a partner through the confirmation page; it is gone from the list', async () => {
  const page = S.page;
  await page.goto(`${base}/partners`);
  const before = await rows(page).count();
  await clickAndWait(page, rows(page).getByRole('link', { name: DELETED, exact: true }));
  const detail = path(page);
  await clickAndWait(page, page.locator('main').getByRole('link', { name: 'Xoá', exact: true }));
  eq(path(page), `${detail}/delete`, 'confirmation page');
  eq(await text(page.locator('main h1')), `Xoá: ${DELETED}`, 'confirmation heading');
  eq(await text(page.locator('main .warning')),
    'Xoá bản ghi này? Thao tác được ghi vào lịch sử nhưng không thể hoàn tác trên giao diện.', 'warning');
  await clickAndWait(page, page.locator('main').getByRole('button', { name: 'Xoá', exact: true }));
  eq(path(page), '/partners', 'back on the list');
  S.afterDelete = page.url();
  const names = await texts(rows(page).locator('td[data-label="Tên tiếng Việt"]'));
  assert(!names.includes(DELETED), `"${DELETED}" still listed`);
  eq(names.length, before - 1, 'rows after the deletion');
  const gone = await page.goto(`${base}${detail}`);
  eq(gone.status(), 404, 'status of the deleted record\'s page');
  eq(await text(page.locator('main p.error')), 'Không tìm thấy.', 'deleted record\'s page says');
});

test('after deleting, the list confirms "Đã xoá."', async () => {
  const page = S.page;
  assert(S.afterDelete, 'needs the deletion of the previous test');
  await page.goto(S.afterDelete);
  const notice = await page.locator('main .notice').count() ? await text(page.locator('main .notice')) : '(no notice)';
  eq(notice, 'Đã xoá.', 'notice on the list after a deletion (the catalogue has M_DELETED for it)');
});

test('a demo partner\'s detail shows its Lao name; print preview', async () => {
  const page = S.page;
  await page.goto(`${base}/partners`);
  await clickAndWait(page, rows(page).getByRole('link', { name: 'Tỉnh Attapeu', exact: true }));
  eq(await text(page.locator('main h1')), 'Tỉnh Attapeu', 'heading');
  const dd = (label) => page.locator('main dl.record dt').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  eq(await text(dd('Tên tiếng bản địa')), 'ແຂວງອັດຕະປື', 'Lao name');
  assert((await text(dd('Tỉnh/bang'))).endsWith('(LA-AT)'), 'subdivision LA-AT not shown');
  await shot(page, 'partner-detail.png');
  await page.emulateMedia({ media: 'print' });
  try {
    await shot(page, 'partner-detail-print.png');
    assert(!(await page.locator('header nav').isVisible()), 'menu printed');
    for (const a of await page.locator('main .actions').all()) /* the record's, its lists' */
      assert(!(await a.isVisible()), 'Sửa/Xoá or Thêm mới buttons printed');
    assert(await page.locator('main dl.record').isVisible(), 'record not printed');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

test('contacts list shows the demo contacts with their partners', async () => {
  const page = S.page;
  await page.goto(`${base}/`);
  await clickAndWait(page, page.locator('header nav').getByRole('link', { name: 'Người liên hệ', exact: true }));
  eq(await text(page.locator('main h1')), 'Người liên hệ', 'heading');
  const names = await texts(rows(page).locator('td[data-label="Họ và tên"]'));
  eq(names.length, 5, `contacts listed (${names.join(' | ')})`);
  const sok = rows(page).filter({ hasText: 'Sok Dara' });
  eq(await text(sok.locator('td[data-label="Đối tác"]')), 'Tỉnh Ratanakiri', 'partner of Sok Dara');
  await shot(page, 'contacts-list.png');
  await clickAndWait(page, sok.getByRole('link', { name: 'Sok Dara', exact: true }));
  eq(await text(page.locator('main h1')), 'Sok Dara', 'contact heading');
  const dd = (label) => page.locator('main dl.record dt').filter({ hasText: label }).locator('xpath=following-sibling::dd[1]');
  eq(await text(dd('Tên tiếng bản địa')), 'សុខ ដារា', 'Khmer name');
  eq(await text(dd('Ngôn ngữ')), 'Tiếng Anh, Tiếng Khmer', 'languages (in the order of the list of languages)');
  await shot(page, 'contact-detail-km.png');
  await page.goto(`${base}/search?q=attapeu`);
  await shot(page, 'search-results.png');
});

test('phone-sized viewport: the partner list has no horizontal scroll', async () => {
  const ctx = await newContext({ viewport: PHONE, storageState: await S.main.storageState(), isMobile: true, hasTouch: true });
  try {
    const page = await ctx.newPage();
    await page.goto(`${base}/partners`);
    eq(await text(page.locator('main h1')), 'Đối tác', 'heading');
    await shot(page, 'partners-list-phone.png');
    // A phone browser widens its layout viewport to fit content that is too wide, so
    // window.innerWidth alone would hide an overflow: compare with the screen's 390 px too.
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > w + 1))
      .slice(0, 4).map((el) => {
        const r = el.getBoundingClientRect();
        const lab = el.closest('label');
        return `<${el.tagName.toLowerCase()}${el.name ? ` name="${el.name}"` : ''}${el.className ? ` class="${el.className}"` : ''}>` +
          `${lab ? ` in label "${lab.firstChild.textContent.trim()}"` : ''} ${Math.round(r.width)}px wide, right edge at ${Math.round(r.right)}px`;
      }), PHONE.width);
    assert(m.sw <= PHONE.width + 1 && m.iw <= PHONE.width + 1,
      `page is ${m.sw}px wide (window ${m.iw}px) on a ${PHONE.width}px screen` +
      (wide.length ? `\nwider than the screen: ${wide.join('; ')}` : ''));
  } finally {
    await ctx.close();
  }
});

test('a delegation from proposal to report: only the leader approves, the report closes it', async () => {
  const page = await S.main.newPage();
  await page.goto(`${base}/delegations/new`);
  await page.locator('#f-title').fill('Đoàn thử nghiệm trình duyệt sang tỉnh Attapeu');
  await page.locator('#f-direction').selectOption('outbound');
  await page.locator('#f-level').selectOption('department');
  await page.locator('#f-channel').selectOption('state');
  await page.locator('#f-country').selectOption('LA');
  await page.locator('#f-start_date').fill('2026-03-10');
  await page.locator('#f-end_date').fill('2026-03-12');
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu', exact: true }));
  assert(/^\/delegations\/\d+$/.test(path(page)), `not on the new delegation's page: ${page.url()}`);
  const url = page.url().replace(/\?.*/, '');
  const state = () => text(page.locator('.workflow .state'));
  eq(await state(), 'Đề xuất', 'state after creation');
  assert(!(await page.getByRole('button', { name: '→ Đã phê duyệt' }).count()), 'the admin is offered the approval');
  // the leader approves, in a session of their own
  const lctx = await newContext();
  const lp = await lctx.newPage();
  await lp.goto(`${base}/login`);
  await fillLogin(lp, server.leader, server.leaderPassword);
  await lp.goto(url);
  await lp.locator('form.steps input[name=note]').fill('Đồng ý chủ trương');
  await clickAndWait(lp, lp.getByRole('button', { name: '→ Đã phê duyệt' }));
  eq(await text(lp.locator('.workflow .state')), 'Đã phê duyệt', 'state after approval');
  await lctx.close();
  // the trip, its end, and the report that closes it
  await page.goto(url);
  await clickAndWait(page, page.getByRole('button', { name: '→ Đang thực hiện' }));
  // ending the trip and filing the report are confirmed on a page of their own
  await clickAndWait(page, page.getByRole('link', { name: '→ Đã kết thúc…' }));
  await clickAndWait(page, page.getByRole('button', { name: 'Xác nhận: → Đã kết thúc' }));
  eq(await state(), 'Đã kết thúc', 'state after the end');
  await clickAndWait(page, page.getByRole('link', { name: '→ Đã báo cáo…' }));
  // without a report the browser itself asks for one (the server refuses it too: e2e)
  assert(await page.locator('#f-report').evaluate((el) => el.required && !el.checkValidity()), 'the report is not asked for');
  await page.goto(`${url}/edit`);
  await page.locator('#f-report').fill('Hai bên ký kế hoạch hợp tác năm 2026.');
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu', exact: true }));
  eq(await state(), 'Đã kết thúc', 'an edit keeps the state');
  await clickAndWait(page, page.getByRole('link', { name: '→ Đã báo cáo…' }));
  eq(await page.locator('#f-report').inputValue(), 'Hai bên ký kế hoạch hợp tác năm 2026.', 'the step page shows the report');
  await clickAndWait(page, page.getByRole('button', { name: 'Xác nhận: → Đã báo cáo' }));
  eq(await state(), 'Đã báo cáo', 'state after the report');
  eq(await page.locator('.steps-log li').count(), 4, 'steps in the log');
  assert((await text(page.locator('.steps-log'))).includes('Đồng ý chủ trương'), 'the leader’s note is in the log');
  await shot(page, 'delegation-detail.png');
  await page.close();
});

test('screenshots: calendar, a commitment with its progress, an agreement with its status', async () => {
  const page = await S.main.newPage();
  await page.goto(`${base}/calendar`);
  assert(await page.locator('main h1').count(), 'calendar page has a heading');
  await shot(page, 'calendar.png');
  await page.goto(`${base}/commitments?status=open,in_progress`);
  await shot(page, 'commitments-list.png');
  await page.locator('main table.list tbody tr a').first().click();
  await page.waitForLoadState();
  assert(await page.locator('section.progress').count(), 'a commitment shows its progress section');
  await shot(page, 'commitment-detail.png');
  await page.goto(`${base}/agreements`);
  assert((await text(page.locator('main table.list'))).includes('Sắp hết hạn'), 'an expiring agreement is marked in the list');
  await shot(page, 'agreements-list.png');
  await page.close();
});

test('screenshots: a gate plan with its milestones and log, the trade charts (desktop, phone)', async () => {
  for (const [vp, suffix] of [[{ width: 1280, height: 900 }, ''], [PHONE, '-phone']]) {
    const ctx = await newContext({ viewport: vp, storageState: await S.main.storageState(), ...(suffix ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const page = await ctx.newPage();
      await page.goto(`${base}/gate_plans?schedule=behind`);
      await page.locator('main table.list tbody tr a').first().click();
      await page.waitForLoadState();
      assert(await page.locator('section.gate_milestones tbody tr').count(), 'the plan lists its milestones');
      assert(await page.locator('section.gate_milestones .badge.late').count(), 'a late one is marked');
      assert(await page.locator('section.gate_plan_updates tbody tr').count(), 'and its progress log');
      await shot(page, `gate-plan${suffix}.png`);
      if (suffix) await noSideScroll(page, 'gate plan');
      await page.goto(`${base}/trade`);
      const charts = page.locator('main figure.chart svg.bars');
      assert((await charts.count()) >= 3, 'charts by year and by month');
      assert(await page.locator('main svg g.bar.flagged').count(), 'flagged bars are drawn as such');
      const box = await charts.first().boundingBox();
      assert(box && box.width > 300 && box.height > 100, `the chart is drawn (${JSON.stringify(box)})`);
      await shot(page, `trade${suffix}.png`);
      if (suffix) await noSideScroll(page, 'trade page');
      else {
        await page.emulateMedia({ media: 'print' });
        assert(await charts.first().isVisible(), 'the chart prints');
        await shot(page, 'trade-print.png');
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await ctx.close();
    }
  }
});

test('screenshots: an incident with its action log, the border map (desktop, phone, print)', async () => {
  for (const [vp, suffix] of [[{ width: 1280, height: 900 }, ''], [PHONE, '-phone']]) {
    const ctx = await newContext({ viewport: vp, storageState: await S.main.storageState(), ...(suffix ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const page = await ctx.newPage();
      await page.goto(`${base}/incidents?status=joint`);
      await page.locator('main table.list tbody tr a').first().click();
      await page.waitForLoadState();
      assert(await page.locator('section.incident_actions tbody tr').count(), 'the incident lists its actions');
      assert((await text(page.locator('section.workflow'))).includes('Đang phối hợp xử lý'), 'its state');
      await shot(page, `incident${suffix}.png`);
      if (suffix) await noSideScroll(page, 'incident');
      await page.goto(`${base}/map`);
      const map = page.locator('main figure.map svg.svgmap');
      const box = await map.boundingBox();
      assert(box && box.width > 300 && box.height > 300, `the map is drawn (${JSON.stringify(box)})`);
      assert((await page.locator('main svg.svgmap g.pt-marker').count()) > 50, 'the markers on it');
      assert(await page.locator('main svg.svgmap g.pt-marker.flagged').count(), 'flagged markers marked');
      assert(await page.locator('main svg.svgmap g.pt-incident').count(), 'and incidents');
      assert(await page.locator('#layer-markers tbody tr.warn').count(), 'the flagged markers as text');
      await shot(page, `map${suffix}.png`);
      if (suffix) await noSideScroll(page, 'map page');
      else {
        await page.emulateMedia({ media: 'print' });
        assert(await map.isVisible(), 'the map prints');
        assert(!(await page.locator('form.map-filters').isVisible()), 'without its form');
        await shot(page, 'map-print.png');
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await ctx.close();
    }
  }
});

test('screenshots: the project pipeline, a project with its money and meetings, the scholarship ledger, the programme (desktop, phone, print)', async () => {
  for (const [vp, suffix] of [[{ width: 1280, height: 900 }, ''], [PHONE, '-phone']]) {
    const ctx = await newContext({ viewport: vp, storageState: await S.main.storageState(), ...(suffix ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const page = await ctx.newPage();
      await page.goto(`${base}/pipeline`);
      const stages = page.locator('main .pipeline section.stage');
      assert((await stages.count()) === 9, 'a column a stage');
      assert(await page.locator('main .pipeline li.warn').count(), 'a project past a deadline is marked in its column');
      const chart = page.locator('main figure.chart svg.bars');
      const box = await chart.boundingBox();
      assert(box && box.width > 280 && box.height > 100, `committed against disbursed is drawn (${JSON.stringify(box)})`);
      assert(await page.locator('main svg g.bar g.s2').count(), 'with the disbursed bars beside');
      await shot(page, `pipeline${suffix}.png`);
      if (suffix) await noSideScroll(page, 'pipeline');
      else {
        await page.emulateMedia({ media: 'print' });
        assert(await chart.isVisible(), 'the chart prints');
        await shot(page, 'pipeline-print.png');
        await page.emulateMedia({ media: 'screen' });
      }
      await page.goto(`${base}/projects?stage=running`);
      await page.locator('main table.list tbody tr a').first().click();
      await page.waitForLoadState();
      assert(await page.locator('section.project_amounts tbody tr').count(), 'the project lists its money by year');
      assert(await page.locator('section.meetings tbody tr').count(), 'and its meetings');
      assert(await page.locator('section.project_sectors tbody tr').count(), 'and its sectors');
      await shot(page, `project${suffix}.png`);
      if (suffix) await noSideScroll(page, 'project');
      await page.goto(`${base}/scholarships`);
      assert((await text(page.locator('main table.list tr.total'))).includes('30'), 'the year\'s 30');
      assert(await page.locator('main table.list td.over').count(), 'an award over quota shows');
      await shot(page, `scholarships${suffix}.png`);
      if (suffix) await noSideScroll(page, 'scholarship ledger');
      await page.goto(`${base}/integration`);
      assert(await page.locator('main .state.behind').count(), 'a target behind');
      await shot(page, `integration${suffix}.png`);
      if (suffix) await noSideScroll(page, 'integration programme');
    } finally {
      await ctx.close();
    }
  }
});

// The page's width on a phone: no horizontal scroll (see the partner list test above).
async function noSideScroll(page, what) {
  const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert(m.sw <= PHONE.width + 1 && m.iw <= PHONE.width + 1, `${what}: ${m.sw}px wide (window ${m.iw}px) on a ${PHONE.width}px screen`);
}

test('screenshots: a list with page numbers and sortable heads, a form with checkbox groups (desktop, phone)', async () => {
  for (const [vp, suffix] of [[{ width: 1280, height: 900 }, ''], [PHONE, '-phone']]) {
    const ctx = await newContext({ viewport: vp, storageState: await S.main.storageState(), ...(suffix ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const page = await ctx.newPage();
      await page.goto(`${base}/partners?limit=5&offset=5&sort=name_vi`);
      const pager = page.locator('main nav.pager');
      eq(await text(pager.locator('[aria-current="page"]')), '2', 'the present page');
      assert(await pager.getByRole('link', { name: 'Trang 1', exact: true }).count(), 'no link to page 1');
      await shot(page, `partners-pages${suffix}.png`);
      if (suffix) await noSideScroll(page, 'list with page numbers');
      else {
        // a column head sorts the other way; the order stays visible
        await clickAndWait(page, page.locator('main table.list thead th[aria-sort="ascending"] a'));
        assert(new URL(page.url()).searchParams.get('sort') === '-name_vi', `the head sorts descending: ${page.url()}`);
        eq(await page.locator('main table.list thead th[aria-sort="descending"]').count(), 1, 'descending shown');
        eq(new URL(page.url()).searchParams.get('limit'), '5', 'the page size kept');
      }
      await page.goto(`${base}/delegations/new`);
      const partners = page.locator('main fieldset.refs').filter({ hasText: 'Đối tác' });
      assert(await partners.count(), 'partners are not a group of checkboxes');
      await partners.getByLabel('Tỉnh Attapeu', { exact: true }).check();
      await shot(page, `delegation-form-checkboxes${suffix}.png`);
      if (suffix) await noSideScroll(page, 'form with checkbox groups');
    } finally {
      await ctx.close();
    }
  }
});

test('screenshots: the public bulletin (front page, an article in Lao, phone), the moderation queue, a report and page 1 of its PDF', async () => {
  // a stranger: no login
  for (const [vp, suffix] of [[{ width: 1280, height: 900 }, ''], [PHONE, '-phone']]) {
    const anon = await newContext({ viewport: vp, ...(suffix ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const page = await anon.newPage();
      await page.goto(`${base}/bulletin/vi`, { waitUntil: 'networkidle' });
      assert(await page.locator('main ul.cards li').count() >= 4, 'the published articles of the demo');
      const img = page.locator('main ul.cards img').first();
      assert(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'a card\'s picture loads');
      await shot(page, `bulletin-front${suffix}.png`);
      if (suffix) await noSideScroll(page, 'bulletin front page');
      await page.locator('main ul.cards a', { hasText: 'Attapeu' }).first().click();
      await page.waitForLoadState('networkidle');
      await page.locator('p.other-langs a[hreflang="lo"]').click();
      await page.waitForLoadState('networkidle');
      eq(await page.locator('html').getAttribute('lang'), 'lo', 'the page in Lao');
      assert((await text(page.locator('main h1'))).includes('ແຂວງອັດຕະປື'), 'its Lao title');
      const h1 = await page.locator('main h1').boundingBox();
      assert(h1 && h1.width > 100, 'the Lao title is drawn');
      await shot(page, `bulletin-article-lo${suffix}.png`);
      if (suffix) await noSideScroll(page, 'article in Lao');
      else {
        await page.emulateMedia({ media: 'print' });
        assert(!(await page.locator('form.comment-form').isVisible()), 'the comment form does not print');
        await shot(page, 'bulletin-article-lo-print.png');
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await anon.close();
    }
  }
  const page = await S.main.newPage();
  await page.goto(`${base}/moderation`);
  assert(await page.locator('main input[name="id"]').count() >= 2, 'the demo\'s pending comments');
  assert(await page.locator('main .warning', { hasText: 'đường dẫn' }).count(), 'a comment with a link is marked');
  await shot(page, 'moderation.png');
  await page.goto(`${base}/reports`);
  await page.locator('main table.list a', { hasText: 'quý' }).first().click();
  await page.waitForLoadState();
  await page.locator('main a', { hasText: 'Xem văn bản' }).click();
  await page.waitForLoadState();
  assert((await text(page.locator('main .doc-head'))).includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the report on its page');
  await shot(page, 'report-document.png');
  const href = await page.locator('main a', { hasText: 'PDF' }).first().getAttribute('href');
  const res = await page.request.get(`${base}${href}`);
  assert(res.ok(), `the PDF (${res.status()})`);
  const pdf = join(SHOTS, 'report.pdf');
  (await import('node:fs')).writeFileSync(pdf, await res.body());
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(SHOTS, 'report-pdf-page1')]);
  assert((await import('node:fs')).statSync(join(SHOTS, 'report-pdf-page1.png')).size > 10000, 'page 1 of the PDF drawn');
  await page.close();
});

// axe-core, injected into each page (the pages' CSP would refuse the script: this context
// bypasses it, for the check only), over the main kinds of page in both languages.
test('each role: an admin makes an agency user, who sets a password and sees their agency; the leader sees the approval queue', async () => {
  const page = await S.main.newPage();
  // the admin, in the browser: a new user of a partner agency
  await page.goto(`${base}/users/new`);
  await shot(page, 'admin-user-new.png');
  await page.getByLabel('Tên đăng nhập').fill('coquan-bien-phong');
  await page.getByLabel('Họ và tên').fill('Cán bộ Bộ đội Biên phòng');
  await page.getByLabel('Vai trò', { exact: true }).selectOption('agency');
  await page.getByLabel('Cơ quan (với vai trò cơ quan phối hợp)').selectOption({ label: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh' });
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu', exact: true }));
  const temp = await page.locator('#temp-pw').inputValue();
  assert(temp && temp.length >= 12, `no one-time password shown: ${temp}`);
  await shot(page, 'admin-user-created.png');
  await page.goto(`${base}/users`);
  assert((await text(page.locator('main'))).includes('coquan-bien-phong'), 'the new user is listed');
  await shot(page, 'admin-users.png');
  for (const [url, name] of [['/admin/settings', 'admin-settings.png'], ['/admin/audit', 'admin-audit.png'], ['/admin/names', 'admin-names.png']]) {
    await page.goto(`${base}${url}`);
    await shot(page, name);
  }
  await page.close();
  // the same pages on a phone: nothing wider than the screen
  const phone = await newContext({ viewport: PHONE, isMobile: true, hasTouch: true, storageState: await S.main.storageState() });
  const pp = await phone.newPage();
  for (const [url, name] of [['/users', 'admin-users-phone.png'], ['/admin/audit', 'admin-audit-phone.png'], ['/admin/settings', 'admin-settings-phone.png']]) {
    await pp.goto(`${base}${url}`);
    const w = await pp.evaluate(() => document.documentElement.scrollWidth);
    assert(w <= PHONE.width + 1, `${url} is ${w}px wide on a phone`);
    await shot(pp, name);
  }
  await phone.close();

  // the agency user: the one-time password, then their own
  const actx = await newContext();
  const ap = await actx.newPage();
  await ap.goto(`${base}/login`);
  await fillLogin(ap, 'coquan-bien-phong', temp);
  eq(path(ap), '/account/password', 'sent to set their own password first');
  await ap.getByLabel('Mật khẩu hiện tại').fill(temp);
  await ap.getByLabel('Mật khẩu mới').fill('bienphong-mk-2026');
  await clickAndWait(ap, ap.getByRole('button', { name: 'Đổi mật khẩu' }));
  await ap.goto(`${base}/`);
  eq(await text(ap.locator('main h1')), 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'their first page is their agency');
  assert(await ap.locator('main .cards').count(), 'with its figures');
  await shot(ap, 'agency-home.png');
  await actx.close();
  const aphone = await newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const app = await aphone.newPage();
  await app.goto(`${base}/login`);
  await fillLogin(app, 'coquan-bien-phong', 'bienphong-mk-2026');
  await app.goto(`${base}/`);
  const wide = await app.evaluate(() => document.documentElement.scrollWidth);
  assert(wide <= PHONE.width + 1, `agency page is ${wide}px wide on a phone`);
  await shot(app, 'agency-home-phone.png');
  await aphone.close();

  // the leader: what waits for their decision
  for (const [opts, name] of [[{}, 'leader-queue.png'], [{ viewport: PHONE, isMobile: true, hasTouch: true }, 'leader-queue-phone.png']]) {
    const lctx = await newContext(opts);
    const lp = await lctx.newPage();
    await lp.goto(`${base}/login`);
    await fillLogin(lp, server.leader, server.leaderPassword);
    await lp.goto(`${base}/`);
    assert(await lp.locator('main section.queue li').count(), 'the approval queue lists proposals');
    eq(await text(lp.locator('main section.queue h2')), 'Đề xuất chờ phê duyệt', 'queue heading');
    await shot(lp, name);
    await lctx.close();
  }
});

test('accessibility: axe-core finds no WCAG 2.1 A/AA violation on the main pages', async () => {
  const found = [];
  const check = async (page, what) => {
    await page.addScriptTag({ path: AXE });
    const res = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of res.violations)
      found.push(`${what}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
  };
  const anon = await newContext({ bypassCSP: true });
  const ctx = await newContext({ bypassCSP: true, storageState: await S.main.storageState() });
  try {
    for (const lang of ['vi', 'en']) {
      const a = await anon.newPage();
      await a.goto(`${base}/login?lang=${lang}`);
      await check(a, `login (${lang})`);
      // the public bulletin, as a stranger reads it
      for (const p of [`/bulletin/${lang}`, `/bulletin/${lang}/c/tin-tuc`, `/bulletin/${lang}/search?q=attapeu`,
        `/bulletin/${lang}/issues/1`, `/bulletin/lo/a/doan-cong-tac-tinh-attapeu-tham-va-lam-viec-tai-quang-ngai`,
        `/bulletin/${lang}/a/doan-cong-tac-tinh-attapeu-tham-va-lam-viec-tai-quang-ngai`]) {
        await a.goto(`${base}${p}`);
        await check(a, `${p} (public)`);
      }
      await a.close();
      const page = await ctx.newPage();
      for (const p of ['/', '/partners', '/partners?limit=5&sort=-name_vi', '/partners/1', '/partners/1/delete', '/partners/new',
        '/delegations/new', '/agreements/new', '/commitments', '/delegations', '/agreements', '/calendar',
        '/search?q=attapeu', '/notifications', '/partners/import', '/partners/999999',
        '/delegations/1', '/commitments/1', '/agreements/1', '/contacts', '/agencies',
        '/users', '/users/new', '/users/1', '/admin/names', '/admin/settings', '/admin/audit', '/province',
        '/account', '/account/password', '/trade', '/gates', '/gate_plans', '/gate_plans/1', '/trade_reports/1',
        '/trade_reports/new', '/map', '/markers', '/markers/1', '/incidents', '/incidents/1', '/border_sections/1',
        '/pipeline', '/projects', '/projects/7', '/projects/new', '/ngo_certificates/1', '/scholarships', '/scholarship_awards',
        '/integration', '/meetings/1', '/reports', '/reports/1', '/reports/1/document', '/moderation',
        '/articles', '/articles/1', '/articles/1/preview', '/comments']) {
        await page.goto(`${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
        await check(page, `${p} (${lang})`);
      }
      // a form with errors
      await page.goto(`${base}/partners/new?lang=${lang}`);
      await clickAndWait(page, page.locator('main form.record button[type="submit"]'));
      assert(await page.locator('main .ferr').count(), 'the empty form shows errors');
      await check(page, `form with errors (${lang})`);
      await page.close();
    }
  } finally {
    await anon.close();
    await ctx.close();
  }
  assert(!found.length, found.slice(0, 10).join('\n') + (found.length > 10 ? `\n(+${found.length - 10} more)` : ''));
});

test('no console errors, script errors or CSP violations on any page', async () => {
  const problems = watch.problems();
  assert(!problems.length, problems.slice(0, 8).join('\n') + (problems.length > 8 ? `\n(+${problems.length - 8} more)` : ''));
});

test('the browser finds a favicon (no 404 for /favicon.ico)', async () => {
  const misses = watch.favicon();
  assert(!misses.length, `${misses.length} pages logged: ${misses[0]}`);
});

// ---------------------------------------------------------------------------------------

try {
  S.anon = await newContext();
  S.main = await newContext();
  for (const t of tests) {
    let err = null;
    try {
      await t.fn();
    } catch (e) {
      err = e;
    }
    report(t.name, err);
  }
} catch (e) {
  report('browser contexts', e);
} finally {
  await browser.close().catch(() => {});
  await server.stop().catch(() => {});
}
for (const n of fontNotes()) console.log(`# note: ${n}`);
console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${relative(process.cwd(), SHOTS) || '.'}/`);
finish();
