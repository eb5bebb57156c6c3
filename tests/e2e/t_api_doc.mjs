/* The API and its document: every answer under /api/v1/ is JSON (404 and 405 too), and the
 * OpenAPI document describes every success answer with a schema that what the server sends
 * actually matches (checked here with a small JSON Schema reader: type, required,
 * properties, items, enum, $ref, additionalProperties). */
import { test, ok, eq, deepEq, status, apiError, req } from './lib.mjs';

/* The places where value does not match schema (an empty list when it does). */
function mismatches(doc, schema, value, path = '$', out = []) {
  if (!schema) return out;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) out.push(`${path}: $ref to missing ${name}`);
    else mismatches(doc, target, value, path, out);
    return out;
  }
  const types = schema.type === undefined ? null : [].concat(schema.type);
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (types) {
    const t = typeOf(value);
    const fits = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!fits) { out.push(`${path}: ${t}, expected ${types.join('|')}`); return out; }
  }
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of schema.required || []) if (!(k in value)) out.push(`${path}: lacks required ${k}`);
    for (const [k, v] of Object.entries(value)) {
      const ps = schema.properties && schema.properties[k];
      if (ps) mismatches(doc, ps, v, `${path}.${k}`, out);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        mismatches(doc, schema.additionalProperties, v, `${path}.${k}`, out);
    }
  }
  if (Array.isArray(value) && schema.items) value.slice(0, 20).forEach((v, i) => mismatches(doc, schema.items, v, `${path}[${i}]`, out));
  return out;
}

export function register({ S, U, PW, uniq, createPartner }) {
  let doc = null;
  const getDoc = async () => {
    if (!doc) {
      const r = await req('GET', '/api/v1/openapi.json');
      status(r, 200, 'openapi.json');
      doc = r.json();
    }
    return doc;
  };
  const schemaOf = (d, path, method, code) => {
    const op = d.paths[path] && d.paths[path][method];
    ok(op, `${method.toUpperCase()} ${path} is in the document`);
    const resp = op.responses[code];
    ok(resp, `${method.toUpperCase()} ${path} documents ${code}`);
    return resp.content && resp.content['application/json'] && resp.content['application/json'].schema;
  };

  test('API: 404 and 405 under /api/v1/ are JSON (with Allow on 405)', async () => {
    apiError(await req('GET', '/api/v1/no-such-thing', { token: S.viewer }), 404, 'not_found', 'unknown path');
    apiError(await req('GET', '/api/v1/partners/1/nothing', { token: S.viewer }), 404, 'not_found', 'unknown sub-path');
    apiError(await req('GET', '/api/v1/no-such-thing'), 404, 'not_found', 'unknown path without a token');
    const m = await req('PATCH', '/api/v1/partners/1', { token: S.officer, json: {} });
    apiError(m, 405, 'method_not_allowed', 'PATCH');
    ok(/\bPUT\b/.test(m.headers.allow || '') && /\bGET\b/.test(m.headers.allow || ''), `Allow: ${m.headers.allow}`);
    apiError(await req('DELETE', '/api/v1/search', { token: S.officer }), 405, 'method_not_allowed', 'DELETE search');
    const page = await req('GET', '/no-such-page');
    status(page, [303, 404], 'a page outside the API');
    ok(!/^application\/json/.test(page.headers['content-type'] || ''), 'pages stay HTML');
  });

  test('API: the document gives every success answer a schema, and every $ref resolves', async () => {
    const d = await getDoc();
    const missing = [];
    for (const [path, ops] of Object.entries(d.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [code, resp] of Object.entries(op.responses)) {
          if (!/^2/.test(code) || code === '204') continue;
          if (!resp.content || !Object.values(resp.content).every((c) => c.schema)) missing.push(`${method.toUpperCase()} ${path} ${code}`);
        }
      }
    }
    eq(missing.join(', '), '', 'operations without a response schema');
    const refs = JSON.stringify(d).match(/#\/components\/schemas\/[A-Za-z_]+/g) || [];
    const unresolved = [...new Set(refs)].filter((r) => !d.components.schemas[r.split('/').pop()]);
    eq(unresolved.join(', '), '', 'unresolved $ref');
  });

  test('API: what the server answers matches its documented schema', async () => {
    const d = await getDoc();
    const p = await createPartner({ kind: 'ngo', name_vi: uniq('Đối tác tài liệu'), country: 'LA' });
    const checks = [
      ['/api/v1/search', `/api/v1/search?q=${encodeURIComponent('tai lieu')}`],
      ['/api/v1/audit', `/api/v1/audit?entity=partner&id=${p.id}`],
      ['/api/v1/notifications', '/api/v1/notifications'],
      ['/api/v1/calendar', '/api/v1/calendar?from=2026-01-01&to=2026-12-31'],
      ['/api/v1/dashboard', '/api/v1/dashboard'],
      ['/api/v1/partners', '/api/v1/partners?limit=5'],
      ['/api/v1/partners/{id}', `/api/v1/partners/${p.id}`],
      ['/api/v1/agreements/{id}/attachments', `/api/v1/agreements/${S.agreement || 1}/attachments`],
    ];
    for (const [path, url] of checks) {
      const r = await req('GET', url, { token: S.admin });
      status(r, 200, url);
      const bad = mismatches(d, schemaOf(d, path, 'get', '200'), r.json());
      eq(bad.slice(0, 5).join('; '), '', `${url} against the schema of GET ${path}`);
    }
    const search = (await req('GET', `/api/v1/search?q=${encodeURIComponent('tai lieu')}`, { token: S.admin })).json();
    ok(search.items.some((i) => i.id === p.id), 'the search found the partner (the check was not on an empty list)');
    const audit = (await req('GET', `/api/v1/audit?entity=partner&id=${p.id}`, { token: S.admin })).json();
    ok(audit.items.length >= 1, 'the audit has the creation');
  });

  /* The administration API (api_admin.c): every route of it is in the document, with the
   * error codes it answers and the fields its bodies require. */
  const ADMIN_OPS = [
    ['get', '/api/v1/users', true], ['post', '/api/v1/users', true],
    ['get', '/api/v1/users/{id}', true], ['put', '/api/v1/users/{id}', true],
    ['post', '/api/v1/users/{id}/password', true],
    ['get', '/api/v1/users/{id}/sessions', true], ['delete', '/api/v1/users/{id}/sessions', true],
    ['get', '/api/v1/account', false], ['post', '/api/v1/account/password', false],
    ['get', '/api/v1/account/tokens', false], ['post', '/api/v1/account/tokens', false],
    ['delete', '/api/v1/account/tokens/{id}', false],
    ['get', '/api/v1/settings', true], ['put', '/api/v1/settings', true],
    ['get', '/api/v1/names', true], ['post', '/api/v1/names', true],
    ['get', '/api/v1/audit/log', true],
  ];
  const resolve = (d, s) => (s && s.$ref ? d.components.schemas[s.$ref.split('/').pop()] : s);
  const bodySchema = (d, path, method) => {
    const rb = d.paths[path][method].requestBody;
    ok(rb && rb.content && rb.content['application/json'], `${method.toUpperCase()} ${path} documents its JSON body`);
    return resolve(d, rb.content['application/json'].schema);
  };

  test('API: the document has every admin and account operation, its errors and required fields', async () => {
    const d = await getDoc();
    const absent = ADMIN_OPS.filter(([m, p]) => !(d.paths[p] && d.paths[p][m])).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    eq(absent.join(', '), '', 'admin operations missing from the document');
    for (const [m, p, adminOnly] of ADMIN_OPS) {
      const codes = Object.keys(d.paths[p][m].responses);
      ok(codes.includes('401'), `${m.toUpperCase()} ${p} documents 401`, `codes: ${codes}`);
      if (adminOnly) ok(codes.includes('403'), `${m.toUpperCase()} ${p} documents 403 (admin only)`, `codes: ${codes}`);
      if (/\{id\}/.test(p)) ok(codes.includes('404'), `${m.toUpperCase()} ${p} documents 404`, `codes: ${codes}`);
      if (d.paths[p][m].requestBody) {
        for (const c of ['400', '413', '422']) ok(codes.includes(c), `${m.toUpperCase()} ${p} takes a body: documents ${c}`, `codes: ${codes}`);
      }
    }
    const required = [
      ['post', '/api/v1/login', ['username', 'password']],
      ['post', '/api/v1/users', ['username', 'role']],
      ['post', '/api/v1/account/password', ['old_password', 'new_password']],
      ['post', '/api/v1/names', ['code', 'name']],
      ['post', '/api/v1/account/tokens', ['name', 'days']],
    ];
    for (const [m, p, fields] of required)
      deepEq([...(bodySchema(d, p, m).required || [])].sort(), [...fields].sort(), `required fields of ${m.toUpperCase()} ${p}`);
    const put = bodySchema(d, '/api/v1/users/{id}', 'put');
    deepEq(Object.keys(put.properties).sort(), ['active', 'agency', 'agency_id', 'display_name', 'role'], 'what PUT /api/v1/users/{id} takes');
    const settings = (await req('GET', '/api/v1/settings', { token: S.admin })).json();
    deepEq(Object.keys(bodySchema(d, '/api/v1/settings', 'put').properties).sort(), Object.keys(settings).sort(),
      'PUT /api/v1/settings takes every setting GET answers');
    const login = resolve(d, schemaOf(d, '/api/v1/login', 'post', '200'));
    ok(login.properties && login.properties.must_change && login.required.includes('must_change'), 'the login answer documents must_change');
  });

  test('API: the admin and account answers match their documented schemas', async () => {
    const d = await getDoc();
    const check = (r, path, method, code, what) => {
      status(r, Number(code), what);
      const bad = mismatches(d, schemaOf(d, path, method, code), r.json());
      eq(bad.slice(0, 5).join('; '), '', `${what} against the schema of ${method.toUpperCase()} ${path} ${code}`);
      return r.json();
    };
    const users = check(await req('GET', '/api/v1/users', { token: S.admin }), '/api/v1/users', 'get', '200', 'GET users');
    ok(users.items.length >= 2, 'the users list is not empty');
    const agencyUser = users.items.find((u) => u.role === 'agency');
    ok(agencyUser, 'an agency user to check the agency fields against');
    check(await req('GET', `/api/v1/users/${agencyUser.id}`, { token: S.admin }), '/api/v1/users/{id}', 'get', '200', 'GET a user');
    const admin = users.items.find((u) => u.username === 'admin');
    const sessions = check(await req('GET', `/api/v1/users/${admin.id}/sessions`, { token: S.admin }),
      '/api/v1/users/{id}/sessions', 'get', '200', 'GET sessions');
    ok(sessions.items.length >= 1, 'the admin has a session (the check was not on an empty list)');
    const settings = check(await req('GET', '/api/v1/settings', { token: S.admin }), '/api/v1/settings', 'get', '200', 'GET settings');
    ok(Object.keys(settings).length >= 1, 'some settings');
    const names = check(await req('GET', '/api/v1/names?q=LA&limit=30', { token: S.admin }), '/api/v1/names', 'get', '200', 'GET names');
    ok(names.items.some((n) => n.kind === 'country') && names.items.some((n) => n.kind === 'subdivision'), 'names of both kinds');
    const log = check(await req('GET', '/api/v1/audit/log?limit=100', { token: S.admin }), '/api/v1/audit/log', 'get', '200', 'GET audit log');
    ok(log.items.length >= 1, 'the audit log is not empty');
    check(await req('GET', '/api/v1/audit/log?entity=user&limit=50', { token: S.admin }), '/api/v1/audit/log', 'get', '200', 'GET audit log of users');
    const account = check(await req('GET', '/api/v1/account', { token: S.admin }), '/api/v1/account', 'get', '200', 'GET account');
    eq(account.username, 'admin', 'whose account');
    check(await req('GET', '/api/v1/account', { token: S.agency }), '/api/v1/account', 'get', '200', 'GET account of an agency user');
    const made = check(await req('POST', '/api/v1/account/tokens', { token: S.agency, json: { name: 'tài liệu API', days: 2 } }),
      '/api/v1/account/tokens', 'post', '201', 'POST a token');
    const tokens = check(await req('GET', '/api/v1/account/tokens', { token: made.token }), '/api/v1/account/tokens', 'get', '200', 'GET tokens');
    ok(tokens.items.some((x) => x.id === made.id && x.current), 'the token listed, current');
    check(await req('POST', '/api/v1/account/tokens', { token: made.token, json: { name: 'x', days: 1 } }), '/api/v1/account/tokens', 'post', '403', 'POST a token from a token');
    status(await req('DELETE', `/api/v1/account/tokens/${made.id}`, { token: S.agency }), 204, 'DELETE the token');
    const login = check(await req('POST', '/api/v1/login', { json: { username: U.viewer, password: PW.viewer } }),
      '/api/v1/login', 'post', '200', 'login');
    eq(login.must_change, false, 'a user with their own password need not change it');
    await req('POST', '/api/v1/logout', { token: login.token });
    // an error answer is the documented Error
    check(await req('GET', '/api/v1/users', { token: S.viewer }), '/api/v1/users', 'get', '403', 'GET users as a viewer');
    check(await req('POST', '/api/v1/users', { token: S.admin, json: { username: '' } }), '/api/v1/users', 'post', '422', 'POST an invalid user');
  });

  test('API: a new user, its must_change login, password change, reset and sessions match the document', async () => {
    const d = await getDoc();
    const check = (r, path, method, code, what) => {
      status(r, Number(code), what);
      const bad = mismatches(d, schemaOf(d, path, method, code), r.json());
      eq(bad.slice(0, 5).join('; '), '', `${what} against the schema of ${method.toUpperCase()} ${path} ${code}`);
      return r.json();
    };
    const name = `tailieu${process.pid % 100000}-${Date.now() % 100000}`;
    const made = check(await req('POST', '/api/v1/users', { token: S.admin, json: { username: name, role: 'viewer', display_name: 'Tài liệu API' } }),
      '/api/v1/users', 'post', '201', 'POST a user');
    ok(made.password && made.must_change === true, 'a new user has a first password to change');
    let login = check(await req('POST', '/api/v1/login', { json: { username: name, password: made.password } }), '/api/v1/login', 'post', '200', 'first login');
    eq(login.must_change, true, 'the first login says the password must be changed');
    apiError(await req('GET', '/api/v1/partners?limit=1', { token: login.token }), 403, 'forbidden', 'anything else before the change');
    const acc = check(await req('GET', '/api/v1/account', { token: login.token }), '/api/v1/account', 'get', '200', 'the account before the change');
    eq(acc.must_change, true, 'the account says so too');
    const pw = `mk-tai-lieu-${name}`;
    check(await req('POST', '/api/v1/account/password', { token: login.token, json: { old_password: made.password, new_password: pw } }),
      '/api/v1/account/password', 'post', '200', 'the password change');
    check(await req('POST', '/api/v1/account/password', { token: login.token, json: { old_password: pw, new_password: 'ngắn' } }),
      '/api/v1/account/password', 'post', '422', 'a refused password change');
    login = check(await req('POST', '/api/v1/login', { json: { username: name, password: pw } }), '/api/v1/login', 'post', '200', 'login after the change');
    eq(login.must_change, false, 'no change needed any more');
    check(await req('PUT', `/api/v1/users/${made.id}`, { token: S.admin, json: { display_name: 'Tài liệu API 2' } }),
      '/api/v1/users/{id}', 'put', '200', 'PUT a user');
    const sessions = check(await req('GET', `/api/v1/users/${made.id}/sessions`, { token: S.admin }), '/api/v1/users/{id}/sessions', 'get', '200', 'the sessions');
    ok(sessions.items.length >= 1, 'the new user has sessions');
    check(await req('DELETE', `/api/v1/users/${made.id}/sessions?session=${sessions.items[0].id}`, { token: S.admin }),
      '/api/v1/users/{id}/sessions', 'delete', '200', 'ending one session');
    check(await req('DELETE', `/api/v1/users/${made.id}/sessions?session=999999999`, { token: S.admin }),
      '/api/v1/users/{id}/sessions', 'delete', '404', 'ending a session that is not theirs');
    const reset = check(await req('POST', `/api/v1/users/${made.id}/password`, { token: S.admin }),
      '/api/v1/users/{id}/password', 'post', '200', 'a password reset');
    login = check(await req('POST', '/api/v1/login', { json: { username: name, password: reset.password } }), '/api/v1/login', 'post', '200', 'login after the reset');
    eq(login.must_change, true, 'after a reset the password must be changed again');
    check(await req('DELETE', `/api/v1/users/${made.id}/sessions`, { token: S.admin }), '/api/v1/users/{id}/sessions', 'delete', '200', 'ending all sessions');
    check(await req('PUT', `/api/v1/users/${made.id}`, { token: S.admin, json: { active: false } }), '/api/v1/users/{id}', 'put', '200', 'deactivating');
    check(await req('GET', '/api/v1/users/999999999', { token: S.admin }), '/api/v1/users/{id}', 'get', '404', 'no such user');
  });

  test('API: an admin’s own sessions say which one is the current one', async () => {
    const me = (await req('GET', '/api/v1/account', { token: S.admin })).json();
    const r = await req('GET', `/api/v1/users/${me.id}/sessions`, { token: S.admin });
    status(r, 200, 'own sessions');
    const cur = r.json().items.filter((x) => x.current);
    eq(cur.length, 1, 'exactly one current session');
    eq(cur[0].kind, 'api', 'the bearer token’s');
  });
}
