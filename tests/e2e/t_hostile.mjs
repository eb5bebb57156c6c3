/* The hostile corpus (tests/e2e/data/hostile.mjs) sent to every write route of every record
 * type the OpenAPI document lists: API create and update (JSON), the page forms (create and
 * update, url-encoded with the CSRF token), CSV import (the invalid, and the dangerous text
 * it must keep), and the file names of uploads.
 * Invalid input must be refused (4xx, a message in the user's language naming the field,
 * nothing stored, nothing in the audit log, the server still up); dangerous but valid text
 * must come back exactly, appear only escaped in pages, and be neutralised in exports. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import {
  test, ok, eq, fail, status, req, multipart, parseCsv, csrfOf, cli,
} from './lib.mjs';
import * as H from './data/hostile.mjs';

const VI = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
const FORMULA = /^[=+\-@\t\r]/;
const counter = { sent: 0, started: 0 };

const sent = (r) => { counter.sent++; return r; };
const enc = (bytes) => [...bytes].map((c) => '%' + c.toString(16).padStart(2, '0')).join('');
const formBody = (pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${Buffer.isBuffer(v) ? enc(v) : encodeURIComponent(v)}`).join('&');
const jsonStr = (bytes) => Buffer.concat([Buffer.from('"'), Buffer.from(bytes.toString('latin1')
  .replace(/[\\"]/g, (c) => '\\' + c), 'latin1'), Buffer.from('"')]);
/* a JSON object text of base with key's value replaced by raw JSON (a Buffer or a string) */
function withRaw(base, key, rawValue) {
  const rest = { ...base };
  delete rest[key];
  const head = JSON.stringify(rest).replace(/}$/, Object.keys(rest).length ? ',' : '');
  return Buffer.concat([Buffer.from(head + JSON.stringify(key) + ':'), Buffer.from(rawValue), Buffer.from('}')]);
}
const htmlText = (html) => html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]*>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0*39;|&#x0*27;|&apos;/g, "'")
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/* The values of a record form: inputs, checked boxes, selected options, text areas. */
function formValues(html, action) {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) return null;
  const form = html.slice(start, html.indexOf('</form>', start));
  const un = (s) => htmlText(s);
  const pairs = [];
  for (const m of form.matchAll(/<input\b([^>]*)>/g)) {
    const a = m[1];
    const name = (a.match(/\bname="([^"]*)"/) || [])[1];
    const type = (a.match(/\btype="([^"]*)"/) || [, 'text'])[1];
    const value = un((a.match(/\bvalue="([^"]*)"/) || [, ''])[1]);
    if (!name || type === 'submit' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(a)) continue;
    pairs.push([name, value]);
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = (m[1].match(/\bname="([^"]*)"/) || [])[1];
    const sel = m[2].match(/<option value="([^"]*)"[^>]*\bselected\b/);
    if (name) pairs.push([name, sel ? un(sel[1]) : '']);
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = (m[1].match(/\bname="([^"]*)"/) || [])[1];
    if (name) pairs.push([name, un(m[2]).replace(/^\n/, '')]);
  }
  return pairs;
}

/* The error of a refused API request: status 4xx, message in Vietnamese (in English with
 * Accept-Language: en), the field named when given; returns the error object. */
function refusedApi(r, what, { field = null, lang = 'vi' } = {}) {
  ok(r.status >= 400 && r.status < 500, `${what}: answered ${r.status}, expected a 4xx refusal`, `body: ${r.text.slice(0, 400)}`);
  let j;
  try { j = JSON.parse(r.text); } catch { fail(`${what}: the error is not JSON`, r.text.slice(0, 300)); }
  const e = j.error;
  ok(e && typeof e.message === 'string' && e.message, `${what}: no error.message`, r.text.slice(0, 300));
  const msgs = [e.message, ...Object.values(e.fields || {}).map((f) => f.message), ...(e.lines || []).map((l) => l.message)];
  for (const m of msgs) {
    if (lang === 'vi') ok(VI.test(m), `${what}: message not in Vietnamese: ${JSON.stringify(m)}`);
    else ok(!VI.test(m), `${what}: message not in English: ${JSON.stringify(m)}`);
  }
  if (field && r.status === 422) {
    const named = (e.fields && field in e.fields) || (e.lines || []).some((l) => l.field === field || l.field === null);
    ok(named, `${what}: the error does not name ${field}`, r.text.slice(0, 400));
  }
  return e;
}

/* A refused page form: 4xx, a page in the asked language that names the field. */
function refusedPage(r, what, field, lang = 'vi') {
  ok(r.status >= 400 && r.status < 500, `${what}: answered ${r.status}, expected a 4xx refusal`, r.text.slice(0, 300));
  if (r.status === 413) return;
  ok(r.text.includes(`<html lang="${lang}"`), `${what}: the page is not in ${lang}`, r.text.slice(0, 200));
  ok(r.text.includes(`id="err-${field}"`) || r.text.includes(`${field}:`), `${what}: the page does not name ${field}`,
    (r.text.match(/<p class="(error|ferr)"[^>]*>[^<]*/g) || []).join(' | '));
  const err = (r.text.match(/<p class="(?:error|ferr)"[^>]*>([^<]*)/g) || []).map(htmlText);
  ok(err.length, `${what}: no error message on the page`);
  for (const m of err) ok(lang === 'vi' ? VI.test(m) : !VI.test(m), `${what}: message not in ${lang}: ${m}`);
}

/* The record types `ngoaivu export` names when asked for an unknown one (on a database of
 * its own: the suite's is made after the tests are registered). */
function recordTypes(bin, dir) {
  const db = path.join(dir, 'hostile-types.db');
  const init = cli(bin, ['init', '--db', db]);
  if (init.code !== 0) return [];
  const r = cli(bin, ['export', '-', '--db', db]);
  const m = r.stderr.match(/unknown record type '-' \(([^)]*)\)/);
  return m ? m[1].split(/,\s*/) : [];
}

export function register({ S, BIN, DB, DIR, adminWeb }) {
  const tok = () => S.admin;
  let doc = null, types = null;

  async function meta() {
    if (types) return types;
    doc = (await req('GET', '/api/v1/openapi.json')).json();
    types = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      const m = p.match(/^\/api\/v1\/([a-z_]+)$/);
      const ref = item.post?.requestBody?.content?.['application/json']?.schema?.$ref;
      if (!m || !ref || !doc.paths[`${p}/{id}`]?.put) continue;
      const ent = ref.split('/').pop();
      const schema = doc.components.schemas[ent];
      if (!schema || !/^[a-z_]+$/.test(ent)) continue;
      const props = Object.entries(schema.properties).filter(([k, v]) => !v.readOnly && k !== 'version');
      const str = (v) => [].concat(v.type).includes('string');
      types.push({
        ent, plural: m[1], schema, required: schema.required || [],
        writable: props.map(([k]) => k),
        // free text: a string with no list of values, no format, room for a sentence
        text: props.filter(([, v]) => str(v) && !v.enum && !v.format && (v.maxLength ?? 0) >= 100).map(([k, v]) => ({ k, max: v.maxLength })),
        numbers: props.filter(([, v]) => [].concat(v.type).includes('number')).map(([k]) => k),
        urls: props.filter(([, v]) => v.format === 'uri').map(([k]) => k),
        imports: Boolean(doc.paths[`/api/v1/import/${m[1]}`]),
        attachments: Boolean(doc.paths[`${p}/{id}/attachments`]),
      });
    }
    return types;
  }

  const audit = async () => sent(await req('GET', '/api/v1/audit/log?limit=1', { token: tok() })).json().total;
  const total = async (t) => sent(await req('GET', `/api/v1/${t.plural}?limit=1`, { token: tok() })).json().total;
  const getRec = async (t, id) => sent(await req('GET', `/api/v1/${t.plural}/${id}`, { token: tok() })).json();
  async function snapshot(t, id) {
    return JSON.stringify({ total: await total(t), audit: await audit(), rec: await getRec(t, id) });
  }
  async function unchanged(t, id, before, what) {
    const after = await snapshot(t, id);
    if (after !== before) fail(`${what}: the database changed`, `before: ${before.slice(0, 300)}`, `after:  ${after.slice(0, 300)}`);
  }
  async function alive(what) {
    const h = await req('GET', '/healthz');
    status(h, 200, `the server answers after ${what}`);
  }

  /* the record the updates go to (one that takes an update), and a valid body to create
   * one like it (its writable fields) */
  async function target(t) {
    const list = sent(await req('GET', `/api/v1/${t.plural}?limit=20`, { token: tok() })).json().items;
    ok(list.length, `${t.plural}: no record to start from (the demo data has none)`);
    for (const rec of list) {
      const r = sent(await req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), json: { version: rec.version } }));
      if (r.status === 200) {
        const now = r.json();
        const base = {};
        for (const k of t.writable) if (now[k] !== undefined) base[k] = now[k];
        // the fields of several lines (a text area in the form); the others are one line
        const web = await adminWeb();
        const edit = sent(await req('GET', `/${t.plural}/${rec.id}/edit`, { cookie: web.cookie }));
        const multi = new Set([...edit.text.matchAll(/<textarea\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]));
        return { rec: now, base, multi };
      }
    }
    fail(`${t.plural}: none of the first ${list.length} records takes an update`);
  }

  /* ---------------------------------------------------------------- API */

  test('hostile: the corpus reaches every record type of the OpenAPI document', async () => {
    counter.started = Date.now();
    const ts = await meta();
    ok(ts.length >= 30, `only ${ts.length} record types found in the OpenAPI document`);
    const noText = ts.filter((t) => !t.text.length).map((t) => t.plural);
    // every type has free text to carry the payloads, except those made of codes and numbers
    ok(noText.length <= 4, `record types without a free-text field: ${noText.join(' ')}`);
  });

  async function apiInvalid(t, { rec, base }) {
    const field = t.text[0]?.k;
    const before = await snapshot(t, rec.id);
    const create = (body, headers = {}) => req('POST', `/api/v1/${t.plural}`, { token: tok(), body, headers }).then(sent);
    const update = (body, headers = {}) => req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), body, headers }).then(sent);
    const cur = { ...base, version: rec.version };
    const both = async (what, key, rawValue, fieldNamed, want = null) => {
      let r = await create(withRaw(base, key, rawValue));
      if (want) status(r, want, `${t.plural} create, ${what}`);
      refusedApi(r, `${t.plural} create, ${what}`, { field: fieldNamed });
      r = await create(withRaw(base, key, rawValue), { 'Accept-Language': 'en' });
      refusedApi(r, `${t.plural} create (en), ${what}`, { field: fieldNamed, lang: 'en' });
      r = await update(withRaw({ version: rec.version }, key, rawValue));
      if (want) status(r, want, `${t.plural} update, ${what}`);
      refusedApi(r, `${t.plural} update, ${what}`, { field: fieldNamed });
    };
    if (field) {
      for (const c of H.invalidText) await both(c.name, field, jsonStr(c.bytes), field);
      for (const c of H.invalidJsonEscapes) await both(c.name, field, c.json, field);
      for (const c of H.wrongTypesForString) await both(`${c.name} for ${field}`, field, c.json, field, 422);
      const max = t.text[0].max;
      await both(`${max + 1} characters in ${field} (at most ${max})`, field, JSON.stringify('ư'.repeat(max + 1)), field);
    }
    const req1 = t.required.find((k) => t.schema.properties[k] && [].concat(t.schema.properties[k].type).includes('string'));
    if (req1) {
      const r = await create(withRaw(base, req1, H.nullForRequired.json));
      refusedApi(r, `${t.plural} create, null for ${req1}`, { field: req1 });
    }
    for (const n of t.numbers)
      for (const c of H.invalidNumbers) await both(`${c.name} in ${n}`, n, c.json, n, c.status ?? 422);
    for (const c of H.invalidBodies) {
      let r = await create(c.body(base));
      refusedApi(r, `${t.plural} create, ${c.name}`);
      r = await update(c.body(cur));
      refusedApi(r, `${t.plural} update, ${c.name}`);
    }
    await alive(`the invalid input to ${t.plural}`);
    await unchanged(t, rec.id, before, `${t.plural}: after the invalid API input`);
  }

  /* a payload put in every free-text field; the fields that refuse it (a rule of their
   * own) must say so and name themselves; the rest must keep it exactly */
  /* what a text field keeps of text: trimmed; in one line, line breaks and tabs are spaces
   * (ft_text.c); nothing else changes */
  const keptAs = (text, multiline) => (multiline ? text : text.replace(/[\r\n\t]/g, ' ')).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

  async function putPayload(t, id, text, fields, what, multi) {
    const cur = await getRec(t, id);
    let body = { version: cur.version };
    const fits = fields.filter((f) => text.length <= f.max).map((f) => f.k);
    for (const k of fits) body[k] = text;
    let r = sent(await req('PUT', `/api/v1/${t.plural}/${id}`, { token: tok(), json: body }));
    let refused = [];
    if (r.status === 422) {
      const e = refusedApi(r, `${t.plural} update, ${what}`);
      refused = Object.keys(e.fields || {});
      ok(refused.length && refused.every((k) => fits.includes(k)), `${t.plural}, ${what}: refused without naming a field it was sent in`, r.text.slice(0, 300));
      body = { version: cur.version };
      for (const k of fits) if (!refused.includes(k)) body[k] = text;
      r = sent(await req('PUT', `/api/v1/${t.plural}/${id}`, { token: tok(), json: body }));
    }
    status(r, 200, `${t.plural} update, ${what}`);
    const back = await getRec(t, id);
    const kept = fits.filter((k) => !refused.includes(k));
    for (const k of kept) eq(back[k], keptAs(text, multi.has(k)), `${t.plural}.${k}: ${what} read back`);
    return kept;
  }

  /* quotes: false where a payload may be text of the page as it is (Markdown's text: a
   * quote outside any tag is no attribute); a < or > never is */
  function noRawMarkup(html, text, what, { quotes = true } = {}) {
    if ((quotes ? /[<>"']/ : /[<>]/).test(text) && text.length > 3) {
      const i = html.indexOf(text);
      ok(i < 0, `${what}: the payload is in the HTML unescaped`, html.slice(Math.max(0, i - 100), i + text.length + 50));
    }
    const js = html.match(/<[^>]+(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:java\s*script:|data:text\/html)[^>]*>/i);
    ok(!js, `${what}: a javascript:/data: address in the page`, js && js[0]);
    // an event handler outside every quoted attribute value: one the payload added
    const on = (html.match(/<[a-z][^>]*>/gi) || []).find((tag) => /\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '""')));
    ok(!on, `${what}: an event handler from the payload in the page`, on);
  }

  async function apiStored(t, { rec, multi }) {
    const web = await adminWeb();
    let storedIn = 0;
    for (const c of H.stored) {
      const kept = await putPayload(t, rec.id, c.text, t.text, c.name, multi);
      storedIn += kept.length;
      if (!kept.length) continue;
      if (['html', 'attr', 'url', 'js', 'css', 'svg'].includes(c.ctx)) {
        const page = sent(await req('GET', `/${t.plural}/${rec.id}`, { cookie: web.cookie }));
        status(page, 200, `${t.plural} page with ${c.name}`);
        noRawMarkup(page.text, c.text, `${t.plural} page, ${c.name}`);
        const edit = sent(await req('GET', `/${t.plural}/${rec.id}/edit`, { cookie: web.cookie }));
        if (edit.status === 200) {
          noRawMarkup(edit.text, c.text, `${t.plural} edit form, ${c.name}`);
          const vals = formValues(edit.text, `/${t.plural}/${rec.id}`);
          const v = vals && vals.find(([k]) => k === kept[0]);
          if (v) eq(v[1], keptAs(c.text, multi.has(kept[0])), `${t.plural} edit form: ${kept[0]} holds ${c.name} as text`);
        }
        const list = sent(await req('GET', `/${t.plural}?limit=500`, { cookie: web.cookie }));
        status(list, 200, `${t.plural} list with ${c.name}`);
        noRawMarkup(list.text, c.text, `${t.plural} list, ${c.name}`);
      }
    }
    ok(storedIn > 0 || !t.text.length, `${t.plural}: no free-text field kept any payload`);
    // the URL fields: a javascript: address is refused or never becomes a link
    for (const u of t.urls) {
      for (const c of H.stored.filter((x) => x.ctx === 'url')) {
        const cur = await getRec(t, rec.id);
        const r = sent(await req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), json: { version: cur.version, [u]: c.text } }));
        if (r.status === 422) { refusedApi(r, `${t.plural}.${u} = ${c.name}`, { field: u }); continue; }
        status(r, 200, `${t.plural}.${u} = ${c.name}`);
        const page = sent(await req('GET', `/${t.plural}/${rec.id}`, { cookie: web.cookie }));
        noRawMarkup(page.text, c.text, `${t.plural} page, ${u} = ${c.name}`);
      }
    }
    // -0 in a number field is 0
    for (const n of t.numbers.slice(0, 1)) {
      const cur = await getRec(t, rec.id);
      const r = sent(await req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), body: withRaw({ version: cur.version }, n, H.negativeZero.json) }));
      if (r.status === 422) { // a rule between fields (a latitude needs its longitude)
        const e = refusedApi(r, `${t.plural}.${n} = -0`);
        ok(Object.keys(e.fields || {}).every((k) => t.numbers.includes(k)), `${t.plural}.${n} = -0 refused for another reason`, r.text.slice(0, 300));
        continue;
      }
      status(r, 200, `${t.plural}.${n} = -0`);
      ok(Object.is((await getRec(t, rec.id))[n], 0), `${t.plural}.${n}: -0 is not read back as 0`);
    }
  }

  /* formulas in every free-text field at once, then the exports */
  async function exportsNeutral(t, { rec, multi }) {
    if (!t.text.length) return;
    const formulas = H.stored.filter((c) => c.ctx === 'formula');
    const cur = await getRec(t, rec.id);
    const body = { version: cur.version };
    const put = {};
    t.text.forEach((f, i) => { put[f.k] = formulas[i % formulas.length].text; });
    Object.assign(body, put);
    let r = sent(await req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), json: body }));
    if (r.status === 422) {
      for (const k of Object.keys(r.json().error.fields || {})) { delete body[k]; delete put[k]; }
      r = sent(await req('PUT', `/api/v1/${t.plural}/${rec.id}`, { token: tok(), json: body }));
    }
    status(r, 200, `${t.plural}: formulas in the text fields`);
    const csv = sent(await req('GET', `/api/v1/${t.plural}?format=csv&limit=500`, { token: tok() }));
    status(csv, 200, `${t.plural} CSV export`);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const row = rows.find((x) => x[0] === String(rec.id));
    ok(row, `${t.plural}: the record is not in the CSV export`);
    for (const [k, v] of Object.entries(put)) {
      const i = rows[0].indexOf(k);
      if (i < 0) continue;
      ok(!FORMULA.test(row[i]), `${t.plural} CSV: ${k} begins with a formula character`, JSON.stringify(row[i]));
      eq(row[i].replace(/^'/, ''), keptAs(v, multi.has(k)), `${t.plural} CSV: ${k} is the value after our apostrophe`);
    }
    const x = sent(await req('GET', `/api/v1/${t.plural}?format=xlsx&limit=500`, { token: tok() }));
    status(x, 200, `${t.plural} XLSX export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    let formulaCells = 0, found = 0;
    const values = new Set(Object.entries(put).map(([k, v]) => keptAs(v, multi.has(k))));
    wb.worksheets.forEach((ws) => ws.eachRow((rw) => rw.eachCell((cell) => {
      if (cell.formula || cell.type === ExcelJS.ValueType.Formula) formulaCells++;
      if (typeof cell.value === 'string' && values.has(cell.value)) found++;
    })));
    eq(formulaCells, 0, `${t.plural} XLSX: formula cells`);
    ok(found > 0, `${t.plural} XLSX: the formula texts are not string cells`);
  }

  /* ---------------------------------------------------------------- pages */

  async function pageRoutes(t, { rec }) {
    const web = await adminWeb();
    const edit = sent(await req('GET', `/${t.plural}/${rec.id}/edit`, { cookie: web.cookie }));
    if (edit.status !== 200) return `no edit page (${edit.status})`;
    const vals = formValues(edit.text, `/${t.plural}/${rec.id}`);
    ok(vals && vals.length, `${t.plural}: no record form in the edit page`);
    const csrf = csrfOf(edit.text);
    const field = t.text.find((f) => vals.some(([k]) => k === f.k));
    const before = await snapshot(t, rec.id);
    const post = (path, pairs) => req('POST', path, { cookie: web.cookie, body: formBody(pairs),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).then(sent);
    const replace = (k, v) => vals.filter(([n]) => n !== k && n !== 'csrf').concat([[k, v], ['csrf', csrf]]);
    const createPairs = (k, v) => replace(k, v).filter(([n]) => n !== 'version');
    const cases = [];
    if (field) {
      for (const c of H.invalidText) cases.push([c.name, field.k, c.bytes]);
      cases.push([`${field.max + 1} characters`, field.k, 'ư'.repeat(field.max + 1)]);
    }
    for (const n of t.numbers.filter((k) => vals.some(([x]) => x === k)))
      for (const c of H.invalidNumbers.filter((x) => x.text)) cases.push([`${c.name} in ${n}`, n, c.text]);
    for (const [what, k, v] of cases) {
      let r = await post(`/${t.plural}`, createPairs(k, v));
      refusedPage(r, `${t.plural} page create, ${what}`, k);
      r = await post(`/${t.plural}/${rec.id}`, replace(k, v));
      refusedPage(r, `${t.plural} page update, ${what}`, k);
    }
    if (field) { // every field of one value, sent twice
      // (an empty value is no value: a value and an empty one are one value)
      for (const [k, v] of vals.filter(([n, x], i, all) => x !== '' && n !== 'csrf' && n !== 'version' && all.filter(([m]) => m === n).length === 1)) {
        const other = H.formTwice.second;
        let r = await post(`/${t.plural}/${rec.id}`, replace(k, v).concat([[k, other]]));
        refusedPage(r, `${t.plural} page update, ${H.formTwice.name}: ${k}`, k);
        if (k !== field.k) continue;
        r = await post(`/${t.plural}`, createPairs(k, v).concat([[k, other]]));
        refusedPage(r, `${t.plural} page create, ${H.formTwice.name}: ${k}`, k);
      }
    }
    if (cases.length) {
      const [what, k, v] = cases[0];
      const r = await post(`/${t.plural}/${rec.id}?lang=en`, replace(k, v));
      refusedPage(r, `${t.plural} page update (lang=en), ${what}`, k, 'en');
    }
    await alive(`the invalid forms of ${t.plural}`);
    await unchanged(t, rec.id, before, `${t.plural}: after the invalid forms`);
    // one dangerous text through the form comes back exactly
    if (field) {
      const text = H.stored[0].text + ' ' + H.stored[4].text;
      if (text.length <= field.max) {
        const r = await post(`/${t.plural}/${rec.id}`, replace(field.k, text));
        status(r, 303, `${t.plural} page update with markup in ${field.k}`);
        eq((await getRec(t, rec.id))[field.k], text, `${t.plural}.${field.k} from the form`);
      }
    }
    return null;
  }

  /* ---------------------------------------------------------------- import */

  /* a CSV cell of a value as the record holds it (a list: its items joined by ;) */
  const cell = (v) => {
    if (Buffer.isBuffer(v)) return Buffer.concat([Buffer.from('"'), v, Buffer.from('"')]);
    const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
    return Buffer.from(/[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  };

  async function importInvalid(t, { rec, base }) {
    const field = t.text[0]?.k;
    if (!t.imports || !field) return;
    const cols = [...new Set([...t.required, field])].filter((k) => base[k] !== undefined);
    const csvOf = (v) => Buffer.concat([Buffer.from(cols.join(',') + '\r\n'),
      ...cols.flatMap((k, i) => [i ? Buffer.from(',') : Buffer.alloc(0), cell(k === field ? v : base[k])]), Buffer.from('\r\n')]);
    const before = await snapshot(t, rec.id);
    const max = t.text[0].max;
    for (const [what, v] of [...H.invalidText.map((c) => [c.name, c.bytes]), [`${max + 1} characters`, 'ư'.repeat(max + 1)]]) {
      const r = sent(await req('POST', `/api/v1/import/${t.plural}`, { token: tok(), body: csvOf(v), headers: { 'Content-Type': 'text/csv' } }));
      const e = refusedApi(r, `${t.plural} import, ${what}`, { field });
      ok(Array.isArray(e.lines) && e.lines.length, `${t.plural} import, ${what}: no line named`, r.text.slice(0, 300));
    }
    await unchanged(t, rec.id, before, `${t.plural}: after the invalid imports`);
  }

  /* dangerous but valid text through the CSV import (a row naming the record by id, the
   * payload in every free-text field): kept exactly as the API keeps it, escaped on the
   * record's page */
  async function importStored(t, { rec, base, multi }) {
    if (!t.imports || !t.text.length) return;
    const web = await adminWeb();
    const quote = (v) => `"${v.replace(/"/g, '""')}"`;
    let kept = 0;
    // the record's required values as they are (an import's row has every required column)
    for (const c of H.stored.filter((x) => ['html', 'attr', 'sql', 'formula', 'bidi', 'path', 'svg'].includes(x.ctx))) {
      let fields = t.text.filter((f) => c.text.length <= f.max).map((f) => f.k);
      const csvOf = (ks) => {
        const req1 = t.required.filter((k) => !ks.includes(k) && base[k] !== undefined);
        return Buffer.concat([Buffer.from(`id,${[...req1, ...ks].join(',')}\r\n${rec.id}`),
          ...req1.flatMap((k) => [Buffer.from(','), cell(base[k])]), Buffer.from(ks.map(() => ',' + quote(c.text)).join('') + '\r\n')]);
      };
      let r = sent(await req('POST', `/api/v1/import/${t.plural}`, { token: tok(), body: csvOf(fields), headers: { 'Content-Type': 'text/csv' } }));
      if (r.status === 422) { // a field with a rule of its own (a name's, a code's) says so, by name
        const e = refusedApi(r, `${t.plural} import, ${c.name}`);
        const named = (e.lines || []).map((l) => l.field);
        ok(named.length && named.every((k) => fields.includes(k)), `${t.plural} import, ${c.name}: refused for a field it was not sent in`, r.text.slice(0, 300));
        fields = fields.filter((k) => !named.includes(k));
        if (!fields.length) continue;
        r = sent(await req('POST', `/api/v1/import/${t.plural}`, { token: tok(), body: csvOf(fields), headers: { 'Content-Type': 'text/csv' } }));
      }
      status(r, 200, `${t.plural} import, ${c.name}`);
      const back = await getRec(t, rec.id);
      for (const k of fields) eq(back[k], keptAs(c.text, multi.has(k)), `${t.plural}.${k}: ${c.name} imported and read back`);
      kept += fields.length;
      if (['html', 'attr', 'svg'].includes(c.ctx)) {
        const page = sent(await req('GET', `/${t.plural}/${rec.id}`, { cookie: web.cookie }));
        status(page, 200, `${t.plural} page after the import of ${c.name}`);
        noRawMarkup(page.text, c.text, `${t.plural} page, ${c.name} imported`);
      }
    }
    ok(kept > 0, `${t.plural}: no free-text field kept any payload through the import`);
  }

  /* ---------------------------------------------------------------- tests */

  // one test per record type: the list is the command line's (the tests are registered
  // before the server starts), checked against the OpenAPI document's
  const KNOWN = recordTypes(BIN, DIR);
  test('hostile: the command line and the OpenAPI document list the same record types', async () => {
    ok(KNOWN.length >= 30, `the command line lists ${KNOWN.length} record types`);
    const ts = await meta();
    eq(ts.map((t) => t.plural).sort().join(' '), [...KNOWN].sort().join(' '), 'record types');
  });
  for (const plural of KNOWN) {
    test(`hostile: ${plural}: API create/update, page forms, import refuse the invalid; the dangerous comes back escaped`, async () => {
      const t = (await meta()).find((x) => x.plural === plural);
      ok(t, `${plural} is not in the OpenAPI document`);
      const tg = await target(t);
      try {
        await apiInvalid(t, tg);
        await pageRoutes(t, tg);
        await importInvalid(t, tg);
        await apiStored(t, tg);
        await exportsNeutral(t, tg);
        await importStored(t, tg);
      } finally {
        // the demo record the payloads went to gets its values back: later suites read it
        const now = sent(await req('GET', `/api/v1/${t.plural}/${tg.rec.id}`, { token: tok() })).json();
        const r = sent(await req('PUT', `/api/v1/${t.plural}/${tg.rec.id}`, { token: tok(), json: { ...tg.base, version: now.version } }));
        status(r, 200, `${plural}: the target record restored`);
      }
    }, { timeoutMs: 60000 });
  }

  /* ---------------------------------------------------------------- 10 MB, once per route */

  test('hostile: a 10 MB field, once per write route, is refused; the server stays up', async () => {
    const t = (await meta()).find((x) => x.plural === 'partners');
    const tg = await target(t);
    const web = await adminWeb();
    const big = H.huge();
    const before = await snapshot(t, tg.rec.id);
    const tryReq = async (what, method, path, opts) => {
      try {
        const r = sent(await req(method, path, opts));
        ok(r.status >= 400 && r.status < 500, `${what}: answered ${r.status}`, r.text.slice(0, 200));
        if (r.status !== 413 && path.startsWith('/api/')) refusedApi(r, what, { field: 'notes' });
      } catch (e) {
        // the server may answer 413 and close before the whole body is written
        ok(/EPIPE|ECONNRESET|socket hang up/.test(String(e.message)), `${what}: ${e.message}`);
      }
    };
    const formH = { 'Content-Type': 'application/x-www-form-urlencoded' };
    await tryReq('API create', 'POST', '/api/v1/partners', { token: tok(), json: { ...tg.base, notes: big } });
    await tryReq('API update', 'PUT', `/api/v1/partners/${tg.rec.id}`, { token: tok(), json: { version: tg.rec.version, notes: big } });
    await tryReq('page create', 'POST', '/partners', { cookie: web.cookie, headers: formH,
      body: formBody([['csrf', web.csrf], ['kind', 'ngo'], ['name_vi', 'x'], ['country', 'LA'], ['notes', big]]) });
    await tryReq('page update', 'POST', `/partners/${tg.rec.id}`, { cookie: web.cookie, headers: formH,
      body: formBody([['csrf', web.csrf], ['version', String(tg.rec.version)], ['notes', big]]) });
    const csv = Buffer.from(`kind,name_vi,country,notes\r\nngo,Mười MB,LA,${'A'.repeat(H.TEN_MB - 100)}\r\n`);
    await tryReq('API import', 'POST', '/api/v1/import/partners', { token: tok(), body: csv, headers: { 'Content-Type': 'text/csv' } });
    const m = multipart({ csrf: web.csrf }, { name: 'x.csv', type: 'text/csv', data: csv });
    await tryReq('page import', 'POST', '/partners/import', { cookie: web.cookie, body: m.body, headers: m.headers });
    const up = multipart({}, { name: 'A'.repeat(1024 * 1024) + '.pdf', data: '%PDF-1.4\n%%EOF\n' });
    try {
      const r = sent(await req('POST', `/api/v1/agreements/${S.agreement || 1}/attachments`, { token: tok(), body: up.body, headers: up.headers }));
      if (r.status === 201) ok(r.json().name.length <= 200, 'a 1 MB file name is cut to 200 characters');
      else refusedApi(r, 'upload with a 1 MB file name');
    } catch (e) { ok(/EPIPE|ECONNRESET|socket hang up/.test(String(e.message)), `upload: ${e.message}`); }
    await alive('the 10 MB fields');
    await unchanged(t, tg.rec.id, before, 'partners: after the 10 MB fields');
  }, { timeoutMs: 60000 });

  /* ---------------------------------------------------------------- file names */

  test('hostile: upload file names are cleaned or refused on every record type with attachments; downloads carry no header of their own', async () => {
    const ts = (await meta()).filter((t) => t.attachments);
    ok(ts.length >= 10, `only ${ts.length} record types with attachments`);
    const web = await adminWeb();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    for (const t of ts) {
      const { rec } = await target(t);
      const cases = [...H.fileNames.map((c) => ({ ...c, raw: Buffer.from(c.file) })), ...H.badFileNames.map((c) => ({ ...c, raw: c.bytes, refused: true }))];
      for (const c of t === ts[0] ? cases : cases.filter((x, i) => i % 3 === ts.indexOf(t) % 3)) {
        const boundary = 'HostileBoundary' + Math.random().toString(16).slice(2);
        const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
          Buffer.from(c.raw.toString('latin1').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A'), 'latin1'),
          Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
        const r = sent(await req('POST', `/api/v1/${t.plural}/${rec.id}/attachments`, { token: tok(), body, headers }));
        if (c.refused) {
          refusedApi(r, `${t.plural} upload named ${c.name}`, { field: 'file' });
          continue;
        }
        if (r.status !== 201) { refusedApi(r, `${t.plural} upload named ${c.name}`, { field: 'file' }); continue; }
        const a = r.json();
        ok(!/[\/\\\x00-\x1f\x7f"]/.test(a.name) && !a.name.startsWith('.'), `${t.plural} upload ${c.name}: stored as ${JSON.stringify(a.name)}`);
        ok(!/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(a.name), `${t.plural} upload ${c.name}: a bidi control kept in ${JSON.stringify(a.name)}`);
        if (c.expect) eq(a.name, c.expect, `${t.plural} upload ${c.name}`);
        ok([...a.name].length <= 200, `${t.plural} upload ${c.name}: a name of ${[...a.name].length} characters`);
        const d = sent(await req('GET', a.url, { token: tok() }));
        status(d, 200, `download of ${c.name}`);
        const cd = d.headers['content-disposition'] || '';
        ok(!/[\r\n]/.test(cd) && !d.headers['set-cookie'], `${c.name}: Content-Disposition ${JSON.stringify(cd)}`);
        ok(/^attachment; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&'()*+,;=:@-]*$/.test(cd), `${c.name}: Content-Disposition ${JSON.stringify(cd)}`);
        const page = sent(await req('GET', `/${t.plural}/${rec.id}`, { cookie: web.cookie }));
        noRawMarkup(page.text, c.file, `${t.plural} page with an attachment named ${c.name}`);
      }
    }
    await alive('the file names');
  }, { timeoutMs: 60000 });

  /* ---------------------------------------------------------------- the public bulletin */

  test('hostile: the public bulletin: each payload in a published article\'s title, summary, tags and body shows only escaped, on every public page and in the feed', async () => {
    const u = cli(BIN, ['user', 'add', 'lanhdao-hostile', '--role', 'leader', '--db', DB], 'Tr4ng-bao-xuan-hai\n');
    ok(u.code === 0, 'a leader to publish', u.stderr);
    const l = sent(await req('POST', '/api/v1/login', { json: { username: 'lanhdao-hostile', password: 'Tr4ng-bao-xuan-hai' } }));
    status(l, 200, 'the leader signs in');
    const leader = l.json().token;
    const cats = sent(await req('GET', '/api/v1/bulletin_categories?limit=50', { token: tok() })).json().items;
    ok(cats.length, 'the bulletin\'s categories');
    const c = sent(await req('POST', '/api/v1/articles', { token: tok(), json: { title_vi: 'Bài thử dữ liệu độc hại', category_id: cats[0].id, body_vi: 'Nội dung.', title_en: 'Hostile data', body_en: 'Text.' } }));
    status(c, 201, 'an article');
    const id = c.json().id;
    status(sent(await req('POST', `/api/v1/articles/${id}/transition`, { token: leader, json: { to: 'published' } })), 200, 'published');
    const payloads = H.stored.filter((x) => ['html', 'attr', 'url', 'js', 'css', 'svg', 'header', 'bidi'].includes(x.ctx));
    for (const p of payloads) {
      const cur = await getRec({ plural: 'articles' }, id);
      const body = { version: cur.version, title_vi: `${p.text} ${p.name}`, summary_vi: p.text, tags: p.text.replace(/,/g, ' '),
        body_vi: `${p.text}\n\n[liên kết](${p.text}) ![ảnh](${p.text})\n\n<a href="${p.text}">x</a>`, title_en: `${p.text} en`, body_en: p.text };
      const r = sent(await req('PUT', `/api/v1/articles/${id}`, { token: leader, json: body }));
      status(r, 200, `the article with ${p.name}`);
      const a = r.json();
      const pages = [`/bulletin/vi/a/${a.slug}`, `/bulletin/en/a/${a.slug}`, '/bulletin/vi', '/bulletin/en',
        `/bulletin/vi/c/${cats.find((x) => x.id === a.category_id)?.slug || cats[0].slug}`, '/bulletin/vi/feed.atom', '/bulletin/en/feed.atom'];
      for (const path of pages) {
        const g = sent(await req('GET', path));
        status(g, 200, `${path} with ${p.name}`);
        noRawMarkup(g.text, p.text, `${path}, ${p.name}`, { quotes: false });
        ok(!/^set-cookie/mi.test(JSON.stringify(g.headers)) || !g.headers['set-cookie'], `${path}: a cookie set for a stranger`);
        if (path.endsWith('.atom')) ok(!/<(script|img|svg|iframe)\b/i.test(g.text), `${path}, ${p.name}: markup in the feed`, g.text.slice(0, 300));
      }
      eq((await getRec({ plural: 'articles' }, id)).summary_vi, keptAs(p.text, true), `the summary keeps ${p.name}`);
    }
    await alive('the bulletin\'s payloads');
  }, { timeoutMs: 60000 });

  /* ---------------------------------------------------------------- the report's files */

  test('hostile: a report\'s text fields, the corpus in each, come out as text in its PDF, DOCX, XLSX and HTML, which stay well-formed', async () => {
    const texts = H.stored.filter((x) => ['html', 'attr', 'js', 'css', 'svg', 'sql', 'formula', 'path', 'bidi'].includes(x.ctx) && !/[\t\r\n]/.test(x.text)).map((x) => x.text);
    const xmlBreakers = [']]></w:t></w:r></w:p><w:p><w:r><w:t>chèn', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;', '&amp; &lt; & < >'];
    const all = [...xmlBreakers, ...texts];
    const body = { period: '2037-Q3', summary: xmlBreakers[0], recipients: all.slice(0, 6).join('\n'), signer_name: '<b>"Lê"</b> & \'Văn\'',
      results: all.join('\n'), difficulties: all.slice().reverse().join('\n'), proposals: xmlBreakers.join('\n'), cc: texts.slice(0, 4).join('\n') };
    const r = sent(await req('POST', '/api/v1/reports', { token: tok(), json: body }));
    status(r, 201, 'a report holding the corpus');
    const id = r.json().id;
    const dir = path.join(DIR, 'hostile-report');
    fs.mkdirSync(dir, { recursive: true });
    const get = async (format) => {
      const f = sent(await req('GET', `/api/v1/reports/${id}/file?format=${format}`, { token: tok() }));
      status(f, 200, `the report as ${format}`);
      const file = path.join(dir, `r.${format}`);
      fs.writeFileSync(file, f.body);
      return { file, res: f };
    };
    const sh = (cmd, args, input) => {
      const x = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 60000, maxBuffer: 64 << 20 });
      ok(x.status === 0, `${cmd} ${args.join(' ')}`, (x.stderr || '').slice(0, 600));
      return x.stdout;
    };
    const flat = (t) => t.replace(/\s+/g, ' ');
    /* every XML part of an Office file parses (no DOCTYPE, no entity of its own) */
    const wellFormed = (file) => {
      const parts = sh('/usr/bin/python3', ['-c', 'import sys, zipfile, xml.dom.minidom\nz = zipfile.ZipFile(sys.argv[1])\nn = 0\nfor name in z.namelist():\n  if name.endswith((".xml", ".rels")):\n    b = z.read(name)\n    assert b"<!DOCTYPE" not in b and b"<!ENTITY" not in b, name\n    xml.dom.minidom.parseString(b)\n    n += 1\nprint(n)', file]);
      ok(Number(parts) >= 3, `${file}: ${parts} XML parts`);
    };
    // DOCX: every part well-formed XML, its text each payload as typed
    const docx = await get('docx');
    wellFormed(docx.file);
    const dtext = flat(sh('/usr/bin/python3', ['-c', 'import sys, docx\nd = docx.Document(sys.argv[1])\nprint("\\n".join(p.text for p in d.paragraphs))\nfor t in d.tables:\n  for row in t.rows:\n    for c in row.cells: print(c.text)', docx.file]));
    for (const t of all) ok(dtext.includes(flat(t)), `the DOCX lacks ${JSON.stringify(t)}`);
    // XLSX: well-formed, no formula cell, the texts as string cells
    const xlsx = await get('xlsx');
    wellFormed(xlsx.file);
    const cells = JSON.parse(sh('/usr/bin/python3', ['-c', 'import sys, json, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nout = []\nfor ws in wb.worksheets:\n  for row in ws.iter_rows():\n    for c in row:\n      if c.value is not None: out.append([c.data_type, str(c.value)])\nprint(json.dumps(out))', xlsx.file]));
    eq(cells.filter(([k]) => k === 'f').length, 0, 'formula cells in the XLSX');
    const xtext = flat(cells.map(([, v]) => v).join('\n'));
    for (const t of all) ok(xtext.includes(flat(t)), `the XLSX lacks ${JSON.stringify(t)}`);
    // PDF: its text layer holds the texts (bidi controls and zero-width characters aside)
    const pdf = await get('pdf');
    const ptext = flat(sh('pdftotext', ['-raw', pdf.file, '-'])).replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g, '');
    for (const t of all.filter((x) => !/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/.test(x)))
      ok(ptext.replace(/ /g, '').includes(flat(t).replace(/ /g, '')), `the PDF's text lacks ${JSON.stringify(t)}`);
    // HTML: a page of its own, every payload escaped
    const html = await get('html');
    for (const t of all) noRawMarkup(html.res.text, t, `the report's HTML, ${JSON.stringify(t).slice(0, 40)}`);
    const page = sent(await req('GET', `/reports/${id}`, { cookie: (await adminWeb()).cookie }));
    status(page, 200, 'the report\'s page');
    for (const t of all) noRawMarkup(page.text, t, `the report's page, ${JSON.stringify(t).slice(0, 40)}`);
    status(sent(await req('DELETE', `/api/v1/reports/${id}`, { token: tok() })), 204, 'the report removed');
  }, { timeoutMs: 60000 });

  test('hostile: figures', async () => {
    console.log(`    # ${counter.sent} requests of the hostile corpus in ${((Date.now() - counter.started) / 1000).toFixed(1)} s`);
  });
}
