/* Projects, aid and investment leads: the stage workflow and who may take each step, the
 * dates the steps keep; amounts by year in their currency, converted at their rates, summed
 * on the project; sectors and their shares; the procedure's deadlines and a stalled lead as
 * the list's filter; meetings on the project's page and as its last contact; an agency's
 * own project; the pipeline page; the IATI export validated by xmllint (a client nobody
 * here wrote), and a project made invalid on purpose refused with its rule named, on the
 * API and the command line. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, parseCsv } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const XSD = path.resolve(HERE, '../../../shared/data/iati-2.03/iati-activities-schema.xsd');

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const P = {};
  const post = async (table, json, token = S.officer, code = 201) => {
    const r = await req('POST', `/api/v1/${table}`, { token, json });
    status(r, code, `${table} ${JSON.stringify(json)}`);
    return r.json();
  };
  const get = async (p, token = S.viewer) => (await req('GET', p, { token })).json();
  const step = (id, to, token, extra = {}) =>
    req('POST', `/api/v1/projects/${id}/transition`, { token, json: { to, ...extra } });
  const login = async (name, role, extra = []) => {
    const r = cli(BIN, ['user', 'add', name, '--role', role, ...extra, '--db', DB], `${name}-mk-123\n`);
    ok(r.code === 0, `user add ${name}`, ...describeRun('user add', r));
    const l = await req('POST', '/api/v1/login', { json: { username: name, password: `${name}-mk-123` } });
    status(l, 200, `${name} login`);
    return l.json().token;
  };
  const newProject = (extra = {}) => post('projects', {
    code: uniq('T').replace(/[^A-Za-z0-9]/g, ''), title_vi: uniq('Dự án thử'), title_en: 'A test project',
    kind: 'ngo_project', currency: 'USD', opened_on: today, description_vi: 'Mô tả', planned_start: shift(today, 30), ...extra,
  });

  test('projects: stages one at a time; approval is a leader\'s, a drop needs its reason; steps date themselves', async () => {
    P.leader = await login('lanhdao-duan', 'leader');
    const p = await newProject();
    eq(p.stage, 'idea', 'a new project is an idea');
    ok(p.iati_id && p.iati_id.endsWith(`-${p.code}`), 'its IATI identifier: the organisation\'s, a hyphen, its code', p.iati_id);
    apiError(await step(p.id, 'negotiating', S.officer), 409, 'conflict', 'no skipping a stage');
    apiError(await step(p.id, 'contacted', S.viewer), 403, 'forbidden', 'a viewer takes no step');
    for (const to of ['contacted', 'negotiating', 'file_submitted', 'appraised'])
      status(await step(p.id, to, S.officer), 200, `officer: ${to}`);
    const filed = await get(`/api/v1/projects/${p.id}`);
    eq(`${filed.file_complete} ${filed.appraised_on}`, `${today} ${today}`, 'the steps dated the file and the appraisal');
    apiError(await step(p.id, 'approved', S.officer), 403, 'forbidden', 'an officer does not approve');
    status(await step(p.id, 'approved', P.leader), 200, 'a leader approves');
    eq((await get(`/api/v1/projects/${p.id}`)).approved_on, today, 'approved today');
    const lead = await newProject({ kind: 'fdi_lead' });
    apiError(await step(lead.id, 'dropped', S.officer), 422, 'invalid', 'dropping needs a reason');
    status(await step(lead.id, 'dropped', S.officer, { note: 'Nhà đầu tư rút' }), 200, 'dropped with its reason');
    P.approved = p;
  });

  test('projects: amounts by year in their own currency, at the rate of their date, in USD and VND', async () => {
    const p = await newProject({ currency: 'EUR' });
    const bad = await req('POST', '/api/v1/project_amounts', { token: S.officer, json: { project_id: p.id, year: 2026, currency: 'EUR', committed: 100000, rate_date: today } });
    const e = apiError(bad, 422, 'invalid', 'EUR without rates');
    eq(`${e.fields.rate_usd?.code} ${e.fields.rate_vnd?.code}`, 'rate_needed rate_needed', 'both rates asked for');
    apiError(await req('POST', '/api/v1/project_amounts', { token: S.officer, json: { project_id: p.id, year: 2026, currency: 'ZZZ', committed: 1, rate_date: today } }), 422, 'invalid', 'unknown currency');
    const a = await post('project_amounts', { project_id: p.id, year: 2026, currency: 'eur', committed: 150000, disbursed: 40000, rate_usd: 1.08, rate_vnd: 27600, rate_date: shift(today, -10) });
    eq(`${a.currency} ${a.committed_usd} ${a.committed_vnd} ${a.disbursed_usd}`, 'EUR 162000 4140000000 43200', 'converted at its rates');
    await post('project_amounts', { project_id: p.id, year: 2027, currency: 'USD', committed: 50000, rate_vnd: 26300, rate_date: today });
    const back = await get(`/api/v1/projects/${p.id}`);
    eq(`${back.committed_usd} ${back.disbursed_usd}`, '212000 43200', 'the project sums its years in USD');
    const page = await req('GET', `/projects/${p.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, '4.140.000.000', 'its page shows the VND figure');
    P.eur = p;
  });

  test('projects: sectors are DAC codes with shares; a share out of 0–100 is refused', async () => {
    const p = P.approved;
    apiError(await req('POST', '/api/v1/project_sectors', { token: S.officer, json: { project_id: p.id, sector: '99999', percent: 50 } }), 422, 'invalid', 'not a DAC code');
    apiError(await req('POST', '/api/v1/project_sectors', { token: S.officer, json: { project_id: p.id, sector: '12220', percent: 101 } }), 422, 'invalid', 'over 100');
    apiError(await req('POST', '/api/v1/project_sectors', { token: S.officer, json: { project_id: p.id, sector: '12220', percent: 0 } }), 422, 'invalid', 'zero');
    P.s1 = await post('project_sectors', { project_id: p.id, sector: '12220', percent: 60 });
    await post('project_sectors', { project_id: p.id, sector: '14031', percent: 30 });
    eq((await get(`/api/v1/projects/${p.id}`)).sector_total, 90, 'the shares are summed on the project');
  });

  test('projects: the procedure\'s deadlines are the list\'s filter, around their boundaries', async () => {
    const filed = async (days) => {
      const p = await newProject({ file_complete: shift(today, -days), opened_on: shift(today, -days - 5) });
      for (const to of ['contacted', 'negotiating', 'file_submitted']) status(await step(p.id, to, S.officer), 200, to);
      return p;
    };
    const inTime = await filed(20), late = await filed(21);
    eq((await get(`/api/v1/projects/${inTime.id}`)).deadline, 'none', 'a complete file 20 days ago: in time');
    eq((await get(`/api/v1/projects/${late.id}`)).deadline, 'appraisal', '21 days: appraisal overdue');
    const ids = (await get('/api/v1/projects?deadline=appraisal&limit=500')).items.map((x) => x.id);
    ok(ids.includes(late.id) && !ids.includes(inTime.id), 'the filter lists the late one only', JSON.stringify(ids));
    // a lead with no contact for 60 days, then a meeting
    const quiet = await newProject({ opened_on: shift(today, -61) }), fresh = await newProject({ opened_on: shift(today, -60) });
    eq(`${(await get(`/api/v1/projects/${quiet.id}`)).deadline} ${(await get(`/api/v1/projects/${fresh.id}`)).deadline}`, 'stalled none', '61 days without contact: stalled; 60: not yet');
    await post('meetings', { title: 'Làm việc với nhà tài trợ', date: shift(today, -2), kind: 'meeting', project_id: quiet.id });
    const met = await get(`/api/v1/projects/${quiet.id}`);
    eq(`${met.last_contact} ${met.deadline}`, `${shift(today, -2)} none`, 'a meeting is its last contact; no longer stalled');
    const page = await req('GET', `/projects/${quiet.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, 'Làm việc với nhà tài trợ', 'the project\'s page lists its meetings');
    const warn = await req('GET', `/projects/${late.id}`, { cookie: (await adminWeb()).cookie });
    includes(warn.text, 'Quá 20 ngày kể từ khi nhận đủ hồ sơ', 'the warning on the late one\'s page');
    // the calendar: the in-time one's appraisal falls due today; the late one's yesterday, overdue
    const cal = (await get(`/api/v1/calendar?from=${shift(today, -1)}&to=${today}`)).items.filter((i) => i.type === 'project');
    const due = (id) => cal.find((i) => i.id === id);
    eq(`${due(inTime.id)?.start} ${due(inTime.id)?.overdue}`, `${today} false`, 'the appraisal due today, on the calendar');
    eq(`${due(late.id)?.start} ${due(late.id)?.overdue}`, `${shift(today, -1)} true`, 'the late one, overdue');
    // the reminders: the server's sweeper tells the officers, once
    let kinds = [];
    for (let i = 0; i < 40 && !kinds.includes(`aid_deadline ${late.id}`); i++) {
      await new Promise((r) => setTimeout(r, 250));
      kinds = (await get('/api/v1/notifications?limit=200', S.officer)).items.map((n) => `${n.kind} ${n.record_id}`);
    }
    ok(kinds.includes(`aid_deadline ${late.id}`), 'the officers hear of the overdue appraisal', kinds.slice(0, 5).join('|'));
    ok(!kinds.includes(`aid_deadline ${inTime.id}`), 'not of the one in time');
  });

  test('projects: an agency reports the money of its own project only', async () => {
    const ag = await post('agencies', { name_vi: uniq('Ban quản lý dự án thử'), kind: 'other' });
    const other = await post('agencies', { name_vi: uniq('Cơ quan khác'), kind: 'other' });
    const mine = await newProject({ agency_id: ag.id }), theirs = await newProject({ agency_id: other.id });
    const t = await login('bqlda-thu', 'agency', ['--agency', String(ag.id)]);
    await post('project_amounts', { project_id: mine.id, year: 2026, currency: 'USD', disbursed: 1000, rate_vnd: 26300, rate_date: today }, t);
    const r = await req('POST', '/api/v1/project_amounts', { token: t, json: { project_id: theirs.id, year: 2026, currency: 'USD', disbursed: 1000, rate_vnd: 26300, rate_date: today } });
    ok(r.status === 403 || r.status === 422, 'another agency\'s project refused', r.status, r.text);
    eq((await get(`/api/v1/projects/${theirs.id}`)).disbursed_usd ?? null, null, 'nothing stored on it');
  });

  test('projects: the pipeline page, a column a stage with counts and amounts, no script', async () => {
    const w = await adminWeb();
    const r = await req('GET', '/pipeline', { cookie: w.cookie });
    status(r, 200, 'pipeline');
    excludes(r.text, '<script', 'no JavaScript');
    const cols = [...r.text.matchAll(/data-stage="([a-z_]+)" data-count="(\d+)"/g)].map((m) => [m[1], +m[2]]);
    eq(cols.map((c) => c[0]).join(), 'idea,contacted,negotiating,file_submitted,appraised,approved,running,closed,dropped', 'every stage, in order');
    const total = (await get('/api/v1/projects?limit=1')).total;
    eq(cols.reduce((s, c) => s + c[1], 0), total, 'the columns count every project');
    includes(r.text, `/projects/${P.approved.id}"`, 'a project is in its column');
    includes(r.text, 'data-chart="aid-years"', 'the chart of committed and disbursed by year');
    includes(r.text, '<li class="warn"><a href="/projects/', 'a project past a deadline marked in its column');
    const oda = await req('GET', '/pipeline?kind=oda', { cookie: w.cookie });
    const odaTotal = (await get('/api/v1/projects?kind=oda&limit=1')).total;
    eq([...oda.text.matchAll(/data-count="(\d+)"/g)].reduce((s, m) => s + +m[1], 0), odaTotal, 'the type filter applies');
  });

  test('projects: a CSV round trip of activities — export, edit a title, import back; the stage and identifier stay', async () => {
    const exp = await req('GET', `/api/v1/projects?format=csv&q=${P.approved.code}`, { token: S.officer });
    status(exp, 200, 'export');
    const rows = parseCsv(exp.text.replace(/^\uFEFF/, ''));
    eq(rows.length, 2, 'the header and the one project');
    const head = rows[0], row = rows[1].slice();
    row[head.indexOf('title_en')] = 'A test project, renamed in a spreadsheet';
    const csv = [head, row].map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
    const imp = await req('POST', '/api/v1/import/projects', { token: S.officer, body: csv });
    status(imp, 200, 'import back');
    eq(`${imp.json().imported} ${imp.json().updated}`, '1 1', 'the project updated, none added');
    const back = await get(`/api/v1/projects/${P.approved.id}`);
    eq(back.title_en, 'A test project, renamed in a spreadsheet', 'the edit stored');
    eq(`${back.stage} ${back.iati_id}`, `approved ${P.approved.iati_id}`, 'its stage and IATI identifier as they were');
  });

  const xmllint = (file) => spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });

  test('projects: the IATI export refuses an activity whose sectors do not add up, naming it and the rule', async () => {
    // P.approved's sectors add up to 90
    const r = await req('GET', '/api/v1/projects.iati.xml', { token: S.viewer });
    const e = apiError(r, 422, 'unprocessable_entity', 'an invalid activity');
    includes(e.activity, P.approved.iati_id, 'the activity named');
    includes(e.rule, '100%', 'the rule named');
    const c = cli(BIN, ['export', 'projects', '--format', 'iati', '--db', DB]);
    ok(c.code === 1 && c.stdout === '', 'the command line refuses too, writing nothing', ...describeRun('export iati', c));
    includes(c.stderr, P.approved.iati_id, 'naming the activity');
    // made right: 10 more percent; then the next rule: a participating organisation
    await post('project_sectors', { project_id: P.approved.id, sector: '43040', percent: 10 });
    const next = apiError(await req('GET', '/api/v1/projects.iati.xml', { token: S.viewer }), 422, 'unprocessable_entity', 'no partner');
    includes(next.rule, 'đối tác tham gia', 'now the rule of a participating organisation');
    const donor = await post('partners', { name_vi: uniq('Tổ chức tài trợ thử'), kind: 'ngo', country: 'JP' });
    await post('project_partners', { project_id: P.approved.id, partner_id: donor.id, role: '1' });
  });

  test('projects: more activities than one statement takes parameters (66 approved, each with its sector and donor)', async () => {
    const donor = await post('partners', { name_vi: uniq('Nhà tài trợ hàng loạt'), kind: 'ngo', country: 'KR' });
    const made = [];
    for (let i = 0; i < 66; i++) {
      const p = await newProject({ title_vi: uniq('Dự án hàng loạt') });
      await post('project_sectors', { project_id: p.id, sector: '43040', percent: 100 });
      await post('project_partners', { project_id: p.id, partner_id: donor.id, role: '1' });
      if (i % 30 === 0) await post('project_amounts', { project_id: p.id, year: 2026, currency: 'USD', committed: 1000, rate_vnd: 26300, rate_date: today });
      for (const to of ['contacted', 'negotiating', 'file_submitted', 'appraised']) status(await step(p.id, to, S.officer), 200, to);
      status(await step(p.id, 'approved', P.leader), 200, 'approved');
      made.push(p.iati_id);
    }
    const r = await req('GET', '/api/v1/projects.iati.xml', { token: S.viewer });
    status(r, 200, 'iati');
    ok(+r.headers['x-iati-activities'] >= 67, 'all of them', r.headers['x-iati-activities']);
    for (const id of [made[0], made[65]]) includes(r.text, `<iati-identifier>${id}</iati-identifier>`, `activity ${id}`);
    // the pipeline's chart when search words select more projects than one statement takes
    const w = await adminWeb();
    const page = await req('GET', '/pipeline?q=du+an+hang+loat', { cookie: w.cookie });
    status(page, 200, 'pipeline searched');
    eq([...page.text.matchAll(/data-stage="approved" data-count="(\d+)"/g)].map((m) => +m[1])[0], 66, 'the 66 found');
    includes(page.text, 'data-chart="aid-years"', 'and their money by year');
  });

  test('projects: the IATI export is a valid 2.03 document (xmllint), with the activities\' parts', async () => {
    const r = await req('GET', '/api/v1/projects.iati.xml', { token: S.viewer });
    status(r, 200, 'iati');
    includes(r.headers['content-type'], 'application/xml', 'XML');
    const f = path.join(os.tmpdir(), `ngv-iati-${process.pid}.xml`);
    fs.writeFileSync(f, r.body);
    const v = xmllint(f);
    ok(v.status === 0, 'xmllint validates it against the IATI 2.03 schema', v.stderr.slice(0, 2000));
    const x = r.text;
    includes(x, '<iati-activities version="2.03"', 'the version');
    includes(x, `<iati-identifier>${P.approved.iati_id}</iati-identifier>`, 'our activity');
    includes(x, '<sector vocabulary="1" code="12220" percentage="60"/>', 'its DAC sector');
    includes(x, '<narrative xml:lang="en">A test project, renamed in a spreadsheet</narrative>', 'its English title');
    excludes(x, `<iati-identifier>${P.eur.iati_id}</iati-identifier>`, 'an idea is not published');
    eq(+r.headers['x-iati-activities'], (x.match(/<iati-activity /g) || []).length, 'the count said');
    const c = cli(BIN, ['export', 'projects', '--format', 'iati', '--db', DB]);
    ok(c.code === 0, 'the command line', ...describeRun('export iati', c));
    fs.writeFileSync(f, c.stdout);
    ok(xmllint(f).status === 0, 'its document validates too');
    fs.unlinkSync(f);
  });
  ngoTests({ S, uniq });
}

function ngoTests({ S, uniq }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  test('NGOs: a certificate lasts 3 years (5 for an office); expiry is flagged 60 days ahead, on the dashboard too', async () => {
    const ngo = (await req('POST', '/api/v1/partners', { token: S.officer, json: { name_vi: uniq('Tổ chức PCPNN thử'), kind: 'ngo', country: 'DE' } })).json();
    const issued = shift(today, -1000);
    const threeYears = `${+issued.slice(0, 4) + 3}${issued.slice(4)}`;
    const long = await req('POST', '/api/v1/ngo_certificates', { token: S.officer, json: { partner_id: ngo.id, kind: 'operation', number: '1/GĐK', issued_on: issued, expires_on: shift(threeYears, 1) } });
    eq(apiError(long, 422, 'invalid', 'over 3 years').fields.expires_on?.code, 'ngo_too_long', 'more than 3 years refused, on the expiry');
    const before = (await (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json()).ngo_certificates.expiring;
    const mk = async (exp) => {
      const r = await req('POST', '/api/v1/ngo_certificates', { token: S.officer, json: { partner_id: ngo.id, kind: 'operation', number: uniq('GĐK'), issued_on: issued, expires_on: exp, plan_received_on: shift(issued, 20) } });
      status(r, 201, `certificate to ${exp}`);
      return r.json();
    };
    const c60 = await mk(shift(today, 60)), c61 = await mk(shift(today, 61));
    eq(`${c60.state} ${c61.state}`, 'expiring valid', '60 days ahead: expiring; 61: not yet');
    ok(c60.plan_due > issued, 'the plan\'s due day is kept', c60.plan_due);
    const after = (await (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json()).ngo_certificates.expiring;
    eq(after, before + 1, 'the dashboard counts it');
    const listed = (await (await req('GET', '/api/v1/ngo_certificates?state=expiring&limit=500', { token: S.viewer })).json()).items.map((x) => x.id);
    ok(listed.includes(c60.id) && !listed.includes(c61.id), 'the list filter agrees', JSON.stringify(listed));
    const renewed = await req('PUT', `/api/v1/ngo_certificates/${c60.id}`, { token: S.officer, json: { renewal_filed_on: today } });
    status(renewed, 200, 'renewal filed');
    eq(renewed.json().state, 'valid', 'the renewal filed: no longer flagged');
  });

  test('NGOs: public holidays are data, the first ones written by the program', async () => {
    const h = (await (await req('GET', '/api/v1/holidays?limit=100&sort=date', { token: S.viewer })).json()).items.map((x) => x.date);
    ok(h.includes('2026-02-17') && h.includes('2026-09-02'), 'Tết and National Day 2026', h.join());
    const dup = await req('POST', '/api/v1/holidays', { token: S.officer, json: { date: '2026-09-02', name_vi: 'Trùng' } });
    apiError(dup, 422, 'invalid', 'a day already listed');
  });
}
