// HTTP end-to-end tests of ngoaivu: one real server process (NGOAIVU_BIN, default
// build/ngoaivu) on a fresh demo database, driven over HTTP and through its command line.
//   NGOAIVU_BIN=build-asan/ngoaivu node tests/e2e/run.mjs
// Prints "ok   NAME", "FAIL NAME" (details indented by 4 spaces) or "skip NAME: why" per
// test, then "N passed, N failed" (and ", N skipped" when some were); exits non-zero when
// anything failed. NGOAIVU_E2E_KEEP=1 keeps
// the temporary directory (database, server log).
//   node tests/e2e/run.mjs t_nodes t_notifications
// runs only the tests of those files (and the last, the server's clean stop), after the
// same setup; "core" names the tests of this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import {
  test, testGroup, runAll, fail, ok, eq, deepEq, includes, excludes, status, apiError, req, getCookie,
  freePort, cli, describeRun, startServer, logTail, sleep, parseCsv, csrfOf, server, dbQuery,
} from './lib.mjs';

const started = Date.now();
const BIN = path.resolve(process.env.NGOAIVU_BIN || 'build/ngoaivu');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ngoaivu-e2e-'));
// the database of the suite: a file, or the PostgreSQL database NGOAIVU_TEST_DB names (the
// suite then runs against PostgreSQL; tests of SQLite files use files of their own)
const DB = process.env.NGOAIVU_TEST_DB || path.join(DIR, 't.db');
const PG = DB.startsWith('postgres');
const LOG = path.join(DIR, 'server.log');

const PW = {
  viewer: 'xem-matkhau-1',
  agency: 'coquan-matkhau-1',
  officer: 'chuyenvien-mk-1',
  throwaway: 'nemlogin-mk-1',
  passwd: 'doimk-cu-12345',
};
const U = { viewer: 'xem', agency: 'coquan', officer: 'chuyenvien', throwaway: 'nemlogin', passwd: 'doimk' };
const S = {}; // shared state: tokens, web sessions, ids
let srv = null;

function setupFail(what, lines) {
  console.log(`FAIL setup: ${what}`);
  for (const l of lines) for (const x of String(l).split('\n')) console.log(`    ${x}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/* ---------------------------------------------------------------- setup */

async function setup() {
  if (!fs.existsSync(BIN)) setupFail(`no binary at ${BIN}`, ['build it first (see scripts/test.sh)']);
  let r = cli(BIN, ['init', '--db', DB]);
  if (r.code !== 0) setupFail('init', describeRun('init', r));
  r = cli(BIN, ['demo', '--db', DB]);
  const m = r.stdout.match(/^demo login: admin \/ (\S+)$/m);
  if (r.code !== 0 || !m) setupFail('demo', describeRun('demo', r));
  PW.admin = m[1];
  U.admin = 'admin';
  for (const [k, role] of [['viewer', 'viewer'], ['agency', 'agency'], ['officer', 'officer'],
    ['throwaway', 'viewer'], ['passwd', 'officer']]) {
    r = cli(BIN, ['user', 'add', U[k], '--role', role, '--db', DB], PW[k] + '\n');
    if (r.code !== 0) setupFail(`user add ${U[k]}`, describeRun('user add', r));
  }
  server.port = await freePort();
  srv = startServer(BIN, DB, LOG, server.port);
  process.on('exit', () => { if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL'); });
  const deadline = Date.now() + 20000;
  for (;;) {
    if (srv.child.exitCode !== null) setupFail('server exited at start', logTail(LOG, 30));
    try {
      const h = await req('GET', '/healthz');
      if (h.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) setupFail('server did not answer /healthz within 20 s', logTail(LOG, 30));
    await sleep(50);
  }
  for (const k of ['admin', 'viewer', 'agency', 'officer']) {
    const res = await req('POST', '/api/v1/login', { json: { username: U[k], password: PW[k] } });
    if (res.status !== 200) setupFail(`API login of ${U[k]}`, [`status ${res.status}: ${res.text}`, ...logTail(LOG)]);
    S[k] = res.json().token;
  }
}

/* ---------------------------------------------------------------- helpers */

let seq = 0;
const uniq = (s) => `${s} ${process.pid}-${++seq}`;

async function partnerTotal(token = S.admin) {
  const r = await req('GET', '/api/v1/partners?limit=1', { token });
  status(r, 200, 'counting partners');
  return r.json().total;
}

async function createPartner(fields, token = S.admin) {
  const r = await req('POST', '/api/v1/partners', { token, json: fields });
  status(r, 201, `creating partner ${fields.name_vi}`);
  return r.json();
}

async function allPartners(query = '') {
  const r = await req('GET', `/api/v1/partners?limit=500${query}`, { token: S.admin });
  status(r, 200, 'listing partners');
  return r.json().items;
}

/* Logs in through the pages; returns {cookie, csrf}. */
async function webLogin(user, password, next = '/') {
  const form = await req('GET', '/login');
  status(form, 200, 'GET /login');
  const l = getCookie(form, 'lcsrf');
  ok(l && l.value, 'GET /login sets no lcsrf cookie', `Set-Cookie: ${JSON.stringify(form.headers['set-cookie'])}`);
  const r = await req('POST', '/login', {
    cookie: `lcsrf=${l.value}`, form: { csrf: csrfOf(form.text), username: user, password, next },
  });
  status(r, 303, `web login of ${user}`);
  const sid = getCookie(r, 'sid');
  ok(sid && sid.value, `web login of ${user} set no sid cookie`);
  const cookie = `sid=${sid.value}`;
  const home = await req('GET', '/', { cookie });
  status(home, 200, 'home page after login');
  const csrf = csrfOf(home.text);
  ok(csrf, 'home page has no csrf field');
  return { cookie, csrf, sid: sid.value };
}

async function adminWeb() {
  if (!S.adminWeb) S.adminWeb = await webLogin('admin', PW.admin);
  return S.adminWeb;
}

/* The part of a record form that belongs to one field: from its input to the next field. */
function fieldBlock(html, name) {
  const i = html.indexOf(`id="f-${name}"`);
  if (i < 0) return null;
  const start = html.lastIndexOf('<div class="field', i);
  const end = html.indexOf('<div class="field', i);
  return html.slice(start, end < 0 ? undefined : end);
}

const partnerFormFields = (p) => ({
  kind: p.kind, name_vi: p.name_vi, name_en: p.name_en ?? '', name_native: p.name_native ?? '',
  country: p.country, subdivision: p.subdivision ?? '', address: p.address ?? '', website: p.website ?? '',
  email: p.email ?? '', phone: p.phone ?? '', notes: p.notes ?? '',
});

function checkSecurityHeaders(res, what) {
  const csp = res.headers['content-security-policy'];
  ok(csp, `${what}: no Content-Security-Policy header`);
  includes(csp, "frame-ancestors 'none'", `${what}: CSP`);
  const dirs = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v.join(' ')]; }));
  const script = dirs['script-src'] ?? dirs['default-src'];
  ok(script !== undefined, `${what}: CSP has neither script-src nor default-src`, `CSP: ${csp}`);
  ok(!script.includes("'unsafe-inline'") && !script.includes("'unsafe-eval'") && !script.includes('*'),
    `${what}: CSP allows inline or foreign scripts`, `CSP: ${csp}`);
  eq(res.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
}

/* ================================================================ tests */

/* ---- login */

test('API login: right password gives a token, wrong one 401', async () => {
  const r = await req('POST', '/api/v1/login', { json: { username: 'admin', password: PW.admin } });
  status(r, 200);
  const j = r.json();
  ok(/^[0-9a-f]{64}$/.test(j.token), 'token is not 64 hex digits', `token: ${j.token}`);
  eq(j.role, 'admin', 'role');
  eq(j.expires_in, 43200, 'expires_in');
  const use = await req('GET', '/api/v1/partners?limit=1', { token: j.token });
  status(use, 200, 'the new token opens the API');

  const bad = await req('POST', '/api/v1/login', { json: { username: 'admin', password: 'sai-mat-khau' } });
  const e = apiError(bad, 401, 'unauthorized', 'wrong password');
  eq(e.message, 'Sai tên đăng nhập hoặc mật khẩu.', 'message of a wrong password (Vietnamese default)');
  ok(!('token' in bad.json()), 'a failed login returned a token');

  const missing = await req('POST', '/api/v1/login', { json: { username: 'admin' } });
  apiError(missing, 400, 'bad_request', 'login without password');
  const big = await req('POST', '/api/v1/login', { json: { username: 'admin', password: 'x'.repeat(5000) } });
  apiError(big, 413, 'too_large', 'login body over 4 KiB');
});

test('API login: 429 on the 6th failure within 5 minutes, even with the right password', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: `sai-${i}-xxxx` } });
    apiError(r, 401, 'unauthorized', `failure ${i}`);
  }
  const sixth = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: 'sai-6-xxxx' } });
  apiError(sixth, 429, 'rate_limited', '6th failure');
  const right = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: PW.throwaway } });
  apiError(right, 429, 'rate_limited', 'right password while limited');
  // the limit is per user: another user still logs in from the same address
  const other = await req('POST', '/api/v1/login', { json: { username: U.viewer, password: PW.viewer } });
  status(other, 200, 'another user logging in');
});

test('web login: csrf cookie, 303 with HttpOnly SameSite=Lax session, 403 without csrf', async () => {
  const form = await req('GET', '/login?next=/partners');
  status(form, 200);
  const l = getCookie(form, 'lcsrf');
  ok(l && /^[0-9a-f]{32}$/.test(l.value), 'lcsrf cookie missing or not a token', `Set-Cookie: ${JSON.stringify(form.headers['set-cookie'])}`);
  eq(csrfOf(form.text), l.value, 'hidden csrf input equals the lcsrf cookie');
  includes(form.text, 'name="next" value="/partners"', 'login form keeps next');

  const noCsrf = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { username: 'admin', password: PW.admin } });
  status(noCsrf, 403, 'login without csrf');
  ok(!getCookie(noCsrf, 'sid'), 'login without csrf set a session cookie');
  const wrongCsrf = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { csrf: 'f'.repeat(32), username: 'admin', password: PW.admin } });
  status(wrongCsrf, 403, 'login with a csrf that does not match the cookie');
  ok(!getCookie(wrongCsrf, 'sid'), 'login with a wrong csrf set a session cookie');

  const badPw = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { csrf: l.value, username: 'admin', password: 'sai-mat-khau' } });
  status(badPw, 401, 'web login with a wrong password');
  includes(badPw.text, 'Sai tên đăng nhập hoặc mật khẩu.', 'wrong password page');
  ok(!getCookie(badPw, 'sid')?.value, 'a failed web login set a session');

  const good = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { csrf: l.value, username: 'admin', password: PW.admin, next: '/partners' } });
  status(good, 303, 'web login');
  eq(good.headers.location, '/partners', 'Location after login');
  const sid = getCookie(good, 'sid');
  ok(sid && /^[0-9a-f]{64}$/.test(sid.value), 'no sid cookie', `Set-Cookie: ${JSON.stringify(good.headers['set-cookie'])}`);
  ok(/;\s*HttpOnly/i.test(sid.raw), 'sid cookie is not HttpOnly', sid.raw);
  ok(/;\s*SameSite=Lax/i.test(sid.raw), 'sid cookie is not SameSite=Lax', sid.raw);
  const page = await req('GET', '/partners', { cookie: `sid=${sid.value}` });
  status(page, 200, 'list page with the session');
  includes(page.text, 'Tỉnh Attapeu', 'list page');

  const evil = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { csrf: l.value, username: 'admin', password: PW.admin, next: '//evil.example/x' } });
  status(evil, 303, 'login with a foreign next');
  eq(evil.headers.location, '/', 'Location for next=//evil.example (no open redirect)');
});

test('pages need a session; web and API credentials do not cross', async () => {
  const anon = await req('GET', '/partners');
  status(anon, 303, 'list page without session');
  eq(decodeURIComponent(anon.headers.location), '/login?next=/partners', 'redirect to login');
  const anonNew = await req('GET', '/partners/new');
  status(anonNew, 303, '/partners/new without session');
  const anonPost = await req('POST', '/partners', { form: { name_vi: 'x', kind: 'other', country: 'LA' } });
  status(anonPost, 303, 'POST /partners without session');

  const web = await adminWeb();
  const asBearer = await req('GET', '/api/v1/partners', { token: web.sid });
  apiError(asBearer, 401, 'unauthorized', 'web session cookie used as bearer token');
  const asCookie = await req('GET', '/partners', { cookie: `sid=${S.admin}` });
  status(asCookie, 303, 'API token used as session cookie');
  eq(decodeURIComponent(asCookie.headers.location), '/login?next=/partners&expired=1', 'redirect to login, saying the session is over');
});

/* ---- create, read, update, delete */

test('API: create partner and contact, read them back', async () => {
  const before = await partnerTotal();
  const name = uniq('Tỉnh Luang Prabang');
  const r = await req('POST', '/api/v1/partners', {
    token: S.officer,
    json: { kind: 'locality', name_vi: `  ${name}  `, name_en: 'Luang Prabang Province', country: 'la', subdivision: 'la-lp',
      website: 'https://example.la/', phone: '+856 71 212 000', notes: 'Ghi chú: hợp tác văn hoá.' },
  });
  status(r, 201, 'create partner');
  const p = r.json();
  ok(Number.isInteger(p.id) && p.id > 0, 'created partner has no id', r.text);
  eq(r.headers.location, `/api/v1/partners/${p.id}`, 'Location');
  eq(p.version, 1, 'version of a new record');
  eq(p.name_vi, name, 'name_vi (trimmed)');
  eq(p.country, 'LA', 'country (upper-cased)');
  eq(p.subdivision, 'LA-LP', 'subdivision (upper-cased)');
  eq(p.kind, 'locality', 'kind');
  eq(p.email, null, 'email not given');
  ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p.created_at), 'created_at is not an ISO time', p.created_at);
  const got = await req('GET', r.headers.location, { token: S.viewer });
  status(got, 200, 'read back as viewer');
  deepEq(got.json(), p, 'record read back');
  eq(await partnerTotal(), before + 1, 'partner total after create');

  const c = await req('POST', '/api/v1/contacts', {
    token: S.officer,
    json: { full_name: 'Khampheng Vongsa', partner_id: p.id, title: 'Giám đốc Sở', email: 'kv@example.la',
      languages: ['lo', 'vi'], overseas_vietnamese: false, country: 'LA' },
  });
  status(c, 201, 'create contact');
  const cj = c.json();
  eq(c.headers.location, `/api/v1/contacts/${cj.id}`, 'contact Location');
  eq(cj.partner_id, p.id, 'partner_id');
  eq(cj.overseas_vietnamese, false, 'overseas_vietnamese');
  const langs = Array.isArray(cj.languages) ? cj.languages.join(',') : cj.languages;
  eq(langs, 'vi,lo', 'languages (known codes, in canonical order)');
  const cg = await req('GET', `/api/v1/contacts/${cj.id}`, { token: S.admin });
  status(cg, 200);
  deepEq(cg.json(), cj, 'contact read back');
  const list = await req('GET', `/api/v1/contacts?partner_id=${p.id}`, { token: S.admin });
  status(list, 200);
  deepEq(list.json().items.map((x) => x.id), [cj.id], 'contacts filtered by partner_id');

  const badRef = await req('POST', '/api/v1/contacts', { token: S.officer, json: { full_name: 'Không ai', partner_id: 99999999 } });
  const e = apiError(badRef, 422, 'invalid', 'contact with a partner that does not exist');
  eq(e.fields?.partner_id?.code, 'bad_ref', 'fields.partner_id.code');
  S.crud = { partner: p, contact: cj };
});

test('API: PUT changes only the fields given (null clears)', async () => {
  const { partner: p } = S.crud;
  const r = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { name_en: 'Luang Prabang', notes: null, email: 'lp@example.la' } });
  status(r, 200, 'PUT');
  const j = r.json();
  eq(j.version, 2, 'version after update');
  eq(j.name_en, 'Luang Prabang', 'name_en changed');
  eq(j.notes, null, 'notes cleared by null');
  eq(j.email, 'lp@example.la', 'email set');
  eq(j.name_vi, p.name_vi, 'name_vi kept');
  eq(j.subdivision, 'LA-LP', 'subdivision kept');
  eq(j.website, p.website, 'website kept');
  eq(j.phone, p.phone, 'phone kept');
  eq(j.created_at, p.created_at, 'created_at kept');
  const g = await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin });
  deepEq(g.json(), j, 'stored record after PUT');

  const bad = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { country: 'XX' } });
  const e = apiError(bad, 422, 'invalid', 'PUT with a bad country');
  eq(e.fields?.country?.code, 'bad_country', 'fields.country.code');
  const g2 = await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin });
  deepEq(g2.json(), j, 'record unchanged after a refused PUT');
  S.crud.partner = j;
});

test('API: PUT with a stale version is 409 and changes nothing', async () => {
  const { partner: p } = S.crud;
  const stale = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { version: p.version - 1, name_en: 'Lost update' } });
  apiError(stale, 409, 'conflict', 'PUT with an old version');
  const g = await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin });
  deepEq(g.json(), p, 'record after the refused PUT');
  const cur = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { version: p.version, name_en: 'Luang Prabang Province' } });
  status(cur, 200, 'PUT with the current version');
  eq(cur.json().version, p.version + 1, 'version after update');
  eq(cur.json().name_en, 'Luang Prabang Province', 'name_en');
  S.crud.partner = cur.json();
});

test('API: DELETE is 204, and 409 while a contact refers to the partner', async () => {
  const { partner: p, contact: c } = S.crud;
  const refused = await req('DELETE', `/api/v1/partners/${p.id}`, { token: S.officer });
  const e = apiError(refused, 409, 'conflict', 'delete a referenced partner');
  eq(e.fields?._?.code, 'in_use', 'fields._.code');
  includes(e.fields?._?.message, '1', 'in_use message names the count');
  status(await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin }), 200, 'partner still there');

  const dc = await req('DELETE', `/api/v1/contacts/${c.id}`, { token: S.officer });
  status(dc, 204, 'delete contact');
  eq(dc.text, '', '204 body');
  apiError(await req('GET', `/api/v1/contacts/${c.id}`, { token: S.admin }), 404, 'not_found', 'deleted contact');
  const before = await partnerTotal();
  status(await req('DELETE', `/api/v1/partners/${p.id}`, { token: S.officer }), 204, 'delete partner');
  apiError(await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin }), 404, 'not_found', 'deleted partner');
  apiError(await req('DELETE', `/api/v1/partners/${p.id}`, { token: S.officer }), 404, 'not_found', 'delete again');
  eq(await partnerTotal(), before - 1, 'partner total after delete');
  const s = await req('GET', `/api/v1/search?q=${encodeURIComponent('luang prabang')}`, { token: S.admin });
  ok(!s.json().items.some((h) => h.type === 'partner' && h.id === p.id), 'deleted partner still found by search', s.text);
});

/* ---- bad input: every one refused with the field named, nothing stored */

function rejectTest(name, body, expect) {
  test(`reject: ${name}`, async () => {
    const before = await partnerTotal();
    const r = await req('POST', '/api/v1/partners', { token: S.officer, ...body });
    await expect(r);
    eq(await partnerTotal(), before, 'partner total after the refused request');
  });
}

const okPartner = (extra = {}) => ({ kind: 'other', name_vi: uniq('Đối tác hợp lệ'), country: 'JP', ...extra });

rejectTest('invalid UTF-8 bytes inside a JSON string (400 or 422)', {
  body: Buffer.concat([Buffer.from('{"kind":"other","country":"LA","name_vi":"Tên h'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('ỏng"}')]),
}, async (r) => {
  status(r, [400, 422]);
  const e = r.json().error;
  ok(e && e.code && e.message, 'no error object', r.text);
  if (r.status === 422) eq(e.fields?.name_vi?.code, 'bad_utf8', 'fields.name_vi.code');
  const s = await req('GET', `/api/v1/search?q=${encodeURIComponent('Tên h')}`, { token: S.admin });
  status(s, 200);
});

rejectTest('NUL character inside a string (400 or 422)', { json: okPartner({ name_vi: 'Tên\u0000ẩn' }) }, async (r) => {
  status(r, [400, 422]);
  const e = r.json().error;
  if (r.status === 422) eq(e?.fields?.name_vi?.code, 'bad_utf8', 'fields.name_vi.code');
  else eq(e?.code, 'bad_request', 'error.code');
});

rejectTest('name of 201 characters (422 too_long)', { json: okPartner({ name_vi: 'ệ'.repeat(201) }) }, async (r) => {
  const e = apiError(r, 422, 'invalid');
  eq(e.fields?.name_vi?.code, 'too_long', 'fields.name_vi.code');
  includes(e.fields.name_vi.message, '200', 'too_long message names the limit');
});

rejectTest('unknown country "XX" (422 bad_country)', { json: okPartner({ country: 'XX' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.country?.code, 'bad_country', 'fields.country.code');
});

rejectTest('subdivision KH-16 with country LA (422 subdiv_country)', {
  json: okPartner({ kind: 'locality', country: 'LA', subdivision: 'KH-16' }),
}, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.subdivision?.code, 'subdiv_country', 'fields.subdivision.code');
});

rejectTest('unknown subdivision "LA-ZZ" (422 bad_subdiv)', {
  json: okPartner({ kind: 'locality', country: 'LA', subdivision: 'LA-ZZ' }),
}, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.subdivision?.code, 'bad_subdiv', 'fields.subdivision.code');
});

rejectTest('missing name_vi (422 required)', { json: { kind: 'other', country: 'JP' } }, async (r) => {
  const e = apiError(r, 422, 'invalid');
  eq(e.fields?.name_vi?.code, 'required', 'fields.name_vi.code');
  eq(e.fields.name_vi.message, 'Bắt buộc nhập.', 'fields.name_vi.message');
});

rejectTest('name_vi of only spaces (422 required)', { json: okPartner({ name_vi: '   ' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.name_vi?.code, 'required', 'fields.name_vi.code');
});

rejectTest('kind "locality" without subdivision (422 locality_needs_subdiv)', {
  json: okPartner({ kind: 'locality', country: 'LA' }),
}, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.subdivision?.code, 'locality_needs_subdiv', 'fields.subdivision.code');
});

rejectTest('kind not in the list (422 bad_enum)', { json: okPartner({ kind: 'planet' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.kind?.code, 'bad_enum', 'fields.kind.code');
});

rejectTest('name_vi of an existing partner (422 duplicate)', { json: okPartner({ name_vi: 'Tỉnh Attapeu' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.name_vi?.code, 'duplicate', 'fields.name_vi.code');
});

rejectTest('the same name but for case and diacritics (422 duplicate)', { json: okPartner({ name_vi: 'tinh ATTAPEU' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.name_vi?.code, 'duplicate', 'fields.name_vi.code');
});

rejectTest('malformed JSON (400)', { body: '{"kind":"other","name_vi":"Thiếu ngoặc",' }, async (r) => {
  apiError(r, 400, 'bad_request');
});

rejectTest('a JSON array instead of an object (400)', { body: '[1,2,3]' }, async (r) => {
  apiError(r, 400, 'bad_request');
});

rejectTest('a 70 KiB body (413)', { json: okPartner({ notes: 'x'.repeat(70 * 1024) }) }, async (r) => {
  apiError(r, 413, 'too_large');
});

rejectTest('a 70 KiB body sent chunked, without Content-Length (413)', {
  chunks: [Buffer.from('{"kind":"other","country":"JP","name_vi":"Chunked","notes":"'),
    ...Array.from({ length: 70 }, () => Buffer.alloc(1024, 'y')), Buffer.from('"}')],
  headers: { 'Content-Type': 'application/json' },
}, async (r) => {
  apiError(r, 413, 'too_large');
});

rejectTest('unknown field (422 unknown_field)', { json: okPartner({ mau_sac: 'đỏ' }) }, async (r) => {
  eq(apiError(r, 422, 'invalid').fields?.mau_sac?.code, 'unknown_field', 'fields.mau_sac.code');
});

rejectTest('several bad fields at once are all reported', {
  json: { kind: 'planet', country: 'XX', email: 'khong-phai-email', website: 'ftp://x' },
}, async (r) => {
  const f = apiError(r, 422, 'invalid').fields || {};
  deepEq({ kind: f.kind?.code, name_vi: f.name_vi?.code, country: f.country?.code, email: f.email?.code, website: f.website?.code },
    { kind: 'bad_enum', name_vi: 'required', country: 'bad_country', email: 'bad_email', website: 'bad_url' }, 'field codes');
});

test('a name of exactly 200 characters is accepted', async () => {
  const name = 'ộ'.repeat(196) + String(process.pid % 10000).padStart(4, '0');
  const p = await createPartner({ kind: 'other', name_vi: name, country: 'JP' });
  eq(p.name_vi, name, 'stored name');
  status(await req('DELETE', `/api/v1/partners/${p.id}`, { token: S.admin }), 204, 'cleanup');
});

/* ---- permissions */

test('permissions: viewer reads only, agency cannot write, no token 401', async () => {
  const before = await partnerTotal();
  const list = await req('GET', '/api/v1/partners', { token: S.viewer });
  status(list, 200, 'viewer GET list');
  status(await req('GET', '/api/v1/partners/1', { token: S.viewer }), 200, 'viewer GET one');
  const v1 = await req('POST', '/api/v1/partners', { token: S.viewer, json: okPartner() });
  apiError(v1, 403, 'forbidden', 'viewer POST');
  const v2 = await req('PUT', '/api/v1/partners/1', { token: S.viewer, json: { notes: 'viewer was here' } });
  apiError(v2, 403, 'forbidden', 'viewer PUT');
  const v3 = await req('DELETE', '/api/v1/partners/16', { token: S.viewer });
  apiError(v3, 403, 'forbidden', 'viewer DELETE');
  const a1 = await req('POST', '/api/v1/partners', { token: S.agency, json: okPartner() });
  apiError(a1, 403, 'forbidden', 'agency POST');
  const a2 = await req('PUT', '/api/v1/partners/1', { token: S.agency, json: { notes: 'agency was here' } });
  apiError(a2, 403, 'forbidden', 'agency PUT');
  const a3 = await req('POST', '/api/v1/contacts', { token: S.agency, json: { full_name: 'Agency Contact' } });
  apiError(a3, 403, 'forbidden', 'agency POST contact');

  const none = await req('GET', '/api/v1/partners');
  apiError(none, 401, 'unauthorized', 'no token');
  eq(none.headers['www-authenticate'], 'Bearer', 'WWW-Authenticate');
  apiError(await req('GET', '/api/v1/partners', { token: 'a'.repeat(64) }), 401, 'unauthorized', 'unknown token');
  apiError(await req('GET', '/api/v1/partners', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthorized', 'Basic auth');
  apiError(await req('POST', '/api/v1/partners', { json: okPartner() }), 401, 'unauthorized', 'POST without token');
  apiError(await req('DELETE', '/api/v1/partners/16'), 401, 'unauthorized', 'DELETE without token');

  eq(await partnerTotal(), before, 'partner total after the refused writes');
  const p1 = (await req('GET', '/api/v1/partners/1', { token: S.admin })).json();
  ok(!String(p1.notes).includes('was here'), 'a refused PUT changed partner 1', JSON.stringify(p1));
  status(await req('GET', '/api/v1/partners/16', { token: S.admin }), 200, 'partner 16 still there');
});

test('permissions on pages: viewer cannot open forms, only admin sees /province', async () => {
  const viewer = await webLogin(U.viewer, PW.viewer);
  status(await req('GET', '/partners', { cookie: viewer.cookie }), 200, 'viewer list page');
  status(await req('GET', '/partners/1', { cookie: viewer.cookie }), 200, 'viewer detail page');
  const f = await req('GET', '/partners/new', { cookie: viewer.cookie });
  status(f, 403, 'viewer GET /partners/new');
  includes(f.text, 'Bạn không có quyền thực hiện thao tác này.', '403 page');
  status(await req('GET', '/partners/1/edit', { cookie: viewer.cookie }), 403, 'viewer GET edit');
  const before = await partnerTotal();
  const post = await req('POST', '/partners', { cookie: viewer.cookie, form: { csrf: viewer.csrf, ...partnerFormFields(okPartner()) } });
  status(post, 403, 'viewer POST /partners with a valid csrf');
  eq(await partnerTotal(), before, 'partner total');
  const list = await req('GET', '/partners', { cookie: viewer.cookie });
  excludes(list.text, 'href="/partners/new"', 'viewer list page offers "new"');
  status(await req('GET', '/province', { cookie: viewer.cookie }), 403, 'viewer /province');

  const officer = await webLogin(U.officer, PW.officer);
  status(await req('GET', '/partners/new', { cookie: officer.cookie }), 200, 'officer /partners/new');
  status(await req('GET', '/province', { cookie: officer.cookie }), 403, 'officer /province');
  const admin = await adminWeb();
  const prov = await req('GET', '/province', { cookie: admin.cookie });
  status(prov, 200, 'admin /province');
  includes(prov.text, 'Sở Ngoại vụ tỉnh Quảng Ngãi', 'province page');
  S.officerWeb = officer;
});

/* ---- search */

test('search ignores diacritics and case', async () => {
  const search = async (q) => {
    const r = await req('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { token: S.viewer });
    status(r, 200, `search ${q}`);
    return r.json().items;
  };
  const titles = (items) => items.map((h) => h.title);
  includes(titles(await search('ngoai vu')).join('|'), 'Sở Ngoại vụ tỉnh Attapeu', '"ngoai vu"');
  includes(titles(await search('da nang')).join('|'), 'Tổng Lãnh sự quán Lào tại Đà Nẵng', '"da nang"');
  includes(titles(await search('DA NANG')).join('|'), 'Tổng Lãnh sự quán Lào tại Đà Nẵng', '"DA NANG"');
  const att = await search('attapeu');
  includes(titles(att).join('|'), 'Tỉnh Attapeu', '"attapeu"');
  const hit = att.find((h) => h.title === 'Tỉnh Attapeu');
  eq(hit.type, 'partner', 'hit type');
  eq(hit.url, `/api/v1/partners/${hit.id}`, 'hit url');
  status(await req('GET', hit.url, { token: S.viewer }), 200, 'hit url opens');

  const inLaAt = (await allPartners('&subdivision=LA-AT')).map((p) => p.id).sort((a, b) => a - b);
  ok(inLaAt.length >= 2, 'expected demo partners in LA-AT', JSON.stringify(inLaAt));
  const attapu = (await search('attapu')).filter((h) => h.type === 'partner').map((h) => h.id);
  for (const id of inLaAt) ok(attapu.includes(id), `"attapu" (ISO spelling) does not find partner ${id} in LA-AT`, `hits: ${JSON.stringify(attapu)}`);

  const p = await createPartner({ kind: 'other', name_vi: 'Sở Ngoại vụ tỉnh Thử Nghiệm', country: 'VN' });
  S.thuNghiem = p;
  for (const q of ['thu nghiem', 'THU NGHIEM', 'Thử Nghiệm', 'thử nghiem']) {
    const items = await search(q);
    ok(items.some((h) => h.type === 'partner' && h.id === p.id), `"${q}" does not find "Sở Ngoại vụ tỉnh Thử Nghiệm"`, JSON.stringify(items));
  }
  const none = await search('zzqxw khongcodau');
  deepEq(none, [], 'search for nothing');
  apiError(await req('GET', '/api/v1/search', { token: S.viewer }), 400, 'bad_request', 'search without q');
  const odd = await req('GET', `/api/v1/search?q=${encodeURIComponent('"a" OR * NEAR(')}`, { token: S.viewer });
  status(odd, 200, 'search text with FTS syntax is plain words');

  const web = await adminWeb();
  const page = await req('GET', `/search?q=${encodeURIComponent('thu nghiem')}`, { cookie: web.cookie });
  status(page, 200, 'search page');
  includes(page.text, `href="/partners/${p.id}"`, 'search page links the partner');
  includes(page.text, 'Sở Ngoại vụ tỉnh Thử Nghiệm', 'search page shows the title');
  const inList = await req('GET', `/api/v1/partners?q=${encodeURIComponent('thu nghiem')}`, { token: S.viewer });
  deepEq(inList.json().items.map((x) => x.id), [p.id], 'list ?q= without diacritics');
});

/* ---- audit */

test('audit: create, update, delete recorded with user, old and new values', async () => {
  const name = uniq('Đối tác kiểm tra lịch sử');
  const c = await req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'ngo', name_vi: name, country: 'FR' } });
  status(c, 201);
  const id = c.json().id;
  const u = await req('PUT', `/api/v1/partners/${id}`, { token: S.officer, json: { name_en: 'History test', country: 'DE' } });
  status(u, 200);
  const web = await adminWeb();
  const page = await req('GET', `/partners/${id}`, { cookie: web.cookie });
  status(page, 200, 'detail page');
  includes(page.text, 'Lịch sử thay đổi', 'history section');
  includes(page.text, U.officer, 'history names the user');
  const d = await req('DELETE', `/api/v1/partners/${id}`, { token: S.officer });
  status(d, 204);

  const a = await req('GET', `/api/v1/audit?entity=partner&id=${id}`, { token: S.viewer });
  status(a, 200, 'audit');
  const items = a.json().items;
  deepEq(items.map((x) => x.action), ['delete', 'update', 'create'], 'actions, newest first');
  for (const it of items) {
    eq(it.user, U.officer, `${it.action}: user`);
    eq(it.entity, 'partner', `${it.action}: entity`);
    eq(it.record, id, `${it.action}: record`);
    ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(it.at), `${it.action}: at is not a time`, it.at);
  }
  ok(items[0].id > items[1].id && items[1].id > items[2].id, 'audit ids not newest first', JSON.stringify(items.map((x) => x.id)));
  const [del, upd, cre] = items;
  eq(cre.old, null, 'create: old');
  eq(cre.new?.name_vi, name, 'create: new.name_vi');
  eq(cre.new?.country, 'FR', 'create: new.country');
  eq(upd.old?.name_en, null, 'update: old.name_en');
  eq(upd.new?.name_en, 'History test', 'update: new.name_en');
  eq(upd.old?.country, 'FR', 'update: old.country');
  eq(upd.new?.country, 'DE', 'update: new.country');
  eq(upd.new?.name_vi, name, 'update: new.name_vi');
  eq(del.old?.name_en, 'History test', 'delete: old.name_en');
  eq(del.old?.country, 'DE', 'delete: old.country');
  eq(del.new, null, 'delete: new');

  apiError(await req('GET', `/api/v1/audit?entity=nothing&id=${id}`, { token: S.viewer }), 400, 'bad_request', 'audit of an unknown entity');
  apiError(await req('GET', '/api/v1/audit?entity=partner&id=abc', { token: S.viewer }), 400, 'bad_request', 'audit with a bad id');
  apiError(await req('GET', `/api/v1/audit?entity=partner&id=${id}`), 401, 'unauthorized', 'audit without token');
});

/* ---- XSS */

test('XSS: names and notes are escaped on every page and unchanged in JSON', async () => {
  const NAME = '<script>alert(1)</script>"\'&';
  const NOTES = '<img src=x onerror=alert(1)>';
  const NAME_ESC = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
  const NOTES_ESC = '&lt;img src=x onerror=alert(1)&gt;';
  const p = await createPartner({ kind: 'other', name_vi: NAME, name_en: 'XSS probe', country: 'VN', notes: NOTES }, S.officer);
  eq(p.name_vi, NAME, 'name_vi in the create answer');
  eq(p.notes, NOTES, 'notes in the create answer');
  const g = (await req('GET', `/api/v1/partners/${p.id}`, { token: S.admin })).json();
  eq(g.name_vi, NAME, 'name_vi from the API');
  eq(g.notes, NOTES, 'notes from the API');
  const lj = (await allPartners()).find((x) => x.id === p.id);
  eq(lj?.name_vi, NAME, 'name_vi in the API list');
  const sj = (await req('GET', '/api/v1/search?q=alert', { token: S.admin })).json();
  ok(sj.items.some((h) => h.id === p.id && h.title === NAME), 'search API title is not the raw name', JSON.stringify(sj));

  const web = await adminWeb();
  const pages = {
    list: `/partners?limit=500`,
    'list filtered': `/partners?q=alert`,
    detail: `/partners/${p.id}`,
    edit: `/partners/${p.id}/edit`,
    'delete confirm': `/partners/${p.id}/delete`,
    search: `/search?q=alert`,
  };
  for (const [what, url] of Object.entries(pages)) {
    const r = await req('GET', url, { cookie: web.cookie });
    status(r, 200, what);
    includes(r.text, NAME_ESC, `${what} page shows the escaped name`);
    excludes(r.text, '<script', `${what} page`);
    excludes(r.text, '<img src=x', `${what} page`);
    excludes(r.text, NAME, `${what} page`);
  }
  const detail = await req('GET', `/partners/${p.id}`, { cookie: web.cookie });
  includes(detail.text, NOTES_ESC, 'detail page shows the escaped notes');
  const edit = await req('GET', `/partners/${p.id}/edit`, { cookie: web.cookie });
  includes(edit.text, `value="${NAME_ESC}"`, 'edit form value attribute');
  includes(edit.text, `>${NOTES_ESC}</textarea>`, 'edit form textarea');

  const echo = await req('GET', `/search?q=${encodeURIComponent('"><script>alert(2)</script>')}`, { cookie: web.cookie });
  status(echo, 200, 'search page with markup in q');
  excludes(echo.text, '<script', 'search page echoing q');
  includes(echo.text, 'value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"', 'search box keeps the escaped q');
  const login = await req('GET', `/login?next=${encodeURIComponent('/"><script>alert(4)</script>')}`);
  status(login, 200, 'login page with markup in next');
  excludes(login.text, '<script', 'login page echoing next');
  const listQ = await req('GET', `/partners?q=${encodeURIComponent('"><script>alert(3)</script>')}`, { cookie: web.cookie });
  status(listQ, 200, 'list page with markup in q');
  excludes(listQ.text, '<script', 'list page echoing q');
  S.xss = p;
});

/* ---- CSRF */

test('CSRF: page POSTs without the session token are 403 and change nothing', async () => {
  const web = await adminWeb();
  const before = await partnerTotal();
  const form = partnerFormFields(okPartner());
  const none = await req('POST', '/partners', { cookie: web.cookie, form });
  status(none, 403, 'POST /partners without csrf');
  includes(none.text, 'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ.', 'csrf error page');
  status(await req('POST', '/partners', { cookie: web.cookie, form: { csrf: '0'.repeat(32), ...form } }), 403, 'POST /partners with a wrong csrf');
  const other = S.officerWeb || await webLogin(U.officer, PW.officer);
  status(await req('POST', '/partners', { cookie: web.cookie, form: { csrf: other.csrf, ...form } }), 403, "POST /partners with another session's csrf");
  eq(await partnerTotal(), before, 'partner total');

  const target = S.thuNghiem;
  const del = await req('POST', `/partners/${target.id}/delete`, { cookie: web.cookie, form: {} });
  status(del, 403, 'POST delete without csrf');
  status(await req('GET', `/api/v1/partners/${target.id}`, { token: S.admin }), 200, 'partner still there');
  const upd = await req('POST', `/partners/${target.id}`, { cookie: web.cookie, form: { ...partnerFormFields(target), name_en: 'csrf changed', version: target.version } });
  status(upd, 403, 'POST update without csrf');
  eq((await req('GET', `/api/v1/partners/${target.id}`, { token: S.admin })).json().name_en, null, 'name_en after the refused update');
  status(await req('POST', '/logout', { cookie: web.cookie, form: {} }), 403, 'POST /logout without csrf');
  status(await req('GET', '/partners', { cookie: web.cookie }), 200, 'session still valid');
  const prov = await req('POST', '/province', { cookie: web.cookie, form: { name_vi: 'Tỉnh Giả', name_en: 'Fake', code: 'VN-01', dept_vi: 'Giả' } });
  status(prov, 403, 'POST /province without csrf');
  const pp = await req('GET', '/province', { cookie: web.cookie });
  excludes(pp.text, 'Tỉnh Giả', 'province page after the refused POST');
});

/* ---- pages: the form flow */

test('pages: create, 422 with the error by the field, edit with version, 409 stale, delete', async () => {
  const web = await adminWeb();
  const newForm = await req('GET', '/partners/new', { cookie: web.cookie });
  status(newForm, 200, '/partners/new');
  eq(csrfOf(newForm.text), web.csrf, 'form csrf is the session token');
  const before = await partnerTotal();

  const invalid = await req('POST', '/partners', { cookie: web.cookie, form: { csrf: web.csrf, ...partnerFormFields({ kind: 'ngo', name_vi: '', country: 'XX', notes: 'Giữ lại ghi chú này' }) } });
  status(invalid, 422, 'invalid form');
  const nameBlock = fieldBlock(invalid.text, 'name_vi');
  ok(nameBlock, 'no name_vi field in the 422 page');
  includes(nameBlock, '<p class="ferr" id="err-name_vi">Bắt buộc nhập.</p>', 'error next to name_vi');
  includes(nameBlock, 'aria-invalid="true"', 'the field is marked invalid');
  includes(fieldBlock(invalid.text, 'country'), 'Mã quốc gia không tồn tại (ISO 3166-1).', 'error next to country');
  includes(invalid.text, 'Giữ lại ghi chú này', 'entered notes kept in the form');
  eq(await partnerTotal(), before, 'partner total after the invalid form');
  const huge = await req('POST', '/partners', { cookie: web.cookie, form: { csrf: web.csrf, ...partnerFormFields({ kind: 'ngo', name_vi: uniq('Quá lớn'), country: 'JP', notes: 'z'.repeat(70 * 1024) }) } });
  status(huge, 413, 'form body over 64 KiB');
  eq(await partnerTotal(), before, 'partner total after the 413');

  const name = uniq('Tổ chức Hữu nghị từ trang web');
  const created = await req('POST', '/partners', { cookie: web.cookie, form: { csrf: web.csrf, ...partnerFormFields({ kind: 'ngo', name_vi: name, country: 'JP', notes: 'Tạo qua biểu mẫu' }) } });
  status(created, 303, 'create through the form');
  const m = (created.headers.location || '').match(/^\/partners\/(\d+)\?saved=1$/);
  ok(m, 'Location after create', `Location: ${created.headers.location}`);
  const id = Number(m[1]);
  eq(await partnerTotal(), before + 1, 'partner total after create');
  const shown = await req('GET', created.headers.location, { cookie: web.cookie });
  status(shown, 200);
  includes(shown.text, 'Đã lưu.', 'saved notice');
  includes(shown.text, name, 'detail page shows the name');
  const rec = (await req('GET', `/api/v1/partners/${id}`, { token: S.admin })).json();
  eq(rec.notes, 'Tạo qua biểu mẫu', 'notes stored');
  eq(rec.kind, 'ngo', 'kind stored');

  const edit = await req('GET', `/partners/${id}/edit`, { cookie: web.cookie });
  status(edit, 200);
  includes(edit.text, `name="version" value="${rec.version}"`, 'edit form carries the version');
  const upd = await req('POST', `/partners/${id}`, { cookie: web.cookie, form: { csrf: web.csrf, version: rec.version, ...partnerFormFields({ ...rec, name_en: 'Friendship NGO' }) } });
  status(upd, 303, 'update through the form');
  eq(upd.headers.location, `/partners/${id}?saved=1`, 'Location after update');
  const rec2 = (await req('GET', `/api/v1/partners/${id}`, { token: S.admin })).json();
  eq(rec2.name_en, 'Friendship NGO', 'name_en after update');
  eq(rec2.version, rec.version + 1, 'version after update');
  eq(rec2.notes, 'Tạo qua biểu mẫu', 'notes kept');

  const stale = await req('POST', `/partners/${id}`, { cookie: web.cookie, form: { csrf: web.csrf, version: rec.version, ...partnerFormFields({ ...rec, name_en: 'Lost update' }) } });
  status(stale, 409, 'update with a stale version');
  includes(stale.text, 'Bản ghi đã bị người khác sửa.', 'conflict message');
  eq((await req('GET', `/api/v1/partners/${id}`, { token: S.admin })).json().name_en, 'Friendship NGO', 'name_en after the stale update');
  const noVersion = await req('POST', `/partners/${id}`, { cookie: web.cookie, form: { csrf: web.csrf, ...partnerFormFields({ ...rec, name_en: 'No version' }) } });
  status(noVersion, 409, 'form update without a version');

  const confirm = await req('GET', `/partners/${id}/delete`, { cookie: web.cookie });
  status(confirm, 200, 'delete confirmation');
  includes(confirm.text, `action="/partners/${id}/delete"`, 'confirmation form');
  const del = await req('POST', `/partners/${id}/delete`, { cookie: web.cookie, form: { csrf: csrfOf(confirm.text) } });
  status(del, 303, 'delete through the form');
  eq(del.headers.location, '/partners?deleted=1', 'Location after delete');
  apiError(await req('GET', `/api/v1/partners/${id}`, { token: S.admin }), 404, 'not_found', 'deleted partner');
  eq(await partnerTotal(), before, 'partner total after delete');

  // a partner referred to by a contact is not deleted from the page either
  const att = (await allPartners('&subdivision=LA-AT')).find((p) => p.name_vi === 'Sở Ngoại vụ tỉnh Attapeu');
  const inUse = await req('POST', `/partners/${att.id}/delete`, { cookie: web.cookie, form: { csrf: web.csrf } });
  status(inUse, 409, 'page delete of a referenced partner');
  includes(inUse.text, 'Không xoá được', 'in-use message');
});

/* ---- language */

test('language: API messages Vietnamese by default, English with ?lang=en', async () => {
  const vi = await req('GET', '/api/v1/partners/99999999', { token: S.admin });
  eq(apiError(vi, 404, 'not_found').message, 'Không tìm thấy.', 'default message');
  const q = await req('GET', '/api/v1/partners/99999999?lang=en', { token: S.admin });
  eq(apiError(q, 404, 'not_found').message, 'Not found.', '?lang=en');
  const qi = await req('POST', '/api/v1/partners?lang=en', { token: S.officer, json: { kind: 'other', country: 'JP' } });
  eq(apiError(qi, 422, 'invalid').fields?.name_vi?.message, 'This field is required.', '?lang=en: fields.name_vi.message');
  const unauth = await req('GET', '/api/v1/partners');
  eq(apiError(unauth, 401, 'unauthorized').message, 'Cần đăng nhập.', '401 in Vietnamese');
});

test('language: Accept-Language: en gives English API messages', async () => {
  const unauth = await req('GET', '/api/v1/partners', { headers: { 'Accept-Language': 'en' } });
  eq(apiError(unauth, 401, 'unauthorized').message, 'Login required.', '401 in English (no token)');
  const en = await req('GET', '/api/v1/partners/99999999', { token: S.admin, headers: { 'Accept-Language': 'en' } });
  eq(apiError(en, 404, 'not_found').message, 'Not found.', 'Accept-Language: en');
  const enUs = await req('GET', '/api/v1/partners/99999999', { token: S.admin, headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
  eq(apiError(enUs, 404, 'not_found').message, 'Not found.', 'Accept-Language: en-US,en;q=0.9');
  const viFirst = await req('GET', '/api/v1/partners/99999999', { token: S.admin, headers: { 'Accept-Language': 'vi,en;q=0.5' } });
  eq(apiError(viFirst, 404, 'not_found').message, 'Không tìm thấy.', 'Accept-Language: vi,en;q=0.5');

  const inv = await req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'other', country: 'JP' }, headers: { 'Accept-Language': 'en' } });
  const e = apiError(inv, 422, 'invalid', 'invalid record in English');
  eq(e.message, 'Some fields are not valid; see the marked fields.', 'error.message');
  eq(e.fields?.name_vi?.message, 'This field is required.', 'fields.name_vi.message');
  const long = await req('POST', '/api/v1/partners', { token: S.officer, json: okPartner({ name_vi: 'a'.repeat(201) }), headers: { 'Accept-Language': 'en' } });
  eq(apiError(long, 422, 'invalid').fields?.name_vi?.message, 'Longer than 200 characters.', 'too_long message in English');
});

test('language: /lang switch and English pages', async () => {
  const sw = await req('GET', '/lang?to=en&next=/partners');
  status(sw, 303, '/lang');
  eq(sw.headers.location, '/partners', 'Location after /lang');
  eq(getCookie(sw, 'lang')?.value, 'en', 'lang cookie');
  eq((await req('GET', '/lang?to=en&next=//evil.example')).headers.location, '/', '/lang with a foreign next');
  const web = await adminWeb();
  const page = await req('GET', '/partners', { cookie: `${web.cookie}; lang=en` });
  status(page, 200);
  includes(page.text, '<html lang="en">', 'English page');
  includes(page.text, '<h1>Partners</h1>', 'English heading');
  const pageVi = await req('GET', '/partners', { cookie: web.cookie });
  includes(pageVi.text, '<html lang="vi">', 'Vietnamese page');
  includes(pageVi.text, '<h1>Đối tác</h1>', 'Vietnamese heading');
});

/* ---- keep-alive */

test('keep-alive: sequential requests reuse one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const pairs = [
      ['GET /healthz', () => req('GET', '/healthz', { agent })],
      ['GET /api/v1/partners', () => req('GET', '/api/v1/partners?limit=2', { agent, token: S.admin })],
      ['POST /api/v1/partners (422)', () => req('POST', '/api/v1/partners', { agent, token: S.officer, json: { kind: 'other' } })],
      ['POST /api/v1/partners (201)', () => req('POST', '/api/v1/partners', { agent, token: S.officer, json: okPartner() })],
      ['GET /partners/1 (page)', async () => req('GET', '/partners/1', { agent, cookie: (await adminWeb()).cookie })],
    ];
    for (const [what, call] of pairs) {
      const a = await call();
      const b = await call();
      ok(a.status < 500 && b.status === a.status, `${what}: statuses ${a.status}, ${b.status}`);
      ok(b.reusedSocket === true, `${what}: second request did not reuse the connection`,
        `local ports ${a.localPort} then ${b.localPort}; Connection: ${a.headers.connection ?? '(none)'}`);
      eq(b.localPort, a.localPort, `${what}: local port of the second request`);
    }
  } finally {
    agent.destroy();
  }
});

/* ---- writes at the same time (group commit: store/sqlite.c) */

test('concurrent creates: each answered for itself, all stored and found; one name once', async () => {
  const before = await partnerTotal();
  const word = `dongthoi${Date.now() % 1000000}`;
  const names = Array.from({ length: 40 }, (_, i) => `Đối tác đồng thời ${word}x${i}`);
  const answers = await Promise.all(names.map((name_vi) =>
    req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'other', name_vi, country: 'LA' } })));
  eq(JSON.stringify([...new Set(answers.map((a) => a.status))]), '[201]', 'every create answered 201');
  const ids = answers.map((a) => a.json().id);
  eq(new Set(ids).size, 40, 'forty different ids');
  for (const [i, a] of answers.entries()) eq(a.json().name_vi, names[i], `answer ${i} is its own record`);
  eq(await partnerTotal(), before + 40, 'partner total after forty creates');
  const found = (await req('GET', `/api/v1/search?q=${word}x17`, { token: S.viewer })).json().items;
  ok(found.some((h) => h.type === 'partner' && h.id === ids[17]), 'a record created at the same time as others is found by search', JSON.stringify(found));
  // ten creates of one name at once: the uniqueness check sees the others' writes
  const same = `Đối tác trùng ${word}`;
  const dup = await Promise.all(Array.from({ length: 10 }, () =>
    req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'other', name_vi: same, country: 'LA' } })));
  const st = dup.map((a) => a.status).sort();
  eq(st.filter((x) => x === 201).length, 1, `exactly one create of the same name succeeds (${st})`);
  ok(st.every((x) => x === 201 || x === 422), `the others are refused as duplicates (${st})`);
  eq(await partnerTotal(), before + 41, 'partner total after the duplicates');
});

/* ---- lists */

test('lists: limit, offset, total; bad parameters are 400', async () => {
  const all = await allPartners();
  const total = await partnerTotal();
  eq(all.length, total, 'items with limit=500 equal total');
  const p1 = (await req('GET', '/api/v1/partners?limit=3&offset=0', { token: S.viewer })).json();
  const p2 = (await req('GET', '/api/v1/partners?limit=3&offset=3', { token: S.viewer })).json();
  eq(p1.items.length, 3, 'page 1 size');
  eq(p2.items.length, 3, 'page 2 size');
  eq(p1.total, total, 'page 1 total');
  eq(p2.total, total, 'page 2 total');
  eq(p1.limit, 3, 'limit echoed');
  eq(p2.offset, 3, 'offset echoed');
  deepEq([...p1.items, ...p2.items].map((x) => x.id), all.slice(0, 6).map((x) => x.id), 'pages 1+2 equal the first 6 rows');
  const ids = all.map((x) => x.id);
  deepEq(ids, [...ids].sort((a, b) => a - b), 'default order is creation order');
  const beyond = (await req('GET', `/api/v1/partners?offset=${total + 10}`, { token: S.viewer })).json();
  deepEq(beyond.items, [], 'offset past the end');
  eq(beyond.total, total, 'total past the end');
  const def = (await req('GET', '/api/v1/partners', { token: S.viewer })).json();
  eq(def.limit, 50, 'default limit');
  for (const bad of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1', 'after=x', 'sort=notes', 'sort=-address', 'sort=khong_co', 'name_en=Attapeu', 'kind=planet', 'country=XX']) {
    const r = await req('GET', `/api/v1/partners?${bad}`, { token: S.viewer });
    const e = apiError(r, 400, 'bad_request', `?${bad}`);
    const key = bad.split('=')[0];
    ok(e.fields && e.fields[key], `?${bad}: error.fields does not name ${key}`, r.text);
  }
  status(await req('GET', '/partners?sort=notes', { cookie: (await adminWeb()).cookie }), 400, 'page list with a bad sort');
});

test('lists: cursor after=next_after gives the following rows, no overlap', async () => {
  const all = (await allPartners()).map((x) => x.id);
  const p1 = (await req('GET', '/api/v1/partners?limit=4', { token: S.viewer })).json();
  deepEq(p1.items.map((x) => x.id), all.slice(0, 4), 'first page');
  eq(p1.next_after, all[3], 'next_after is the last id of the page');
  const p2 = (await req('GET', `/api/v1/partners?limit=4&after=${p1.next_after}`, { token: S.viewer })).json();
  const ids2 = p2.items.map((x) => x.id);
  const overlap = ids2.filter((id) => p1.items.some((x) => x.id === id));
  deepEq(overlap, [], 'rows on both pages');
  deepEq(ids2, all.slice(4, 8), 'second page by cursor');
  eq(p2.next_after, all[7], 'next_after of the second page');
  // walk to the end
  const seen = [...p1.items.map((x) => x.id)];
  let after = p1.next_after;
  for (let i = 0; i < 100 && after; i++) {
    const pg = (await req('GET', `/api/v1/partners?limit=4&after=${after}`, { token: S.viewer })).json();
    seen.push(...pg.items.map((x) => x.id));
    after = pg.items.length === 4 ? pg.next_after : undefined;
  }
  deepEq(seen, all, 'walking the cursor visits every row once');
});

test('lists: sort by name_vi (Vietnamese order), both directions', async () => {
  const asc = (await allPartners('&sort=name_vi')).map((x) => x.name_vi);
  const desc = (await allPartners('&sort=-name_vi')).map((x) => x.name_vi);
  deepEq(desc, [...asc].reverse(), 'sort=-name_vi is the reverse of sort=name_vi');
  const demoOrder = ['Công ty Cổ phần Cảng cạn Bờ Y (ví dụ)', 'Đại sứ quán Campuchia tại Việt Nam', 'Đại sứ quán Việt Nam tại Lào',
    'Quỹ Nhi đồng Liên hợp quốc (UNICEF)', 'Sở Ngoại vụ tỉnh Attapeu', 'Tỉnh Attapeu', 'Tỉnh Chăm-pa-sắc', 'Tỉnh Gyeongsangbuk-do', 'Tỉnh Ratanakiri',
    'Tỉnh Sa-la-van', 'Tỉnh Sê Kông', 'Tỉnh Stung Treng', 'Tỉnh Ubon Ratchathani', 'Tổ chức Tầm nhìn Thế giới',
    'Tổng Lãnh sự quán Lào tại Đà Nẵng', 'Tổng Lãnh sự quán Việt Nam tại Pắc-xế'];
  deepEq(asc.filter((n) => demoOrder.includes(n)), demoOrder, 'demo partners in Vietnamese alphabetical order');
  const kinds = (await allPartners('&sort=kind')).map((x) => x.kind);
  deepEq(kinds, [...kinds].sort(), 'sort=kind');
  const newest = (await allPartners('&sort=-id')).map((x) => x.id);
  deepEq(newest, [...newest].sort((a, b) => b - a), 'sort=-id');
});

test('lists: filters (country, kind, subdivision; contacts by languages and flag)', async () => {
  const kh = (await req('GET', '/api/v1/partners?country=KH&limit=500', { token: S.viewer })).json();
  ok(kh.items.length >= 3, 'country=KH: expected the 3 demo partners', JSON.stringify(kh.items.map((x) => x.name_vi)));
  ok(kh.items.every((x) => x.country === 'KH'), 'country=KH returned another country', JSON.stringify(kh.items.map((x) => x.country)));
  eq(kh.total, kh.items.length, 'country=KH total');
  for (const n of ['Tỉnh Ratanakiri', 'Tỉnh Stung Treng', 'Đại sứ quán Campuchia tại Việt Nam'])
    ok(kh.items.some((x) => x.name_vi === n), `country=KH lacks ${n}`);
  const khLoc = (await req('GET', '/api/v1/partners?country=KH&kind=locality', { token: S.viewer })).json();
  deepEq(khLoc.items.map((x) => x.name_vi).sort(), ['Tỉnh Ratanakiri', 'Tỉnh Stung Treng'], 'country=KH&kind=locality');
  const sub = (await req('GET', '/api/v1/partners?subdivision=KH-16', { token: S.viewer })).json();
  deepEq(sub.items.map((x) => x.name_vi), ['Tỉnh Ratanakiri'], 'subdivision=KH-16');

  const lo = (await req('GET', '/api/v1/contacts?languages=lo&limit=500', { token: S.viewer })).json();
  const langsOf = (c) => (Array.isArray(c.languages) ? c.languages : String(c.languages).split(','));
  ok(lo.items.every((c) => langsOf(c).includes('lo')), 'languages=lo returned a contact without Lao', JSON.stringify(lo.items.map((c) => c.languages)));
  for (const n of ['Bounmy Phommachanh', 'Khamphou Sisavath', 'Nguyễn Văn An'])
    ok(lo.items.some((c) => c.full_name === n), `languages=lo lacks ${n}`);
  const ov = (await req('GET', '/api/v1/contacts?overseas_vietnamese=true&limit=500', { token: S.viewer })).json();
  deepEq(ov.items.map((c) => c.full_name).sort(), ['Nguyễn Văn An', 'Trần Thị Bình'], 'overseas_vietnamese=true');
  ok(ov.items.every((c) => c.overseas_vietnamese === true), 'overseas flag');
  apiError(await req('GET', '/api/v1/contacts?overseas_vietnamese=maybe', { token: S.viewer }), 400, 'bad_request', 'bad boolean filter');

  const web = await adminWeb();
  const page = await req('GET', '/partners?country=KH', { cookie: web.cookie });
  status(page, 200, 'filtered list page');
  includes(page.text, 'Tỉnh Ratanakiri', 'filtered page');
  excludes(page.text, '>Tỉnh Attapeu<', 'filtered page');
});

/* ---- CSV */

test('CSV export via the API and the list page', async () => {
  const total = await partnerTotal();
  const header = ['id', 'kind', 'name_vi', 'name_en', 'name_native', 'country', 'subdivision', 'address', 'website', 'email', 'phone', 'notes', 'created_at', 'updated_at', 'version'];
  const check = (r, what, expectRows) => {
    status(r, 200, what);
    ok(/^text\/csv/.test(r.headers['content-type'] || ''), `${what}: Content-Type ${r.headers['content-type']}`);
    includes(r.headers['content-disposition'] || '', 'partners.csv', `${what}: Content-Disposition`);
    deepEq([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${what}: UTF-8 BOM`);
    const rows = parseCsv(r.text.slice(1)); // after the BOM
    deepEq(rows[0], header, `${what}: header row`);
    const names = rows.slice(1).map((x) => x[2]);
    ok(names.includes('Tỉnh Attapeu'), `${what}: "Tỉnh Attapeu" missing`, JSON.stringify(names.slice(0, 5)));
    ok(rows.every((x) => x.length === header.length), `${what}: a row has the wrong number of columns`);
    if (expectRows !== undefined) eq(rows.length - 1, expectRows, `${what}: data rows`);
    return rows;
  };
  const api = await req('GET', '/api/v1/partners?format=csv', { token: S.viewer });
  const rows = check(api, 'API CSV', total);
  const xss = rows.find((x) => S.xss && x[0] === String(S.xss.id));
  if (S.xss) eq(xss?.[2], S.xss.name_vi, 'CSV keeps a name with quotes and markup exactly');
  const web = await adminWeb();
  check(await req('GET', '/partners?format=csv', { cookie: web.cookie }), 'page CSV', total);
  const kh = check(await req('GET', '/api/v1/partners?format=csv&country=LA&kind=locality', { token: S.viewer }), 'filtered CSV');
  // cells as people read them: the country's name with its code, the kind's label
  ok(kh.length > 1 && kh.slice(1).every((x) => / \(LA\)$/.test(x[5]) && x[1] === 'Địa phương nước ngoài'),
    'filtered CSV has other rows', JSON.stringify(kh.slice(1, 3)));
  const anon = await req('GET', '/api/v1/partners?format=csv');
  apiError(anon, 401, 'unauthorized', 'CSV without token');
  apiError(await req('GET', '/api/v1/partners?format=xml', { token: S.viewer }), 400, 'bad_request', 'format=xml');
});

/* ---- ETag */

test('ETag: If-None-Match gives 304 until the data changes', async () => {
  const url = '/api/v1/partners?limit=5&sort=-id';
  const a = await req('GET', url, { token: S.viewer });
  status(a, 200);
  const etag = a.headers.etag;
  ok(etag && /^(W\/)?".+"$/.test(etag), 'no ETag on a list', `ETag: ${etag}`);
  const b = await req('GET', url, { token: S.viewer, headers: { 'If-None-Match': etag } });
  status(b, 304, 'same request with If-None-Match');
  eq(b.text, '', '304 body');
  eq(b.headers.etag, etag, 'ETag on the 304');
  const p = await createPartner({ kind: 'other', name_vi: uniq('Đối tác cho ETag'), country: 'SG' }, S.officer);
  const c = await req('GET', url, { token: S.viewer, headers: { 'If-None-Match': etag } });
  status(c, 200, 'If-None-Match after a write');
  ok(c.headers.etag && c.headers.etag !== etag, 'ETag did not change after a write', `ETag: ${c.headers.etag}`);
  eq(c.json().items[0]?.id, p.id, 'new partner first by -id');
  eq(c.json().total, a.json().total + 1, 'total after the write');
  status(await req('GET', url, { token: S.viewer, headers: { 'If-None-Match': c.headers.etag } }), 304, 'new ETag gives 304');
  status(await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { notes: 'đã sửa' } }), 200);
  const d = await req('GET', url, { token: S.viewer, headers: { 'If-None-Match': c.headers.etag } });
  status(d, 200, 'If-None-Match after an update');
  eq(d.json().items[0]?.notes, 'đã sửa', 'updated notes in the list');
  status(await req('DELETE', `/api/v1/partners/${p.id}`, { token: S.officer }), 204);
  const e = await req('GET', url, { token: S.viewer, headers: { 'If-None-Match': d.headers.etag } });
  status(e, 200, 'If-None-Match after a delete');
  ok(!e.json().items.some((x) => x.id === p.id), 'deleted partner still listed');
  // the answer to another query is not confused with this one
  const other = await req('GET', '/api/v1/partners?limit=6&sort=-id', { token: S.viewer, headers: { 'If-None-Match': e.headers.etag } });
  status(other, 200, 'a different query with the first ETag');
  eq(other.json().items.length, 6, 'items of the different query');
});

/* ---- headers, 404 */

test('security headers on every kind of response', async () => {
  const web = await adminWeb();
  const list = await req('GET', '/api/v1/partners?limit=1', { token: S.viewer });
  const cases = [
    ['healthz', await req('GET', '/healthz')],
    ['css', await req('GET', '/static/app.css')],
    ['login page', await req('GET', '/login')],
    ['redirect to login', await req('GET', '/partners')],
    ['page', await req('GET', '/partners', { cookie: web.cookie })],
    ['page 404', await req('GET', '/partners/99999999', { cookie: web.cookie })],
    ['page 403 (csrf)', await req('POST', '/partners', { cookie: web.cookie, form: {} })],
    ['unknown path', await req('GET', '/khong-co-trang-nay')],
    ['API list', list],
    ['API 304', await req('GET', '/api/v1/partners?limit=1', { token: S.viewer, headers: { 'If-None-Match': list.headers.etag } })],
    ['API 401', await req('GET', '/api/v1/partners')],
    ['API 404', await req('GET', '/api/v1/partners/99999999', { token: S.viewer })],
    ['API 422', await req('POST', '/api/v1/partners', { token: S.officer, json: {} })],
    ['API 413', await req('POST', '/api/v1/partners', { token: S.officer, body: 'x'.repeat(70 * 1024) })],
    ['API CSV', await req('GET', '/api/v1/partners?format=csv', { token: S.viewer })],
    ['openapi', await req('GET', '/api/v1/openapi.json')],
    ['lang switch', await req('GET', '/lang?to=en&next=/')],
  ];
  for (const [what, r] of cases) checkSecurityHeaders(r, `${what} (${r.method} ${r.path} → ${r.status})`);
  eq(cases[0][1].status, 200, 'healthz status');
  eq(cases[0][1].json().status, 'ok', 'healthz status field');
  ok(/^text\/css/.test(cases[1][1].headers['content-type']), 'css Content-Type');
  eq(cases[9][1].status, 304, 'the 304 case');
});

test('404 for unknown records and paths, 405 for a wrong method', async () => {
  const web = await adminWeb();
  apiError(await req('GET', '/api/v1/partners/99999999', { token: S.viewer }), 404, 'not_found', 'API partner');
  apiError(await req('GET', '/api/v1/contacts/99999999', { token: S.viewer }), 404, 'not_found', 'API contact');
  apiError(await req('PUT', '/api/v1/partners/99999999', { token: S.officer, json: { notes: 'x' } }), 404, 'not_found', 'API PUT');
  apiError(await req('DELETE', '/api/v1/partners/99999999', { token: S.officer }), 404, 'not_found', 'API DELETE');
  status(await req('GET', '/partners/99999999', { cookie: web.cookie }), 404, 'page');
  status(await req('GET', '/partners/99999999/edit', { cookie: web.cookie }), 404, 'edit page');
  status(await req('GET', '/contacts/99999999', { cookie: web.cookie }), 404, 'contact page');
  status(await req('GET', '/khong-co-trang-nay', { cookie: web.cookie }), 404, 'unknown path');
  status(await req('GET', '/api/v1/khong-co', { token: S.viewer }), 404, 'unknown API path');
  status(await req('GET', '/api/v1/partners/abc', { token: S.viewer }), 404, 'non-numeric id');
  status(await req('GET', '/api/v1/partners/0', { token: S.viewer }), 404, 'id 0');
  status(await req('PATCH', '/api/v1/partners/1', { token: S.officer, json: { notes: 'x' } }), 405, 'PATCH');
  status(await req('DELETE', '/api/v1/partners', { token: S.officer }), 405, 'DELETE on a list');
});

test('OpenAPI document: public, 3.1, paths and the partner schema', async () => {
  const r = await req('GET', '/api/v1/openapi.json');
  status(r, 200, 'openapi without token');
  const doc = r.json();
  ok(/^3\.1/.test(doc.openapi), 'openapi version', doc.openapi);
  for (const p of ['/api/v1/partners', '/api/v1/partners/{id}', '/api/v1/contacts', '/api/v1/contacts/{id}', '/api/v1/login'])
    ok(doc.paths && doc.paths[p], `path ${p} missing`, Object.keys(doc.paths || {}).join(' '));
  ok(doc.paths['/api/v1/partners'].get && doc.paths['/api/v1/partners'].post, 'partners list get/post');
  ok(doc.paths['/api/v1/partners/{id}'].put && doc.paths['/api/v1/partners/{id}'].delete, 'partner put/delete');
  for (const [ent, url] of [['partner', '/api/v1/partners/1'], ['contact', '/api/v1/contacts/1']]) {
    const props = doc.components?.schemas?.[ent]?.properties;
    ok(props, `components.schemas.${ent}.properties missing`);
    const rec = (await req('GET', url, { token: S.viewer })).json();
    const missing = Object.keys(rec).filter((k) => !(k in props));
    deepEq(missing, [], `${ent} fields the API returns but the schema lacks`);
  }
  ok((doc.components.schemas.partner.required || []).includes('name_vi'), 'name_vi required in the schema');
});

test('OpenAPI document: the types of returned values match the schema', async () => {
  const doc = (await req('GET', '/api/v1/openapi.json')).json();
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const problems = [];
  for (const [ent, url] of [['partner', '/api/v1/partners/1'], ['contact', '/api/v1/contacts/1']]) {
    const props = doc.components.schemas[ent].properties;
    const rec = (await req('GET', url, { token: S.viewer })).json();
    for (const [k, v] of Object.entries(rec)) {
      if (!props[k] || props[k].type === undefined) continue;
      const allowed = [].concat(props[k].type);
      const t = typeOf(v);
      if (!allowed.includes(t) && !(t === 'integer' && allowed.includes('number')))
        problems.push(`${ent}.${k}: API returns ${t} ${JSON.stringify(v)}, schema says ${JSON.stringify(props[k].type)}`);
    }
  }
  deepEq(problems, [], 'type mismatches');
});

/* ---- command line */

test('cli: init refuses an SQLite file of another program', async () => {
  const f = path.join(DIR, 'other.db');
  const mk = cli('sqlite3', [f, 'create table x(y)']);
  ok(mk.code === 0, 'sqlite3 could not create the file', ...describeRun('sqlite3', mk));
  const r = cli(BIN, ['init', '--db', f]);
  ok(r.code !== 0 && r.code !== null, 'init on a foreign file exited 0', ...describeRun('init', r));
  includes(r.stderr, 'not an ngoaivu database', 'init message');
  const tables = cli('sqlite3', [f, '.tables']);
  eq(tables.stdout.trim(), 'x', 'tables of the foreign file after init');
  const ver = cli('sqlite3', [f, 'PRAGMA user_version; PRAGMA application_id;']);
  eq(ver.stdout.trim().split(/\s+/).join(','), '0,0', 'user_version and application_id untouched');
  const s = cli(BIN, ['export', 'partners', '--db', f]);
  ok(s.code !== 0, 'export on a foreign file exited 0', ...describeRun('export', s));
});

test('cli: a PostgreSQL --db with a password in it is refused; one out of reach says so', async () => {
  const r = cli(BIN, ['init', '--db', 'postgres://ngoaivu:mat-khau@127.0.0.1:1/ngoaivu']);
  ok(r.code !== 0 && r.code !== null, 'init with a password in --db exited 0', ...describeRun('init', r));
  includes(r.stderr, '.pgpass', 'the message says where the password goes');
  excludes(r.stderr, 'mat-khau', 'the message repeats the password');
  const port = await freePort(); // nothing listens there
  const u = cli(BIN, ['init', '--db', `postgres://ngoaivu@127.0.0.1:${port}/ngoaivu`]);
  ok(u.code !== 0 && u.code !== null, 'init on a server out of reach exited 0', ...describeRun('init', u));
  includes(u.stderr, 'cannot connect to PostgreSQL', 'message');
});

test('cli: reindex rebuilds the search index and the counts while the server runs', async () => {
  const before = await partnerTotal();
  const found = async () => {
    const r = await req('GET', `/api/v1/search?q=${encodeURIComponent('lanh su quan')}&limit=100`, { token: S.viewer });
    status(r, 200, 'search');
    return r.json().items.map((h) => `${h.type} ${h.id} ${h.title}`).sort();
  };
  const hits = await found();
  ok(hits.length > 0, 'the search finds consulates before reindex');
  const r = cli(BIN, ['reindex', '--db', DB]);
  ok(r.code === 0, 'reindex failed', ...describeRun('reindex', r));
  includes(r.stdout, 'search index rebuilt', 'reindex output');
  eq(r.stderr.trim(), '', 'nothing on standard error');
  eq(await partnerTotal(), before, 'partner total after reindex');
  deepEq(await found(), hits, 'the same records found after reindex');
});

test('cli: a database from a newer version is refused', async () => {
  const fresh = path.join(DIR, 'fresh.db'), newer = path.join(DIR, 'newer.db');
  const r0 = cli(BIN, ['init', '--db', fresh]);
  ok(r0.code === 0, 'init of a fresh database failed', ...describeRun('init', r0));
  fs.copyFileSync(fresh, newer);
  for (const ext of ['-wal', '-shm']) if (fs.existsSync(fresh + ext)) fs.copyFileSync(fresh + ext, newer + ext);
  const set = cli('sqlite3', [newer, 'PRAGMA user_version = 99']);
  ok(set.code === 0, 'sqlite3 could not set user_version', ...describeRun('sqlite3', set));
  eq(cli('sqlite3', [newer, 'PRAGMA user_version']).stdout.trim(), '99', 'user_version set');
  const r = cli(BIN, ['init', '--db', newer]);
  ok(r.code !== 0 && r.code !== null, 'init on a newer database exited 0', ...describeRun('init', r));
  includes(r.stderr, 'newer', 'init message');
  const e = cli(BIN, ['export', 'partners', '--format', 'json', '--db', newer]);
  ok(e.code !== 0, 'export on a newer database exited 0', ...describeRun('export', e));
  includes(e.stderr, 'newer', 'export message');
  eq(cli('sqlite3', [newer, 'PRAGMA user_version']).stdout.trim(), '99', 'user_version left as it was');
});

test('cli: backup of the live database is complete and readable', async () => {
  const total = await partnerTotal();
  const b = path.join(DIR, 'backup.db');
  const r = cli(BIN, ['backup', b, '--db', DB]);
  ok(r.code === 0, 'backup failed', ...describeRun('backup', r));
  ok(fs.existsSync(b), 'backup file missing');
  const e = cli(BIN, ['export', 'partners', '--format', 'json', '--db', b]);
  ok(e.code === 0, 'export from the backup failed', ...describeRun('export', e));
  let rows;
  try { rows = JSON.parse(e.stdout); } catch { fail('export --format json is not JSON', e.stdout.slice(0, 300)); }
  ok(Array.isArray(rows), 'export json is not an array');
  eq(rows.length, total, 'partners in the backup');
  ok(rows.some((p) => p.name_vi === 'Tỉnh Attapeu'), 'backup lacks "Tỉnh Attapeu"');
  const again = cli(BIN, ['backup', b, '--db', DB]);
  ok(again.code !== 0, 'backup over an existing file exited 0', ...describeRun('backup', again));
  const c = cli(BIN, ['export', 'contacts', '--format', 'json', '--db', b]);
  ok(c.code === 0, 'export contacts from the backup failed', ...describeRun('export', c));
  const contacts = (await req('GET', '/api/v1/contacts?limit=1', { token: S.admin })).json().total;
  eq(JSON.parse(c.stdout).length, contacts, 'contacts in the backup');
});

test('cli: export contacts --format csv', async () => {
  const r = cli(BIN, ['export', 'contacts', '--format', 'csv', '--db', DB]);
  ok(r.code === 0, 'export failed', ...describeRun('export', r));
  ok(r.stdout.startsWith('\uFEFF'), 'CSV does not start with a BOM');
  const rows = parseCsv(r.stdout.slice(1));
  deepEq(rows[0], ['id', 'full_name', 'name_native', 'partner_id', 'title', 'phone', 'email', 'languages', 'overseas_vietnamese', 'country', 'notes', 'created_at', 'updated_at', 'version'], 'header row');
  const total = (await req('GET', '/api/v1/contacts?limit=1', { token: S.admin })).json().total;
  eq(rows.length - 1, total, 'data rows');
  const bounmy = rows.find((x) => x[1] === 'Bounmy Phommachanh');
  ok(bounmy, 'Bounmy Phommachanh missing');
  eq(bounmy[2], 'ບຸນມີ ພົມມະຈັນ', 'name_native in Lao script');
  const bad = cli(BIN, ['export', 'contacts', '--format', 'xml', '--db', DB]);
  ok(bad.code !== 0, 'export --format xml exited 0', ...describeRun('export', bad));
  const badEnt = cli(BIN, ['export', 'planets', '--db', DB]);
  ok(badEnt.code !== 0, 'export of an unknown record type exited 0', ...describeRun('export', badEnt));
});

test('cli: user add refuses an unknown role and a short password', async () => {
  const r = cli(BIN, ['user', 'add', 'vua', '--role', 'king', '--db', DB], 'mat-khau-dai-1\n');
  ok(r.code !== 0 && r.code !== null, 'user add with role king exited 0', ...describeRun('user add', r));
  includes(r.stderr, 'unknown role', 'message');
  const s = cli(BIN, ['user', 'add', 'ngan', '--role', 'viewer', '--db', DB], 'ngan\n');
  ok(s.code !== 0, 'user add with a 4-character password exited 0', ...describeRun('user add', s));
  const list = cli(BIN, ['user', 'list', '--db', DB]);
  ok(list.code === 0, 'user list failed', ...describeRun('user list', list));
  ok(!/^vua\s/m.test(list.stdout) && !/^ngan\s/m.test(list.stdout), 'a refused user was stored', list.stdout);
  ok(/^xem\s+viewer/m.test(list.stdout), 'user list lacks xem', list.stdout);
  const login = await req('POST', '/api/v1/login', { json: { username: 'vua', password: 'mat-khau-dai-1' } });
  status(login, 401, 'login as the refused user');
});

test('cli: user passwd ends the sessions of that user', async () => {
  const l = await req('POST', '/api/v1/login', { json: { username: U.passwd, password: PW.passwd } });
  status(l, 200, 'login before passwd');
  const token = l.json().token;
  status(await req('GET', '/api/v1/partners?limit=1', { token }), 200, 'token works before passwd');
  const web = await webLogin(U.passwd, PW.passwd);
  const r = cli(BIN, ['user', 'passwd', U.passwd, '--db', DB], 'doimk-moi-67890\n');
  ok(r.code === 0, 'user passwd failed', ...describeRun('user passwd', r));
  apiError(await req('GET', '/api/v1/partners?limit=1', { token }), 401, 'unauthorized', 'old token after passwd');
  const page = await req('GET', '/partners', { cookie: web.cookie });
  status(page, 303, 'old web session after passwd');
  status(await req('POST', '/api/v1/login', { json: { username: U.passwd, password: PW.passwd } }), 401, 'old password');
  status(await req('POST', '/api/v1/login', { json: { username: U.passwd, password: 'doimk-moi-67890' } }), 200, 'new password');
  status(await req('GET', '/api/v1/partners?limit=1', { token: S.officer }), 200, "another user's token still works");
});

test('API logout ends the token', async () => {
  const l = await req('POST', '/api/v1/login', { json: { username: U.viewer, password: PW.viewer } });
  status(l, 200);
  const token = l.json().token;
  status(await req('POST', '/api/v1/logout', { token }), 200, 'logout');
  apiError(await req('GET', '/api/v1/partners?limit=1', { token }), 401, 'unauthorized', 'token after logout');
  const web = await webLogin(U.viewer, PW.viewer);
  const out = await req('POST', '/logout', { cookie: web.cookie, form: { csrf: web.csrf } });
  status(out, 303, 'page logout');
  status(await req('GET', '/partners', { cookie: web.cookie }), 303, 'session after page logout');
});

/* ---- stop: always last */

/* ------------------------------------------------ more areas: tests/e2e/t_*.mjs
 * Each module exports register(ctx) and calls test() from lib.mjs; its tests run after the
 * ones above (same server, same users) and before the shutdown test. */
const here = new URL('.', import.meta.url);
const only = process.argv.slice(2).map((a) => path.basename(a, '.mjs'));
for (const f of fs.readdirSync(here).filter((n) => /^t_.*\.mjs$/.test(n)).sort()) {
  if (only.length && !only.includes(path.basename(f, '.mjs'))) continue;
  testGroup(path.basename(f, '.mjs'));
  const m = await import(new URL(f, here));
  m.register({ S, U, PW, BIN, DB, PG, DIR, LOG, uniq, createPartner, partnerTotal, webLogin, adminWeb });
}
testGroup('stop');

test('the database opens in standard tools, which find every key in place while the server runs', async () => {
  const keys = 'SELECT count(*) FROM partners WHERE name_vi_key IS NULL OR name_vi_sort IS NULL;';
  const q = dbQuery(DB, PG ? keys : `PRAGMA integrity_check; ${keys}`);
  eq(q.status, 0, `the database's own tool: ${q.stderr}`);
  const lines = q.stdout.trim().split('\n');
  if (!PG) eq(lines.shift(), 'ok', 'PRAGMA integrity_check');
  eq(lines[0], '0', 'partners without their sort and name keys');
});

test('SIGTERM: the server stops cleanly (exit 0, no leak or sanitizer report)', async () => {
  ok(srv.child.exitCode === null, `server had already exited with ${srv.child.exitCode}`);
  srv.child.kill('SIGTERM');
  const res = await Promise.race([srv.exited, sleep(10000).then(() => null)]);
  if (!res) {
    srv.child.kill('SIGKILL');
    fail('server still running 10 s after SIGTERM');
  }
  const log = fs.readFileSync(LOG, 'utf8');
  const reports = log.split('\n').filter((l) => /AddressSanitizer|LeakSanitizer|runtime error:/.test(l));
  deepEq(reports.slice(0, 5), [], 'sanitizer reports in the server log');
  eq(res.signal, null, 'terminating signal');
  eq(res.code, 0, 'exit code (86 means LeakSanitizer found a leak)');
  includes(log, 'stopped', 'server log');
});

/* ---------------------------------------------------------------- main */

await setup();
const { passed, failed, skipped } = await runAll({
  timeoutMs: 30000, onFailure: () => logTail(LOG, 12), groups: only.length ? [...only, 'stop'] : null,
});
if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL');
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (process.env.NGOAIVU_E2E_KEEP === '1') {
  console.log(`# ${secs} s; files kept in ${DIR}`);
} else {
  fs.rmSync(DIR, { recursive: true, force: true });
  console.log(`# ${secs} s${failed ? '; NGOAIVU_E2E_KEEP=1 keeps the database and server log' : ''}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
