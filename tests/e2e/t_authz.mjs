/* The authorisation matrix, made from what the server declares (`ngoaivu routes`: the route
 * table, what each role may, each record type's agency rule), not from a list kept here:
 * every route (":e" expanded to every record type) × no session and every role (the agency
 * user on a record of its own agency and on one of another where the type has the row rule)
 * × its face (pages: the session cookie and its CSRF token; API: the bearer token). Each cell
 * is one request whose body cannot change the shared data: a form field holding a NUL byte
 * (refused after the permission check, before the handler), a JSON body that is no object,
 * an update of a version that does not exist, a create without its required fields, a step
 * to no state; a delete the role may make names no record. */
import { test, ok, fail, req, cli, describeRun, getCookie, csrfOf, multipart } from './lib.mjs';

const ROLES = ['viewer', 'agency', 'officer', 'leader', 'admin'];
const NO_ID = 999999999; /* well-formed, no record */
const HASH = '0'.repeat(64);

export function register({ S, U, PW, BIN, DB, uniq, webLogin }) {
  const M = { cells: 0, families: 0, status: {} }; /* what was checked */
  let decl, sess = {}, ids = {}, own = {}, other = {}, targetUser = 0;

  const api = async (method, path, token, json) => {
    const r = await req(method, path, { token, json });
    ok(r.status < 300, `${method} ${path} answered ${r.status}`, r.text.slice(0, 300));
    return r.json();
  };
  /* the agency of a record under its type's rule (directly, or through the record it refers to) */
  const agencyOf = async (t, rec) => {
    const rule = t.agency_rule, v = rec[rule.field];
    if (v == null) return 0;
    if (rule.refers_to === 'agencies') return v;
    const via = decl.record_types.find((x) => x.table === rule.refers_to);
    return agencyOf(via, await api('GET', `/api/v1/${via.table}/${v}`, S.admin));
  };
  const login = async (name, role, extra = []) => {
    const pw = `${name}-mk-9`;
    const r = cli(BIN, ['user', 'add', name, '--role', role, ...extra, '--db', DB], pw + '\n');
    ok(r.code === 0, `user add ${name}`, ...describeRun('user add', r));
    const t = await req('POST', '/api/v1/login', { json: { username: name, password: pw } });
    ok(t.status === 200, `API login of ${name}`, t.text);
    return { name, pw, token: t.json().token, web: await webLogin(name, pw) };
  };

  test('authz: the declaration (ngoaivu routes), the sessions of every role, records of each type', async () => {
    const r = cli(BIN, ['routes']);
    ok(r.code === 0, 'ngoaivu routes', ...describeRun('routes', r));
    decl = JSON.parse(r.stdout);
    ok(decl.routes.length > 50 && decl.record_types.length > 10, 'routes and record types listed');
    ok(decl.routes.every((x) => ['public', 'login', 'read', 'write', 'admin'].includes(x.permission)), 'every route names a permission');
    // the matrix's own users: a leader, and for the agency role one user per agency it needs
    sess.viewer = await login(`mt-xem-${process.pid}`, 'viewer');
    sess.officer = await login(`mt-cv-${process.pid}`, 'officer');
    sess.leader = await login(`mt-ld-${process.pid}`, 'leader');
    sess.admin = await login(`mt-qt-${process.pid}`, 'admin');
    // the user the /users/:id routes act on (deactivated, its password reset: nobody's)
    const tu = cli(BIN, ['user', 'add', `mt-dich-${process.pid}`, '--role', 'viewer', '--db', DB], 'mt-dich-mk-9\n');
    ok(tu.code === 0, 'target user', ...describeRun('user add', tu));
    targetUser = (await api('GET', '/api/v1/users', S.admin)).items.find((u) => u.username === `mt-dich-${process.pid}`).id;
    // a record of every type; for a type with the row rule, one of an agency and one of another
    const agencyUsers = {};
    for (const t of decl.record_types) {
      const list = (await api('GET', `/api/v1/${t.table}?limit=500`, S.admin)).items;
      ids[t.table] = list.length ? list[0].id : NO_ID;
      if (!t.agency_rule) continue;
      let mine = null;
      for (const rec of list) {
        const ag = await agencyOf(t, rec);
        if (!mine && ag) mine = { id: rec.id, ag };
        else if (mine && ag !== mine.ag) { other[t.table] = rec.id; break; }
      }
      if (!mine) continue;
      own[t.table] = mine;
      agencyUsers[mine.ag] ??= await login(`mt-cq${mine.ag}-${process.pid}`, 'agency', ['--agency', String(mine.ag)]);
    }
    sess.agencyBy = agencyUsers;
    // the plain agency session (list pages, creates): the first of them, else one of a new agency
    const first = Object.values(agencyUsers)[0];
    if (first) sess.agency = first;
    else {
      const a = await api('POST', '/api/v1/agencies', S.officer, { name_vi: uniq('Cơ quan ma trận'), kind: 'other' });
      sess.agency = await login(`mt-cq-${process.pid}`, 'agency', ['--agency', String(a.id)]);
    }
    M.ruleTypes = Object.keys(own).length;
    M.withOther = Object.keys(other).length;
  });

  /* the path of a route for one record type and record id */
  const pathOf = (rt, table, id) => rt.pattern
    .replace(':e', table ?? '')
    .replace(':id', String(id))
    .replace(':sub', String(NO_ID))
    .replace(':hash', HASH)
    .replace(':slug', 'ma-tran-khong-co')
    .replace(':lang', 'vi');

  /* progress of a commitment: a read route whose domain rule narrows it to the department's
   * writers and the commitment's own agency (domain/commitment.c) */
  const progress = (rt) => /\/progress$/.test(rt.pattern);
  const isDelete = (rt) => rt.method === 'DELETE' || /\/delete$/.test(rt.pattern);
  const table = (name) => decl.record_types.find((t) => t.table === name);

  /* One request of a cell: who (null: no session), the route, the path. */
  async function send(rt, who, path, extra = {}) {
    const isApi = rt.flags.includes('api');
    const o = {};
    if (who) {
      if (isApi) o.token = who.token;
      else o.cookie = who.web.cookie;
    }
    const m = rt.method;
    if (m === 'GET' || m === 'DELETE' || (isApi && rt.max_body === 0)) return req(m, path, o);
    if (isApi) {
      if (rt.flags.includes('upload')) {
        const mp = multipart({ note: 'ma trận' });
        return req(m, path, { ...o, body: mp.body, headers: mp.headers });
      }
      if (/\/import\//.test(rt.pattern)) return req(m, path, { ...o, body: 'zz_matran\n', headers: { 'Content-Type': 'text/csv' } });
      if (extra.json) return req(m, path, { ...o, json: extra.json });
      return req(m, path, { ...o, body: '[' }); /* no object: refused by the handler's first step */
    }
    const form = { csrf: extra.csrf ?? (who ? who.web.csrf : 'x'), ...(extra.form || { matran: '\u0000' }) };
    return req(m, path, { ...o, form });
  }

  /* the body that reaches the domain's own checks of a record (own or other agency) harmlessly */
  const domainBody = (rt) => {
    if (rt.flags.includes('agency_update')) return { json: { version: NO_ID }, form: { version: String(NO_ID) } };
    if (rt.flags.includes('agency_create')) return { json: { zz_matran: 1 }, form: {} };
    if (/\/transition$/.test(rt.pattern)) return { json: { to: 'zz-matran' }, form: { to: 'zz-matran' } };
    if (/\/progress$/.test(rt.pattern)) return { json: { text: 'ma trận', percent: 140 }, form: { text: 'ma trận', percent: '140' } };
    return {};
  };

  /* one cell: the request, and for a GET its HEAD, which must be answered alike */
  async function hit(rt, who, path, body, bad) {
    const res = await send(rt, who, path, body);
    M.cells++;
    M.status[res.status] = (M.status[res.status] || 0) + 1;
    if (rt.method === 'GET') {
      const h = await req('HEAD', path, who ? (rt.flags.includes('api') ? { token: who.token } : { cookie: who.web.cookie }) : {});
      M.cells++;
      M.heads = (M.heads || 0) + 1;
      if (h.status !== res.status) bad.push(`HEAD ${path} → ${h.status}, its GET ${res.status}`);
    }
    return res;
  }

  const where = (res) => `${res.method} ${res.path} → ${res.status} ${res.headers.location ? '(' + res.headers.location + ') ' : ''}${res.text.slice(0, 160)}`;

  function expectLogin(rt, res, bad) {
    if (rt.flags.includes('api')) {
      let code = null;
      try { code = JSON.parse(res.text).error.code; } catch { /* not JSON */ }
      if (res.status !== 401 || code !== 'unauthorized') bad.push(`no session: expected 401 unauthorized: ${where(res)}`);
    } else if (!(res.status === 303 && /^\/login\?next=/.test(res.headers.location || '')) &&
      !(res.method === 'POST' && res.status === 401 && res.text.includes('name="username"'))) {
      bad.push(`no session: expected the login: ${where(res)}`);
    }
  }
  const expectRefused = (res, what, bad) => { if (res.status !== 403) bad.push(`${what}: expected 403: ${where(res)}`); };
  const expectAllowed = (res, what, bad) => {
    if (res.status === 401 || res.status === 403 || res.status >= 500) bad.push(`${what}: expected neither 401, 403 nor 5xx: ${where(res)}`);
  };

  /* the record type a non-":e" route's ":id" names by the segment before it ("/commitments/:id") */
  const typeOfId = (rt) => {
    const m = rt.pattern.match(/\/([a-z_]+)\/:id/);
    return m && m[1] !== 'e' ? table(m[1]) : null;
  };

  async function family(rt) {
    const bad = [];
    const cases = []; /* [type or null, the path's id] */
    if (rt.flags.includes('entity')) for (const t of decl.record_types) cases.push(t);
    else cases.push(typeOfId(rt));
    for (const t of cases) {
      const hasId = rt.pattern.includes(':id');
      const id = !hasId ? 0 : t ? ids[t.table] : /^\/(api\/v1\/)?users\//.test(rt.pattern) ? targetUser : NO_ID;
      const realPath = pathOf(rt, t && t.table, id);
      const body = domainBody(rt);
      // no session
      const anon = await hit(rt, null, realPath, rt.permission === 'public' ? {} : body, bad);
      if (rt.permission === 'public') expectAllowed(anon, 'no session, public', bad);
      else expectLogin(rt, anon, bad);
      for (const role of ROLES) {
        const may = decl.roles.find((x) => x.name === role).may.includes(rt.permission);
        const agencyWay = role === 'agency' && t && rt.permission === 'write' &&
          ((rt.flags.includes('agency_create') && t.agency_create) || (rt.flags.includes('agency_update') && t.agency_update));
        // a step or an update of a type with no earlier versions to restore is no route for it
        const restoreless = /\/restore$/.test(rt.pattern) && t && !t.restorable;
        const rowRule = role === 'agency' && t && t.agency_rule && hasId && own[t.table] && !restoreless &&
          (agencyWay || (may && progress(rt)));
        if (rowRule) {
          // its own agency's record, and another's (or one of the matrix's made another's)
          const me = sess.agencyBy[own[t.table].ag];
          const mine = await hit(rt, me, pathOf(rt, t.table, own[t.table].id), body, bad);
          expectAllowed(mine, `agency on its own ${t.name}`, bad);
          // and it got past the row rule to the next check: the version it names (an update),
          // the form (the edit page), the percent (progress)
          const next = rt.method === 'GET' ? 200 : rt.flags.includes('agency_update') ? 409 : 422;
          if (mine.status !== next) bad.push(`agency on its own ${t.name}: expected ${next}: ${where(mine)}`);
          if (other[t.table]) {
            // a progress report that would be taken: refused, nothing is written
            const theirs = await hit(rt, me, pathOf(rt, t.table, other[t.table]),
              progress(rt) ? { json: { text: 'ma trận', percent: 10 }, form: { text: 'ma trận', percent: '10' } } : body, bad);
            expectRefused(theirs, `agency on another agency's ${t.name}`, bad);
          }
          continue;
        }
        if (agencyWay && hasId && t.agency_rule && !own[t.table]) { M.unchecked = (M.unchecked || 0) + 1; continue; }
        // a delete the role may make names no record: the shared data stays
        const p = (may || agencyWay) && isDelete(rt) && hasId ? pathOf(rt, t && t.table, NO_ID) : realPath;
        const res = await hit(rt, sess[role], p, body, bad);
        if (progress(rt) && role !== 'agency' && !decl.roles.find((x) => x.name === role).may.includes('write'))
          expectRefused(res, `${role} reporting progress (the department's writers and the agency's own)`, bad);
        else if (may || agencyWay) expectAllowed(res, role, bad);
        else expectRefused(res, `${role} without ${rt.permission}`, bad);
      }
      // a page's form without its session's CSRF token: refused before its handler, even
      // for the admin, who may everything else (a login and a reader's comment check their own)
      if (rt.method === 'POST' && !rt.flags.includes('api') && !rt.flags.includes('no_csrf')) {
        const p = isDelete(rt) && hasId ? pathOf(rt, t && t.table, NO_ID) : realPath;
        const forged = await hit(rt, sess.admin, p, { ...body, form: body.form || {}, csrf: 'f'.repeat(64) }, bad);
        M.csrf = (M.csrf || 0) + 1;
        if (forged.status !== 403) bad.push(`admin without the CSRF token: expected 403: ${where(forged)}`);
      }
    }
    M.families++;
    if (bad.length) fail(`${bad.length} cell(s) of ${rt.method} ${rt.pattern} disagree with the declaration`, ...bad.slice(0, 12));
  }

  /* the routes are known only once the declaration is read: one test a route, registered by
   * the pattern's list printed by the binary at registration time */
  const r = cli(BIN, ['routes']);
  const routes = r.code === 0 ? JSON.parse(r.stdout).routes : [];
  if (!routes.length) test('authz: ngoaivu routes lists the routes', async () => fail('ngoaivu routes failed', ...describeRun('routes', r)));
  const started = Date.now();
  for (const rt of routes) {
    // logging out ends the session: its cells use sessions of their own
    if (/\/logout$/.test(rt.pattern)) {
      test(`authz: ${rt.method} ${rt.pattern}`, async () => {
        const saved = sess;
        sess = { ...saved };
        for (const role of ROLES) {
          const u = role === 'agency' ? saved.agency : saved[role];
          const t = await req('POST', '/api/v1/login', { json: { username: u.name, password: u.pw } });
          sess[role] = { ...u, token: t.json().token, web: await webLogin(u.name, u.pw) };
        }
        try { await family(rt); } finally { sess = saved; }
      });
      continue;
    }
    test(`authz: ${rt.method} ${rt.pattern}`, () => family(rt), { timeoutMs: 120000 });
  }
  test('authz: the matrix size', async () => {
    ok(M.families === routes.length, `${M.families} of ${routes.length} routes checked`);
    console.log(`    # authz matrix: ${routes.length} routes, ${decl.record_types.length} record types, ` +
      `${M.cells} cells (${M.heads} of them HEADs of a GET cell; no session + ${ROLES.length} roles; ${M.ruleTypes} types with the agency rule, ` +
      `${M.withOther} with another agency's record; ${M.csrf || 0} without the CSRF token; ${M.unchecked || 0} agency cells with no record of an agency), ${((Date.now() - started) / 1000).toFixed(1)} s; answers ` +
      Object.entries(M.status).map(([k, v]) => `${k}×${v}`).join(' '));
  });
}
