/* Administration without a shell: users (create in the browser, role and agency, deactivate,
 * reactivate, password reset shown once and a forced change), their sessions (listed without
 * tokens, ended one or all), the reviewed country names (seen by the running server), the
 * settings (days before a report is late), the audit log of the whole system, each user's
 * account page and password change; 403 for every non-admin on every admin route. */
import { HtmlValidate } from 'html-validate';
import { test, ok, eq, includes, excludes, status, apiError, req, getCookie, csrfOf } from './lib.mjs';

/* The same rules as t_pages.mjs: html-validate's recommended preset, long titles allowed. */
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
async function validate(html, what) {
  const report = await validator.validateString(html);
  const msgs = report.results.flatMap((r) => r.messages);
  const lines = html.split('\n');
  ok(msgs.length === 0, `${what}: ${msgs.length} HTML errors`,
    msgs.slice(0, 8).map((m) => `${m.ruleId}: ${m.message} — ${(lines[m.line - 1] || '').slice(Math.max(0, m.column - 70), m.column + 50)}`));
}

export function register({ S, U, PW, uniq, createPartner, webLogin, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const utcToday = new Date().toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const A = {}; // state shared by the tests of this file

  /* A browser login that does not expect the home page (a forced password change redirects). */
  async function login(user, password) {
    const form = await req('GET', '/login');
    const l = getCookie(form, 'lcsrf');
    const r = await req('POST', '/login', {
      cookie: `lcsrf=${l.value}`, form: { csrf: csrfOf(form.text), username: user, password, next: '/' },
    });
    status(r, 303, `web login of ${user}`);
    const sid = getCookie(r, 'sid');
    ok(sid && sid.value, `web login of ${user} set no sid cookie`);
    return { cookie: `sid=${sid.value}`, sid: sid.value };
  }
  const apiLogin = async (user, password) => {
    const r = await req('POST', '/api/v1/login', { json: { username: user, password } });
    status(r, 200, `API login of ${user}`);
    return r.json().token;
  };
  let nseq = 0;
  const uname = (s) => `${s}${process.pid % 100000}-${++nseq}`;
  /* A user made through the API with their own password already set: {id, name, pw}. */
  async function makeUser(role, extra = {}) {
    const name = uname('u');
    const r = await req('POST', '/api/v1/users', { token: S.admin, json: { username: name, role, ...extra } });
    status(r, 201, `creating ${name}`);
    const j = r.json();
    eq(j.must_change, true, 'a new user must change the password');
    const token = await apiLogin(name, j.password);
    const pw = `mk-rieng-${name}`;
    status(await req('POST', '/api/v1/account/password', { token, json: { old_password: j.password, new_password: pw } }),
      200, 'first password change');
    status(await req('POST', '/api/v1/logout', { token }), 200, 'logout');
    return { id: j.id, name, pw };
  }
  const auditOf = async (query) => {
    const r = await req('GET', `/api/v1/audit/log?${query}`, { token: S.admin });
    status(r, 200, `audit log ?${query}`);
    return r.json();
  };

  test('admin: every admin page and API call is 403 for a viewer, an agency user and an officer; the nav link is for admins only', async () => {
    const adminId = (await req('GET', '/api/v1/users', { token: S.admin })).json().items.find((u) => u.username === 'admin').id;
    A.adminId = adminId;
    const settingsBefore = (await req('GET', '/api/v1/settings', { token: S.admin })).text;
    const pages = ['/users', '/users/new', `/users/${adminId}`, '/admin', '/admin/names', '/admin/settings', '/admin/audit'];
    const posts = [
      ['/users', { username: 'ke-gian', role: 'admin' }],
      [`/users/${adminId}`, { role: 'viewer' }],
      [`/users/${adminId}/active`, { active: '0' }],
      [`/users/${adminId}/password`, {}],
      [`/users/${adminId}/sessions`, { session: 'all' }],
      ['/admin/names', { code: 'KH', name: 'Sai tên' }],
      ['/admin/settings', { report_days: '1' }],
    ];
    const apis = [
      ['GET', '/api/v1/users'], ['POST', '/api/v1/users', { username: 'ke-gian', role: 'admin' }],
      ['GET', `/api/v1/users/${adminId}`], ['PUT', `/api/v1/users/${adminId}`, { role: 'viewer' }],
      ['POST', `/api/v1/users/${adminId}/password`, {}], ['GET', `/api/v1/users/${adminId}/sessions`],
      ['DELETE', `/api/v1/users/${adminId}/sessions`], ['GET', '/api/v1/settings'],
      ['PUT', '/api/v1/settings', { report_days: 1 }], ['GET', '/api/v1/names'],
      ['POST', '/api/v1/names', { code: 'KH', name: 'Sai tên' }], ['GET', '/api/v1/audit/log'],
    ];
    for (const who of ['viewer', 'agency', 'officer']) {
      const w = await webLogin(U[who], PW[who]);
      excludes((await req('GET', '/', { cookie: w.cookie })).text, 'href="/users"', `${who}'s menu`);
      for (const p of pages) status(await req('GET', p, { cookie: w.cookie }), 403, `${who} GET ${p}`);
      for (const [p, f] of posts)
        status(await req('POST', p, { cookie: w.cookie, form: { csrf: w.csrf, ...f } }), 403, `${who} POST ${p}`);
      for (const [m, p, j] of apis)
        apiError(await req(m, p, { token: S[who], json: j }), 403, 'forbidden', `${who} ${m} ${p}`);
      const acc = await req('GET', '/account', { cookie: w.cookie });
      status(acc, 200, `${who}'s own account page`);
    }
    eq((await req('GET', '/api/v1/settings', { token: S.admin })).text, settingsBefore, 'settings untouched');
    const users = (await req('GET', '/api/v1/users', { token: S.admin })).json().items;
    ok(!users.some((u) => u.username === 'ke-gian'), 'no user was created');
    eq(users.find((u) => u.username === 'admin').role, 'admin', 'the admin is still an admin');
    status(await req('GET', '/api/v1/partners?limit=1', { token: S.admin }), 200, "the admin's session was not ended");
    const adm = await adminWeb();
    const home = await req('GET', '/', { cookie: adm.cookie });
    includes(home.text, 'href="/users">Người dùng</a>', "the admin's menu");
    includes(home.text, 'href="/account"', 'the account link in the top bar');
  });

  test('admin: a user created in the browser form logs in, must set a password, changes role, is deactivated and reactivated', async () => {
    const adm = await adminWeb();
    let r = await req('GET', '/users/new', { cookie: adm.cookie });
    status(r, 200, 'new user form');
    includes(r.text, 'name="username"', 'user name field');
    includes(r.text, '<button type="submit"', 'buttons have a type');
    includes(r.text, 'name="csrf"', 'the form carries the CSRF field');
    // errors next to the fields, in the user's language
    r = await req('POST', '/users', { cookie: adm.cookie, form: { csrf: adm.csrf, username: 'Tên Sai', role: 'agency', agency_id: '' } });
    status(r, 422, 'invalid user');
    ok(/<div class="field invalid"><label for="f-username">[\s\S]*?<p class="ferr" id="e-username">2–64 ký tự/.test(r.text), 'user name error next to its field', r.text.slice(0, 3000));
    ok(/<div class="field invalid"><label for="f-agency_id">[\s\S]*?Người dùng của cơ quan phối hợp cần có cơ quan/.test(r.text), 'agency error next to its field');
    r = await req('POST', '/users?lang=en', { cookie: adm.cookie, form: { csrf: adm.csrf, username: 'admin', role: 'viewer' } });
    status(r, 422, 'taken user name');
    includes(r.text, 'This user name is taken.', 'English message');
    r = await req('POST', '/users', { cookie: adm.cookie, form: { username: 'khongcsrf', role: 'viewer' } });
    status(r, 403, 'POST without the CSRF field');

    const name = uname('nguoimoi');
    r = await req('POST', '/users', { cookie: adm.cookie, form: { csrf: adm.csrf, username: name, display_name: 'Trần Thị Mới', role: 'viewer', agency_id: '' } });
    status(r, 201, 'user created');
    eq(r.headers['cache-control'], 'no-store', 'the page with the password is not cached');
    const pw = (r.text.match(/id="temp-pw" readonly value="([^"]+)"/) || [])[1];
    ok(pw && pw.length >= 12, 'the temporary password is shown', r.text.slice(0, 2000));
    const id = Number((r.text.match(/href="\/users\/(\d+)">/) || [])[1]);
    ok(id > 0, 'link to the new user');
    A.created = { id, name };
    r = await req('GET', `/users/${id}`, { cookie: adm.cookie });
    status(r, 200, 'user page');
    excludes(r.text, pw, 'the password is shown only once');
    includes(r.text, 'Phải đổi mật khẩu', 'the user must change the password');

    // the first login leads to the password change, and nothing else opens until it is done
    const w = await login(name, pw);
    r = await req('GET', '/', { cookie: w.cookie });
    status(r, 303, 'home before the change');
    eq(r.headers.location, '/account/password', 'sent to the password change');
    status(await req('GET', '/partners', { cookie: w.cookie }), 303, 'a list before the change');
    const tok = await apiLogin(name, pw);
    r = await req('GET', '/api/v1/partners?limit=1', { token: tok });
    apiError(r, 403, 'forbidden', 'the API before the change');
    eq(r.json().error.fields.password.code, 'pw_must_change', 'the reason');
    r = await req('GET', '/account/password', { cookie: w.cookie });
    status(r, 200, 'password change page');
    includes(r.text, 'Mật khẩu của bạn do quản trị đặt', 'why');
    const csrf = csrfOf(r.text);
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { csrf, old_password: 'sai-roi-123', new_password: name } });
    status(r, 422, 'wrong old password and the user name as the new one');
    ok(/<label for="f-old_password">[\s\S]*?<p class="ferr" id="e-old_password">Mật khẩu hiện tại không đúng\.<\/p>/.test(r.text), 'old password error next to its field');
    ok(/<label for="f-new_password">[\s\S]*?<p class="ferr" id="e-new_password">Mật khẩu không được trùng tên đăng nhập\.<\/p>/.test(r.text), 'new password error next to its field');
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { csrf, old_password: pw, new_password: 'ngắn' } });
    includes(r.text, 'Cần ít nhất 8 ký tự.', 'too short');
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { csrf, old_password: pw, new_password: 'Matkhau2026!' } });
    status(r, 422, 'a common password, with digits and a sign after it');
    includes(r.text, 'Mật khẩu này quá phổ biến, dễ bị đoán', 'says why');
    r = await req('POST', '/api/v1/account/password', { token: tok, json: { old_password: pw, new_password: 'P@ssw0rd1' } });
    apiError(r, 422, 'invalid', 'the API refuses it too');
    eq(r.json().error.fields.new_password.code, 'pw_common', 'with its code');
    const mine = 'mật-khẩu-riêng-1';
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { csrf, old_password: pw, new_password: mine } });
    status(r, 303, 'password changed');
    status(await req('GET', '/', { cookie: w.cookie }), 200, 'this session is kept and opens the pages');
    apiError(await req('GET', '/api/v1/partners?limit=1', { token: tok }), 401, 'unauthorized', 'the other session ended');
    status(await req('POST', '/api/v1/login', { json: { username: name, password: pw } }), 401, 'the temporary password is gone');

    // role: a viewer may not create records, an officer may
    status(await req('GET', '/partners/new', { cookie: w.cookie }), 403, 'viewer: no new partner form');
    r = await req('POST', `/users/${id}`, { cookie: adm.cookie, form: { csrf: adm.csrf, display_name: 'Trần Thị Mới', role: 'officer', agency_id: '' } });
    status(r, 303, 'role changed');
    status(await req('GET', '/partners/new', { cookie: w.cookie }), 200, 'officer: the new partner form, in the same session');
    eq((await req('GET', `/api/v1/users/${id}`, { token: S.admin })).json().role, 'officer', 'role stored');
    // an agency user: the agency chosen by name
    const ag = (await req('GET', '/api/v1/agencies?limit=1', { token: S.admin })).json().items[0];
    r = await req('PUT', `/api/v1/users/${id}`, { token: S.admin, json: { role: 'agency', agency: ag.name_vi } });
    status(r, 200, 'role agency with the agency by name');
    eq(r.json().agency_id, ag.id, 'the agency');
    apiError(await req('PUT', `/api/v1/users/${id}`, { token: S.admin, json: { role: 'agency', agency: 'Không có cơ quan này' } }), 422, 'invalid', 'unknown agency');
    r = await req('PUT', `/api/v1/users/${id}`, { token: S.admin, json: { role: 'officer' } });
    eq(r.json().agency_id, null, 'no agency for an officer');
    apiError(await req('PUT', `/api/v1/users/${A.adminId}`, { token: S.admin, json: { role: 'viewer' } }), 422, 'invalid', 'an admin demoting themselves');

    // deactivated: the session and the calendar feed stop at once, the login too; reactivated:
    // the login works again (the old calendar address stays ended)
    r = await req('GET', '/calendar', { cookie: w.cookie });
    r = await req('POST', '/calendar/token', { cookie: w.cookie, form: { csrf: csrfOf(r.text), month: today.slice(0, 7) } });
    const feed = (r.text.match(/id="cal-url" readonly value="https?:\/\/[^/"]+(\/ical\/[0-9a-f]{64}\.ics)"/) || [])[1];
    ok(feed, 'a calendar address was made', r.text.slice(0, 1500));
    status(await req('GET', feed), 200, 'the feed before deactivation');
    r = await req('GET', '/account', { cookie: w.cookie });
    includes(r.text, 'Địa chỉ lịch của bạn được tạo lúc', 'the account page knows the address exists');
    r = await req('POST', `/users/${id}/active`, { cookie: adm.cookie, form: { csrf: adm.csrf, active: '0' } });
    status(r, 303, 'deactivate');
    status(await req('GET', feed), 404, 'the feed after deactivation');
    r = await req('GET', '/', { cookie: w.cookie });
    status(r, 303, 'the session after deactivation');
    ok(r.headers.location.startsWith('/login'), 'sent to the login');
    status(await req('POST', '/api/v1/login', { json: { username: name, password: mine } }), 401, 'login of a deactivated user');
    includes((await req('GET', '/users', { cookie: adm.cookie })).text, 'Đã khoá', 'the list says so');
    r = await req('POST', `/users/${A.adminId}/active`, { cookie: adm.cookie, form: { csrf: adm.csrf, active: '0' } });
    status(r, 422, 'an admin deactivating themselves');
    includes(r.text, 'Không áp dụng được cho chính tài khoản của bạn.', 'the reason');
    status(await req('POST', `/users/${id}/active`, { cookie: adm.cookie, form: { csrf: adm.csrf, active: '1' } }), 303, 'reactivate');
    await apiLogin(name, mine);
    status(await req('GET', feed), 404, 'the old calendar address stays ended');

    const log = await auditOf(`entity=user&user=admin&limit=100`);
    const mineLog = log.items.filter((e) => e.record === id);
    ok(mineLog.some((e) => e.action === 'create' && e.new.username === name), 'creation audited');
    ok(mineLog.some((e) => e.old && e.old.role === 'viewer' && e.new.role === 'officer'), 'role change audited');
    ok(mineLog.some((e) => e.old && e.old.active === true && e.new.active === false), 'deactivation audited');
    ok(mineLog.some((e) => e.old && e.old.active === false && e.new.active === true), 'reactivation audited');
    const own = await auditOf(`entity=user&user=${name}`);
    ok(own.items.some((e) => e.record === id && e.new.password === 'changed'), 'their own password change audited');
    const text = JSON.stringify(log) + JSON.stringify(own);
    excludes(text, pw, 'no password in the audit');
    excludes(text, mine, 'no password in the audit');
    excludes(text, '$argon2', 'no hash in the audit');
  });

  test('admin: sessions are listed without tokens and ended one or all; a reset password is shown once and forces a change', async () => {
    const u = await makeUser('officer');
    const w = await login(u.name, u.pw);
    const tok = await apiLogin(u.name, u.pw);
    let r = await req('GET', `/api/v1/users/${u.id}/sessions`, { token: S.admin });
    status(r, 200, 'sessions');
    const items = r.json().items;
    eq(items.length, 2, 'the web and the API session (the first one ended with the password change)');
    deepKinds(items);
    excludes(r.text, w.sid, 'no web token');
    excludes(r.text, tok, 'no API token');
    ok(items.every((s) => !('token' in s) && !('token_hash' in s)), 'no token field');
    const adm = await adminWeb();
    r = await req('GET', `/users/${u.id}`, { cookie: adm.cookie });
    status(r, 200, 'user page with sessions');
    excludes(r.text, w.sid, 'no web token on the page');
    excludes(r.text, tok, 'no API token on the page');
    const apiSession = items.find((s) => s.kind === 'api');
    r = await req('POST', `/users/${u.id}/sessions`, { cookie: adm.cookie, form: { csrf: adm.csrf, session: String(apiSession.id) } });
    status(r, 303, 'end one session');
    apiError(await req('GET', '/api/v1/partners?limit=1', { token: tok }), 401, 'unauthorized', 'the ended session');
    status(await req('GET', '/', { cookie: w.cookie }), 200, 'the other session still works');
    includes((await req('GET', r.headers.location, { cookie: adm.cookie })).text, 'Đã kết thúc 1 phiên.', 'said so');
    apiError(await req('DELETE', `/api/v1/users/${u.id}/sessions?session=999999`, { token: S.admin }), 404, 'not_found', "a session that is not theirs");
    r = await req('DELETE', `/api/v1/users/${u.id}/sessions`, { token: S.admin });
    status(r, 200, 'end every session');
    eq(r.json().ended, 1, 'how many');
    status(await req('GET', '/', { cookie: w.cookie }), 303, 'the web session after "end all"');

    // reset
    const w2 = await login(u.name, u.pw);
    r = await req('POST', `/users/${u.id}/password`, { cookie: adm.cookie, form: { csrf: adm.csrf } });
    status(r, 200, 'reset');
    eq(r.headers['cache-control'], 'no-store', 'not cached');
    const temp = (r.text.match(/id="temp-pw" readonly value="([^"]+)"/) || [])[1];
    ok(temp, 'the new password is shown');
    excludes((await req('GET', `/users/${u.id}`, { cookie: adm.cookie })).text, temp, 'shown once');
    status(await req('GET', '/', { cookie: w2.cookie }), 303, 'the sessions end with a reset');
    status(await req('POST', '/api/v1/login', { json: { username: u.name, password: u.pw } }), 401, 'the old password');
    const w3 = await login(u.name, temp);
    r = await req('GET', '/calendar', { cookie: w3.cookie });
    eq(r.headers.location, '/account/password', 'a login with the reset password must change it first');
    const viaApi = await req('POST', `/api/v1/users/${u.id}/password`, { token: S.admin });
    status(viaApi, 200, 'reset through the API');
    ok(/^[A-Za-z0-9]{16}$/.test(viaApi.json().password), 'a random password');
    const log = await auditOf(`entity=user`);
    const resets = log.items.filter((e) => e.record === u.id && e.new && e.new.password === 'reset');
    eq(resets.length, 2, 'both resets audited');
    excludes(JSON.stringify(log), temp, 'no password in the audit');
    excludes(JSON.stringify(log), viaApi.json().password, 'no password in the audit');
    ok(log.items.some((e) => e.record === u.id && e.new && e.new.session_ended === apiSession.id), 'ending one session audited');
  });

  function deepKinds(items) {
    eq(items.map((s) => s.kind).sort().join(','), 'api,web', 'kinds');
    for (const s of items) {
      ok(Number.isInteger(s.id) && s.id > 0, 'a session number');
      ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s.created) && /^\d{4}-\d\d-\d\dT/.test(s.expires), 'times', JSON.stringify(s));
      ok(s.expires > s.created, 'expires after created');
    }
  }

  test('account: the page links the calendar address; a password change refuses a wrong old one, ends the other sessions and keeps this one', async () => {
    const u = await makeUser('viewer');
    const w = await webLogin(u.name, u.pw);
    const other = await login(u.name, u.pw);
    const tok = await apiLogin(u.name, u.pw);
    let r = await req('GET', '/account', { cookie: w.cookie });
    status(r, 200, 'account page');
    includes(r.text, u.name, 'who');
    includes(r.text, 'href="/calendar"', 'the calendar address link');
    includes(r.text, 'Bạn chưa có địa chỉ lịch', 'no address yet');
    includes(r.text, 'autocomplete="current-password"', 'password fields');
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { old_password: u.pw, new_password: 'khong-csrf-123' } });
    status(r, 403, 'no CSRF field');
    r = await req('POST', '/account/password?lang=en', { cookie: w.cookie, form: { csrf: w.csrf, old_password: 'sai-mat-khau', new_password: 'doi-sang-mk-rieng-1' } });
    status(r, 422, 'wrong old password');
    includes(r.text, 'The current password is wrong.', 'in English');
    status(await req('GET', '/', { cookie: other.cookie }), 200, 'nothing ended by a refused change');
    apiError(await req('POST', '/api/v1/account/password', { token: tok, json: { old_password: u.pw, new_password: 'ngắn' } }), 422, 'invalid', 'API: refused');
    r = await req('POST', '/account/password', { cookie: w.cookie, form: { csrf: w.csrf, old_password: u.pw, new_password: 'doi-sang-mk-rieng-1' } });
    status(r, 303, 'changed');
    r = await req('GET', r.headers.location, { cookie: w.cookie });
    status(r, 200, 'this session kept');
    includes(r.text, 'Đã đổi mật khẩu.', 'said so');
    status(await req('GET', '/', { cookie: other.cookie }), 303, 'the other web session ended');
    apiError(await req('GET', '/api/v1/partners?limit=1', { token: tok }), 401, 'unauthorized', 'the API session ended');
    const t2 = await apiLogin(u.name, 'doi-sang-mk-rieng-1');
    r = await req('GET', '/api/v1/account', { token: t2 });
    status(r, 200, 'API account');
    eq(r.json().username, u.name, 'who');
    eq(r.json().must_change, false, 'nothing to change');

    // an open session is no way to guess the password: wrong old ones are slowed down
    const g = await makeUser('viewer');
    const gt = await apiLogin(g.name, g.pw);
    for (let i = 0; i < 5; i++) {
      r = await req('POST', '/api/v1/account/password', { token: gt, json: { old_password: `doan-${i}-xyz`, new_password: 'mat-khau-moi-2' } });
      eq(r.json().error.fields.old_password.code, 'pw_old_wrong', `wrong guess ${i + 1}`);
    }
    r = await req('POST', '/api/v1/account/password', { token: gt, json: { old_password: g.pw, new_password: 'mat-khau-moi-2' } });
    apiError(r, 422, 'invalid', 'the right one after five wrong');
    eq(r.json().error.fields.old_password.code, 'pw_too_many', 'not even checked');
    await apiLogin(g.name, g.pw);
  });

  test('admin: a corrected country name is seen on a partner page without a restart, listed, and audited', async () => {
    const p = await createPartner({ kind: 'ngo', name_vi: uniq('Tổ chức Băng Đảo'), country: 'IS' });
    const adm = await adminWeb();
    let r = await req('GET', `/partners/${p.id}`, { cookie: adm.cookie });
    status(r, 200, 'partner page');
    const fixed = `Ai-xơ-len ${process.pid}`;
    excludes(r.text, fixed, 'not yet');
    r = await req('GET', '/admin/names?q=iceland', { cookie: adm.cookie });
    status(r, 200, 'names page filtered');
    includes(r.text, '<td data-label="Mã">IS</td>', 'Iceland listed');
    r = await req('POST', '/admin/names', { cookie: adm.cookie, form: { csrf: adm.csrf, code: 'ZZ', name: 'Không có' } });
    status(r, 422, 'unknown code');
    ok(/<label for="f-code">[\s\S]*?<p class="ferr" id="e-code">Mã quốc gia không tồn tại/.test(r.text), 'error next to the code');
    r = await req('POST', '/admin/names', { cookie: adm.cookie, form: { csrf: adm.csrf, code: 'IS', name: '  ' } });
    ok(/<label for="f-name">[\s\S]*?<p class="ferr" id="e-name">Bắt buộc nhập\./.test(r.text), 'error next to the name');
    r = await req('POST', '/admin/names', { cookie: adm.cookie, form: { csrf: adm.csrf, code: 'is', name: fixed } });
    status(r, 303, 'corrected');
    r = await req('GET', `/partners/${p.id}`, { cookie: adm.cookie });
    includes(r.text, fixed, 'the partner page shows the correction at once');
    r = await req('GET', '/api/v1/names?q=IS&country=IS', { token: S.admin });
    status(r, 200, 'names API');
    const row = r.json().items.find((n) => n.code === 'IS');
    eq(row.name_vi, fixed, 'the name');
    eq(row.corrected, true, 'marked as corrected');
    includes((await req('GET', '/admin/names?country=IS', { cookie: adm.cookie })).text, 'đã sửa', 'marked on the page');
    const log = await auditOf('entity=name&user=admin');
    ok(log.items.some((e) => e.new.code === 'IS' && e.new.name_vi === fixed), 'audited');
    apiError(await req('POST', '/api/v1/names', { token: S.admin, json: { code: 'LA-ZZ', name: 'x' } }), 422, 'invalid', 'API: unknown subdivision');
  });

  test('admin: the days before a delegation report is late are a setting; out-of-range values are refused', async () => {
    const adm = await adminWeb();
    // a leader to approve, made through the API
    const leader = await makeUser('leader');
    const lt = await apiLogin(leader.name, leader.pw);
    let r = await req('POST', '/api/v1/delegations', {
      token: S.officer,
      json: { title: uniq('Đoàn kết thúc 10 ngày trước'), direction: 'outbound', level: 'department', channel: 'state', country: 'LA', start_date: shift(today, -12), end_date: shift(today, -10) },
    });
    status(r, 201, 'delegation');
    const id = r.json().id;
    for (const [to, token] of [['approved', lt], ['under_way', S.officer], ['completed', S.officer]])
      status(await req('POST', `/api/v1/delegations/${id}/transition`, { token, json: { to } }), 200, `step to ${to}`);
    const late = 'Chậm báo cáo kết quả';
    try {
      excludes((await req('GET', `/delegations/${id}`, { cookie: adm.cookie })).text, late, 'not late after 10 of 15 days');
      r = await req('GET', '/admin/settings', { cookie: adm.cookie });
      status(r, 200, 'settings page');
      includes(r.text, 'name="report_days"', 'the field');
      includes(r.text, 'Đang áp dụng: 15', 'the value in force');
      for (const bad of ['abc', '0', '1000', '7.5']) {
        r = await req('POST', '/admin/settings', { cookie: adm.cookie, form: { csrf: adm.csrf, report_days: bad, remind_days: '' } });
        status(r, 422, `report_days ${bad}`);
        ok(/<label for="f-report_days">[\s\S]*?<p class="ferr" id="e-report_days">Nhập một số nguyên từ 1 đến 365\.<\/p>/.test(r.text), `error next to the field (${bad})`);
      }
      eq((await req('GET', '/api/v1/settings', { token: S.admin })).json().report_days.value, 15, 'unchanged by refused values');
      apiError(await req('PUT', '/api/v1/settings', { token: S.admin, json: { report_days: 'sáu' } }), 422, 'invalid', 'API: not a number');
      apiError(await req('PUT', '/api/v1/settings', { token: S.admin, json: { bogus: 3 } }), 422, 'invalid', 'API: unknown setting');
      r = await req('POST', '/admin/settings', { cookie: adm.cookie, form: { csrf: adm.csrf, report_days: '7', remind_days: '' } });
      status(r, 303, 'saved');
      includes((await req('GET', `/delegations/${id}`, { cookie: adm.cookie })).text, late, 'late after 10 days when 7 are allowed');
      const s = (await req('GET', '/api/v1/settings', { token: S.admin })).json();
      eq(s.report_days.value, 7, 'API value');
      eq(s.report_days.source, 'database', 'API source');
      const log = await auditOf('entity=setting');
      ok(log.items.some((e) => e.old.report_days === 15 && e.new.report_days === 7), 'audited');
    } finally {
      r = await req('PUT', '/api/v1/settings', { token: S.admin, json: { report_days: null } });
      status(r, 200, 'back to the default');
      eq(r.json().report_days.value, 15, 'the default again');
    }
    excludes((await req('GET', `/delegations/${id}`, { cookie: adm.cookie })).text, late, 'not late with 15 days again');
  });

  test('admin: the audit log filters by user, record type and dates, and pages', async () => {
    const all = await auditOf('limit=500');
    ok(all.total >= 10 && all.items.length === Math.min(all.total, 500), 'entries', `total ${all.total}`);
    const byUser = await auditOf('user=admin&entity=user');
    ok(byUser.total > 0 && byUser.items.every((e) => e.user === 'admin' && e.entity === 'user'), 'user and type filters');
    ok(byUser.total < all.total, 'the filter leaves some out');
    const officers = await auditOf(`user=${U.officer}`);
    ok(officers.items.every((e) => e.user === U.officer), 'another user');
    eq((await auditOf(`from=${utcToday}&to=${utcToday}`)).total, all.total, 'everything is from today');
    eq((await auditOf(`to=${shift(utcToday, -1)}`)).total, 0, 'nothing before today');
    eq((await auditOf(`from=${shift(utcToday, 1)}`)).total, 0, 'nothing after today');
    const p1 = await auditOf('limit=2'), p2 = await auditOf('limit=2&offset=2');
    eq(p1.items.length, 2, 'a page of 2');
    ok(p1.items[1].id > p2.items[0].id, 'the next page is older');
    eq(p1.total, p2.total, 'the same total');
    let r = await req('GET', '/api/v1/audit/log?from=2026-13-01', { token: S.admin });
    apiError(r, 400, 'bad_request', 'bad date');
    eq(r.json().error.fields.from.code, 'bad_date', 'the field');
    apiError(await req('GET', '/api/v1/audit/log?entity=planet', { token: S.admin }), 400, 'bad_request', 'unknown type');
    const adm = await adminWeb();
    r = await req('GET', `/admin/audit?user=admin&entity=user&from=${utcToday}&to=${utcToday}`, { cookie: adm.cookie });
    status(r, 200, 'audit page');
    includes(r.text, '<option selected>admin</option>', 'the user filter kept');
    includes(r.text, '<option value="user" selected>', 'the type filter kept');
    includes(r.text, `${byUser.total} mục`, 'the count');
    includes(r.text, 'data-label="Thời điểm (UTC)"', 'rows readable on a phone');
    r = await req('GET', '/admin/audit?from=hôm-qua', { cookie: adm.cookie });
    status(r, 400, 'bad date on the page');
    includes(r.text, 'Ngày không hợp lệ', 'the reason next to the filter');
    r = await req('GET', '/admin/audit?limit=1', { cookie: adm.cookie });
    includes(r.text, 'class="pager"', 'paged');
  });

  test('admin: every administration and account page is valid HTML in Vietnamese and in English, errors tied to fields', async () => {
    const adm = await adminWeb();
    const u = await makeUser('viewer');
    const w = await webLogin(u.name, u.pw);
    const pages = [
      ['users', 'GET', '/users'], ['new user', 'GET', '/users/new'], ['user', 'GET', `/users/${u.id}`],
      ['names', 'GET', '/admin/names?q=lao'], ['settings', 'GET', '/admin/settings'],
      ['audit log', 'GET', '/admin/audit?entity=user'],
      ['new user, refused', 'POST', '/users', { username: 'X', role: 'agency' }, 422],
      ['user, refused', 'POST', `/users/${A.adminId}/active`, { active: '0' }, 422],
      ['names, refused', 'POST', '/admin/names', { code: 'ZZ', name: '' }, 422],
      ['settings, refused', 'POST', '/admin/settings', { report_days: 'x', remind_days: '0' }, 422],
      ['audit log, refused', 'GET', '/admin/audit?from=x', null, 400],
    ];
    for (const lang of ['vi', 'en']) {
      for (const [what, m, p, form, want] of pages) {
        const sep = p.includes('?') ? '&' : '?';
        const r = await req(m, `${p}${sep}lang=${lang}`, { cookie: adm.cookie, form: form ? { csrf: adm.csrf, ...form } : undefined });
        status(r, want || 200, `${what} (${lang})`);
        await validate(r.text, `${what} (${lang})`);
      }
      for (const [what, m, p, form, want] of [['account', 'GET', '/account'], ['password', 'GET', '/account/password'],
        ['password, refused', 'POST', '/account/password', { old_password: 'x', new_password: 'y' }, 422]]) {
        const r = await req(m, `${p}?lang=${lang}`, { cookie: w.cookie, form: form ? { csrf: w.csrf, ...form } : undefined });
        status(r, want || 200, `${what} (${lang})`);
        await validate(r.text, `${what} (${lang})`);
      }
    }
  });
}
