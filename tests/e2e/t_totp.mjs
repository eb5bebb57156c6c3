/* The second factor (TOTP, RFC 6238) and personal access tokens: turning it on from the
 * account page (the QR code, the first code, ten recovery codes shown once), the login's
 * second step (a code taken once, a recovery code used up, five tries a ticket, a wrong code
 * never opens a session), the API login with "code", the department's policy by role (the
 * enrolment at the next login; no way round it through the API; no turning it off), an
 * admin's removal (a lost phone) from the page and the CLI, and tokens made, used and
 * revoked from the account page. The codes are computed here, by this file's own RFC 6238,
 * not by the server's library. */
import crypto from 'node:crypto';
import path from 'node:path';
import {
  test, ok, eq, includes, excludes, status, apiError, req, getCookie, csrfOf, cli, describeRun,
  startServer, freePort, server, sleep, fail, logTail,
} from './lib.mjs';

function base32(s) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, v = 0;
  const out = [];
  for (const ch of s.replace(/[\s=]/g, '')) {
    const i = abc.indexOf(ch.toUpperCase());
    if (i < 0) throw new Error(`not base32: ${ch}`);
    v = (v << 5) | i; bits += 5;
    if (bits >= 8) { out.push((v >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/* The code of secret for the 30 s step holding time t (seconds); offset steps later. */
export function totp(secret, offset = 0, t = Date.now() / 1000) {
  const counter = Math.floor(t / 30) + offset;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

const hidden = (html, name) => {
  const m = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return m ? m[1] : null;
};

export function register({ S, BIN, DB, DIR, uniq, webLogin, adminWeb }) {
  const made = (role) => {
    const name = uniq(`totp-${role}`).replace(/ /g, '-').toLowerCase();
    const pw = `Mot-khau-rieng-${crypto.randomBytes(4).toString('hex')}`;
    const r = cli(BIN, ['user', 'add', name, '--role', role, '--db', DB], pw + '\n');
    ok(r.code === 0, `user add ${name}`, ...describeRun('user add', r));
    return { name, pw };
  };

  /* The first step of a login: the password; returns the page (and the login CSRF cookie). */
  async function password(u) {
    const form = await req('GET', '/login');
    const l = getCookie(form, 'lcsrf').value;
    const r = await req('POST', '/login', {
      cookie: `lcsrf=${l}`, form: { csrf: csrfOf(form.text), username: u.name, password: u.pw, next: '/calendar' },
    });
    return { r, l, csrf: csrfOf(form.text) };
  }

  async function second(step, code) {
    const ticket = hidden(step.r.text, 'ticket');
    ok(ticket && /^[0-9a-f]{64}$/.test(ticket), 'the second step carries a ticket', step.r.text.slice(0, 400));
    return req('POST', '/login', {
      cookie: `lcsrf=${step.l}`, form: { csrf: step.csrf, ticket, code, next: hidden(step.r.text, 'next') },
    });
  }

  async function enable(u) {
    const w = await webLogin(u.name, u.pw);
    let acc = await req('GET', '/account', { cookie: w.cookie });
    status(acc, 200, 'the account page');
    includes(acc.text, 'Xác thực hai bước', 'the account page has the second factor section');
    includes(acc.text, 'href="/account/totp"', 'the account page offers to turn it on');
    const page = await req('GET', '/account/totp', { cookie: w.cookie });
    status(page, 200, 'GET /account/totp');
    includes(page.text, '<svg class="qr"', 'the page shows the QR code');
    eq(page.headers['cache-control'], 'no-store', 'the secret page is not kept by the browser');
    const secret = hidden(page.text, 'secret');
    ok(secret && /^[A-Z2-7]{32}$/.test(secret), 'a 160-bit base32 secret', secret);
    includes(page.text.replace(/ /g, ''), secret, 'the key is shown for typing');
    // a wrong first code: refused, still off
    let r = await req('POST', '/account/totp', { cookie: w.cookie, form: { csrf: w.csrf, secret, code: '000000' === totp(secret) ? '111111' : '000000' } });
    status(r, 422, 'a wrong first code');
    includes(r.text, 'Mã xác thực không đúng', 'the error says the code is wrong');
    acc = await req('GET', '/account', { cookie: w.cookie });
    includes(acc.text, 'href="/account/totp"', 'still off after a wrong code');
    r = await req('POST', '/account/totp', { cookie: w.cookie, form: { csrf: w.csrf, secret, code: totp(secret) } });
    status(r, 200, 'the right first code');
    const codes = [...r.text.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
    eq(codes.length, 10, 'ten recovery codes shown');
    eq(new Set(codes).size, 10, 'the recovery codes differ');
    acc = await req('GET', '/account', { cookie: w.cookie });
    includes(acc.text, 'Còn 10 mã khôi phục', 'on, with 10 codes left');
    return { secret, codes, w };
  }

  test('second factor: turned on from the account page; the login then asks for a code, taken once, and a recovery code once', async () => {
    const u = made('officer');
    const { secret, codes } = await enable(u);

    // the password alone opens no session any more
    let step = await password(u);
    status(step.r, 200, 'the password of a user with a second factor');
    ok(!getCookie(step.r, 'sid'), 'no session before the code');
    includes(step.r.text, 'autocomplete="one-time-code"', 'the code field');
    // the code taken at the enrolment (this step) is not taken again; the next step's is
    let r = await second(step, totp(secret));
    status(r, 401, 'the code already used to turn it on');
    ok(!getCookie(r, 'sid'), 'no session for a used code');
    const next = totp(secret, 1);
    r = await second(step, next);
    status(r, 303, 'the next code');
    eq(r.headers.location, '/calendar', 'the login goes on to the page asked for');
    const sid = getCookie(r, 'sid');
    ok(sid && sid.value, 'a session after the code');
    status(await req('GET', '/calendar', { cookie: `sid=${sid.value}` }), 200, 'the session works');
    // the same code at another login: refused (one use)
    step = await password(u);
    r = await second(step, next);
    status(r, 401, 'a code used once already');
    includes(r.text, 'Mã xác thực không đúng hoặc đã được dùng', 'the page says why');

    // a recovery code, in upper case with spaces: once
    r = await second(step, ` ${codes[3].toUpperCase().replace('-', ' ')} `);
    status(r, 303, 'a recovery code');
    eq(r.headers.location, '/account?recovered=1', 'the account page next, to say how many are left');
    const c2 = `sid=${getCookie(r, 'sid').value}`;
    const acc = await req('GET', '/account?recovered=1', { cookie: c2 });
    includes(acc.text, 'còn 9 mã', 'nine recovery codes left');
    step = await password(u);
    r = await second(step, codes[3]);
    status(r, 401, 'a recovery code used once already');
  });

  test('second factor: five wrong codes end the ticket; the API login needs "code"; a wrong code counts as a failed login', async () => {
    const u = made('viewer');
    const { secret } = await enable(u);
    const step = await password(u);
    for (let i = 0; i < 5; i++) {
      const r = await second(step, String(100000 + i));
      status(r, [401, 429], `wrong code ${i + 1}`);
      ok(!getCookie(r, 'sid'), 'no session for a wrong code');
    }
    let r = await second(step, totp(secret, 1));
    status(r, 401, 'the right code on a ticket past its tries');
    includes(r.text, 'Hãy đăng nhập lại', 'the page says to sign in again');
    // wrong codes count as failed logins of this user from this client: the password is
    // held back too, for this client
    const step2 = await password(u);
    status(step2.r, 429, 'the next login from this client after five wrong codes');
    ok(!getCookie(step2.r, 'sid'), 'no session');

    const v = made('viewer');
    const e = await enable(v);
    r = await req('POST', '/api/v1/login', { json: { username: v.name, password: v.pw } });
    const err = apiError(r, 401, 'unauthorized', 'an API login without its code');
    eq(err.fields?.code?.code, 'totp_needed', 'the field named, with what it needs');
    r = await req('POST', '/api/v1/login', { json: { username: v.name, password: v.pw, code: 42 } });
    apiError(r, 400, 'bad_request', 'a code that is not a string');
    r = await req('POST', '/api/v1/login', { json: { username: v.name, password: v.pw, code: '000000' === totp(e.secret, 1) ? '111111' : '000000' } });
    eq(apiError(r, 401, 'unauthorized', 'a wrong code').fields?.code?.code, 'totp_wrong', 'the code named wrong');
    r = await req('POST', '/api/v1/login', { json: { username: v.name, password: 'wrong-password', code: totp(e.secret, 1) } });
    const e2 = apiError(r, 401, 'unauthorized', 'a right code with a wrong password');
    ok(!e2.fields, 'a wrong password says nothing of the code', JSON.stringify(e2));
    r = await req('POST', '/api/v1/login', { headers: { 'Accept-Language': 'en' }, json: { username: v.name, password: v.pw, code: totp(e.secret, 1) } });
    status(r, 200, 'the password and the code');
    ok(r.json().token, 'a token');
  });

  test('second factor: the policy by role: enrolment at the next login, none through the API, no turning it off; an admin removes it', async () => {
    const put = (roles) => req('PUT', '/api/v1/settings', { token: S.admin, json: { totp_roles: roles } });
    let r = await put(['leader', 'nobody']);
    apiError(r, 422, 'invalid', 'an unknown role');
    r = await put(['leader']);
    status(r, 200, 'the policy: leaders');
    try {
      eq(JSON.stringify(r.json().totp_roles.roles), '["leader"]', 'the policy read back');
      const aw = await adminWeb();
      const page = await req('GET', '/admin/settings', { cookie: aw.cookie });
      includes(page.text, 'name="totp_roles.leader" value="1" checked', 'the settings page ticks leaders');
      excludes(page.text, 'name="totp_roles.officer" value="1" checked', 'and not officers');
      // the form sends the boxes ticked; nothing ticked is no role, not "as before"
      r = await req('POST', '/admin/settings', { cookie: aw.cookie, form: [['csrf', aw.csrf], ['totp_roles_shown', '1'], ['totp_roles.leader', '1'], ['totp_roles.admin', '1']] });
      status(r, 303, 'the settings form with two roles ticked');
      eq(JSON.stringify((await req('GET', '/api/v1/settings', { token: S.admin })).json().totp_roles.roles), '["leader","admin"]', 'the roles ticked');
      r = await req('POST', '/admin/settings', { cookie: aw.cookie, form: [['csrf', aw.csrf], ['totp_roles_shown', '1'], ['totp_roles.leader', '1']] });
      status(r, 303, 'the settings form with one role ticked');
      eq(JSON.stringify((await req('GET', '/api/v1/settings', { token: S.admin })).json().totp_roles.roles), '["leader"]', 'admin unticked');
      const u = made('leader');
      r = await req('POST', '/api/v1/login', { json: { username: u.name, password: u.pw } });
      eq(apiError(r, 403, 'forbidden', 'an API login before the enrolment').fields?.code?.code, 'totp_enrol_web', 'what to do');
      const step = await password(u);
      status(step.r, 200, 'the password of a leader without a second factor');
      ok(!getCookie(step.r, 'sid'), 'no session before the enrolment');
      includes(step.r.text, 'Vai trò của bạn phải dùng xác thực hai bước', 'the page says the role requires it');
      includes(step.r.text, '<svg class="qr"', 'the QR code at the login');
      const key = step.r.text.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/);
      ok(key, 'the key shown at the login');
      const secret = key[1].replace(/ /g, '');
      r = await second(step, totp(secret));
      status(r, 200, 'the first code of the enrolment');
      const sid = getCookie(r, 'sid');
      ok(sid && sid.value, 'the session starts with the enrolment');
      eq([...r.text.matchAll(/<li><code>/g)].length, 10, 'ten recovery codes');
      includes(r.text, 'href="/calendar"', 'then on to the page asked for');
      const cookie = `sid=${sid.value}`;
      const acc = await req('GET', '/account', { cookie });
      includes(acc.text, 'không tắt được', 'the account says it cannot be turned off');
      excludes(acc.text, 'action="/account/totp/off"', 'no form to turn it off');
      r = await req('POST', '/account/totp/off', { cookie, form: { csrf: csrfOf(acc.text), code: totp(secret, 1) } });
      status(r, 403, 'turning it off against the policy');

      // the CLI removes it (a lost phone): the user's sessions end
      r = cli(BIN, ['user', 'totp-reset', u.name, '--db', DB]);
      ok(r.code === 0, 'ngoaivu user totp-reset', ...describeRun('totp-reset', r));
      includes(r.stdout, 'second factor of', 'the CLI says what it did');
      status(await req('GET', '/calendar', { cookie }), [303, 401], 'the session ended with the removal');
      r = cli(BIN, ['user', 'totp-reset', u.name, '--db', DB]);
      ok(r.code !== 0 && /no second factor/.test(r.stderr), 'a second removal is refused', ...describeRun('totp-reset', r));
      // the policy still holds: the next login enrols again
      const again = await password(u);
      includes(again.r.text, '<svg class="qr"', 'the enrolment again at the next login');
    } finally {
      status(await put(null), 200, 'the policy back to its default');
    }
  });

  test('second factor: an admin removes it on the user page; their sessions end; the audit says so', async () => {
    const u = made('officer');
    const { w } = await enable(u);
    const aw = await adminWeb();
    const list = (await req('GET', '/api/v1/users', { token: S.admin })).json();
    const id = (list.items ?? list).find((x) => x.username === u.name).id;
    let page = await req('GET', `/users/${id}`, { cookie: aw.cookie });
    includes(page.text, `action="/users/${id}/totp"`, 'the user page offers the removal');
    let r = await req('POST', `/users/${id}/totp`, { cookie: aw.cookie, form: { csrf: aw.csrf } });
    status(r, 303, 'removed');
    page = await req('GET', r.headers.location, { cookie: aw.cookie });
    includes(page.text, 'Đã bỏ xác thực hai bước', 'the page says it is done');
    excludes(page.text, `action="/users/${id}/totp"`, 'nothing more to remove');
    status(await req('GET', '/calendar', { cookie: w.cookie }), [303, 401], 'the user\'s session ended');
    // the password alone opens a session again (officers are not required to have one)
    const step = await password(u);
    status(step.r, 303, 'a login with the password alone');
    const audit = await req('GET', `/api/v1/audit/log?entity=user&limit=5`, { token: S.admin });
    ok(audit.json().items.some((i) => i.record === id && i.new?.second_factor === 'reset'), 'the audit entry of the removal', audit.text.slice(0, 400));
    // not for someone who is not an admin
    const o = await webLogin(u.name, u.pw);
    status(await req('POST', `/users/${id}/totp`, { cookie: o.cookie, form: { csrf: o.csrf } }), 403, 'an officer');
  });

  test('personal access tokens: made on the account page (shown once), used as a bearer, listed, revoked', async () => {
    const u = made('officer');
    const w = await webLogin(u.name, u.pw);
    let r = await req('POST', '/account/tokens', { cookie: w.cookie, form: { csrf: w.csrf, name: '', days: '0' } });
    status(r, 422, 'a token without a name, for 0 days');
    includes(r.text, 'Số ngày từ 1 đến 366', 'the days error');
    r = await req('POST', '/account/tokens', { cookie: w.cookie, form: { csrf: w.csrf, name: 'Báo cáo tự động', days: '30' } });
    status(r, 200, 'a token made');
    eq(r.headers['cache-control'], 'no-store', 'the token page is not kept');
    const m = r.text.match(/id="new-token" readonly value="([0-9a-f]{64})"/);
    ok(m, 'the token shown once', r.text.slice(0, 500));
    const token = m[1];
    r = await req('GET', '/api/v1/account', { token });
    status(r, 200, 'the token opens the API');
    eq(r.json().username, u.name, 'as its owner');
    status(await req('GET', '/api/v1/partners?limit=1', { token }), 200, 'reads with the owner\'s rights');
    const acc = await req('GET', '/account', { cookie: w.cookie });
    includes(acc.text, 'Báo cáo tự động', 'listed on the account page');
    excludes(acc.text, token, 'never shown again');
    const rev = acc.text.match(/action="\/account\/tokens\/(\d+)\/revoke"/);
    ok(rev, 'a revoke button');
    r = await req('POST', `/account/tokens/${rev[1]}/revoke`, { cookie: w.cookie, form: { csrf: w.csrf } });
    status(r, 303, 'revoked');
    apiError(await req('GET', '/api/v1/account', { token }), 401, 'unauthorized', 'a revoked token');
    // another user's token cannot be revoked from here
    const other = made('officer');
    const ow = await webLogin(other.name, other.pw);
    r = await req('POST', '/account/tokens', { cookie: ow.cookie, form: { csrf: ow.csrf, name: 'x', days: '1' } });
    const otoken = r.text.match(/value="([0-9a-f]{64})"/)[1];
    const oacc = await req('GET', '/account', { cookie: ow.cookie });
    const oid = oacc.text.match(/action="\/account\/tokens\/(\d+)\/revoke"/)[1];
    r = await req('POST', `/account/tokens/${oid}/revoke`, { cookie: w.cookie, form: { csrf: w.csrf } });
    status(r, 404, 'another user\'s token');
    status(await req('GET', '/api/v1/account', { token: otoken }), 200, 'their token still works');
  });

  test('personal access tokens through the API: made from a session signed in with the second factor, listed, revoked; never from a token', async () => {
    const u = made('officer');
    const e = await enable(u);
    let r = await req('POST', '/api/v1/login', { json: { username: u.name, password: u.pw, code: totp(e.secret, 1) } });
    status(r, 200, 'an API login with the password and the code');
    const session = r.json().token;
    apiError(await req('POST', '/api/v1/account/tokens', { token: session, json: { name: 'Đồng bộ', days: 0 } }), 422, 'invalid', '0 days');
    r = await req('POST', '/api/v1/account/tokens', { token: session, json: { name: 'Đồng bộ', days: '30' } });
    eq(apiError(r, 422, 'invalid', 'days as a string').fields?.days?.code, 'bad_param', 'days named');
    r = await req('POST', '/api/v1/account/tokens', { token: session, headers: { 'Accept-Language': 'en' }, json: { days: 30 } });
    ok(apiError(r, 422, 'invalid', 'no name').fields?.name, 'the name named');
    r = await req('POST', '/api/v1/account/tokens', { token: session, json: { name: 'Đồng bộ lịch', days: 30 } });
    status(r, 201, 'a token made through the API');
    const t = r.json();
    ok(/^[0-9a-f]{64}$/.test(t.token) && t.name === 'Đồng bộ lịch' && Number.isInteger(t.id), 'its secret, name and number', JSON.stringify(t));
    eq(r.headers['cache-control'], 'no-store', 'the answer with the secret is not kept');
    const days = (Date.parse(t.expires) - Date.parse(t.created)) / 86400000;
    ok(Math.abs(days - 30) < 0.01, `for 30 days: ${t.created} .. ${t.expires}`);
    // it works as a bearer, with its owner's rights, no second factor asked
    r = await req('GET', '/api/v1/account', { token: t.token });
    status(r, 200, 'the token opens the API');
    eq(r.json().username, u.name, 'as its owner');
    // listed, never with its secret; the token itself is marked current when it asks
    r = await req('GET', '/api/v1/account/tokens', { token: t.token });
    status(r, 200, 'the list');
    const mine = r.json().items.find((x) => x.id === t.id);
    ok(mine && mine.current === true && mine.name === 'Đồng bộ lịch', 'the new token, current', r.text.slice(0, 300));
    excludes(r.text, t.token, 'the list holds no secret');
    // a token makes no token: one that leaks cannot make others that outlive its revocation
    r = await req('POST', '/api/v1/account/tokens', { token: t.token, json: { name: 'Con', days: 1 } });
    includes(apiError(r, 403, 'forbidden', 'a token made from a token').message, 'phiên đăng nhập', 'why, in Vietnamese');
    // another user cannot see or revoke it
    const other = made('officer');
    const ol = await req('POST', '/api/v1/login', { json: { username: other.name, password: other.pw } });
    const otok = ol.json().token;
    ok(!(await req('GET', '/api/v1/account/tokens', { token: otok })).json().items.some((x) => x.id === t.id), 'not in another user\'s list');
    apiError(await req('DELETE', `/api/v1/account/tokens/${t.id}`, { token: otok }), 404, 'not_found', 'another user revoking it');
    status(await req('GET', '/api/v1/account', { token: t.token }), 200, 'still working');
    // a login session is no token to revoke here
    const sessions = (await req('GET', '/api/v1/account/tokens', { token: session })).json().items;
    ok(sessions.every((x) => x.current === false), 'the login session is not listed as a token');
    r = await req('DELETE', `/api/v1/account/tokens/${t.id}`, { token: session });
    status(r, 204, 'revoked');
    apiError(await req('GET', '/api/v1/account', { token: t.token }), 401, 'unauthorized', 'a revoked token');
    eq((await req('GET', '/api/v1/account/tokens', { token: session })).json().items.length, 0, 'none left');
    apiError(await req('DELETE', `/api/v1/account/tokens/${t.id}`, { token: session }), 404, 'not_found', 'revoked twice');
  });

  test('Secure cookies and HSTS: set when a trusted proxy says the client came over https, not when anyone else says so', async () => {
    const secureOf = (r) => (r.headers['set-cookie'] || []).filter((c) => /^lcsrf=/.test(c));
    // this suite's server trusts no proxy: the header is anyone's word
    let r = await req('GET', '/login', { headers: { 'X-Forwarded-Proto': 'https' } });
    ok(secureOf(r).length === 1 && !/; Secure/.test(secureOf(r)[0]), 'no Secure on the word of a client', secureOf(r));
    const port = await freePort();
    const log = path.join(DIR, 'tls-proxy.log');
    const srv = startServer(BIN, DB, log, port, 2, { args: ['--trusted-proxy', '127.0.0.1'] });
    const saved = server.port;
    server.port = port;
    try {
      for (const deadline = Date.now() + 20000; ;) {
        if (srv.child.exitCode !== null) fail('the server behind a proxy exited', ...logTail(log));
        const h = await req('GET', '/healthz').catch(() => null);
        if (h && h.status === 200) break;
        if (Date.now() > deadline) fail('the server behind a proxy did not start', ...logTail(log));
        await sleep(50);
      }
      r = await req('GET', '/login', { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' } });
      ok(/; Secure/.test(secureOf(r)[0]), 'Secure behind the trusted proxy over https', secureOf(r));
      eq(r.headers['strict-transport-security'], 'max-age=31536000', 'HSTS over https');
      const u = made('viewer');
      const l = getCookie(r, 'lcsrf').value;
      r = await req('POST', '/login', {
        headers: { 'X-Forwarded-Proto': 'https' }, cookie: `lcsrf=${l}`,
        form: { csrf: csrfOf(r.text), username: u.name, password: u.pw },
      });
      status(r, 303, 'a login behind the proxy');
      const sid = (r.headers['set-cookie'] || []).find((c) => /^sid=/.test(c));
      ok(/; Secure/.test(sid) && /; HttpOnly/.test(sid) && /SameSite=Lax/.test(sid), 'the session cookie is Secure, HttpOnly, SameSite', sid);
      r = await req('GET', '/login', { headers: { 'X-Forwarded-Proto': 'http' } });
      ok(!/; Secure/.test(secureOf(r)[0]), 'not over plain http behind the proxy', secureOf(r));
      eq(r.headers['strict-transport-security'], undefined, 'no HSTS over plain http');
    } finally {
      server.port = saved;
      srv.child.kill('SIGTERM');
      await srv.exited;
    }
  });
}
