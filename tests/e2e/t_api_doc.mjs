/* The API and its document: every answer under /api/v1/ is JSON (404 and 405 too), and the
 * OpenAPI document describes every success answer with a schema that what the server sends
 * actually matches (checked here with a small JSON Schema reader: type, required,
 * properties, items, enum, $ref, additionalProperties). */
import { test, ok, eq, status, apiError, req } from './lib.mjs';

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

export function register({ S, uniq, createPartner }) {
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
}
