/* Scholarships and the integration programme: the quota ledger around its boundary (the
 * fifth award fills a quota of five, the sixth waits for a leader, who approves it in the
 * step log); one quota a province and year; a student past the expected end flagged; the
 * ledger page's figures; the programme's status from its rule, and an agency entering its
 * own target's measurement but never a target. */
import { test, ok, eq, includes, status, apiError, req, cli, describeRun, csrfOf } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const year = +today.slice(0, 4);
  const post = async (table, json, token = S.officer, code = 201) => {
    const r = await req('POST', `/api/v1/${table}`, { token, json });
    status(r, code, `${table} ${JSON.stringify(json)}`);
    return r.json();
  };
  const get = async (p, token = S.viewer) => (await req('GET', p, { token })).json();
  const login = async (name, role, extra = []) => {
    const r = cli(BIN, ['user', 'add', name, '--role', role, ...extra, '--db', DB], `${name}-mk-123\n`);
    ok(r.code === 0, `user add ${name}`, ...describeRun('user add', r));
    const l = await req('POST', '/api/v1/login', { json: { username: name, password: `${name}-mk-123` } });
    status(l, 200, `${name} login`);
    return l.json().token;
  };
  const X = {};

  test('scholarships: the fifth award fills a quota of five; the sixth waits for a leader, who approves it', async () => {
    X.leader = await login('lanhdao-hocbong', 'leader');
    const prov = await post('partners', { name_vi: uniq('Tỉnh bạn thử'), kind: 'locality', country: 'LA', subdivision: 'LA-VI' });
    const q = await post('scholarship_quotas', { year: year + 1, partner_id: prov.id, quota: 5 });
    eq(`${q.awarded} ${q.remaining}`, '0 5', 'a new quota: none awarded, five remain');
    includes(q.label, String(year + 1), 'named by its year and province');
    apiError(await req('POST', '/api/v1/scholarship_quotas', { token: S.officer, json: { year: year + 1, partner_id: prov.id, quota: 3 } }), 422, 'invalid', 'a second quota for the same province and year');
    // the form says so too, though the key is no field of it
    const w = await adminWeb();
    const form = await req('GET', '/scholarship_quotas/new', { cookie: w.cookie });
    const again = await req('POST', '/scholarship_quotas', { cookie: w.cookie, form: { csrf: csrfOf(form.text), year: String(year + 1), partner_id: String(prov.id), quota: '3' } });
    status(again, 422, 'the form refuses it');
    includes(again.text, 'Năm và tỉnh bạn: Đã có bản ghi khác với giá trị này.', 'naming what is the same');
    const award = (i, token = S.officer) => post('scholarship_awards', {
      student_vi: `Sinh viên ${i} ${uniq('')}`, student_native: 'ສຸກສະຫວັນ', quota_id: q.id, school: 'Trường Cao đẳng thử',
      level: 'bachelor', start_date: `${year + 1}-09-05`, expected_end: `${year + 5}-06-30`,
    }, token);
    let last;
    for (let i = 1; i <= 5; i++) last = await award(i);
    eq(last.status, 'studying', 'the fifth is within the quota');
    let back = await get(`/api/v1/scholarship_quotas/${q.id}`);
    eq(`${back.awarded} ${back.remaining}`, '5 0', 'five awarded, none remain');
    const sixth = await award(6);
    eq(`${sixth.status} ${sixth.progress}`, 'awaiting awaiting', 'the sixth waits for a leader');
    back = await get(`/api/v1/scholarship_quotas/${q.id}`);
    eq(`${back.awarded} ${back.remaining}`, '6 -1', 'the ledger shows one over');
    const step = (token) => req('POST', `/api/v1/scholarship_awards/${sixth.id}/transition`, { token, json: { to: 'studying' } });
    apiError(await step(S.officer), 403, 'forbidden', 'an officer cannot approve it');
    status(await step(X.leader), 200, 'the leader approves');
    eq((await get(`/api/v1/scholarship_awards/${sixth.id}`)).status, 'studying', 'approved: studying');
    const audit = await get(`/api/v1/audit?entity=scholarship_award&id=${sixth.id}`, S.admin);
    includes(JSON.stringify(audit), 'lanhdao-hocbong', 'the approval in the audit, by the leader');
    // a leader's own award beyond the quota is approved by its writing
    const own = await award(7, X.leader);
    eq(own.status, 'studying', 'a leader\'s own award over quota');
    X.quota = q;
    X.prov = prov;
  });

  test('scholarships: a student past the expected end without a final status is flagged; the ledger page', async () => {
    const a = await post('scholarship_awards', {
      student_vi: uniq('Sinh viên quá hạn'), quota_id: X.quota.id, school: 'Trường thử', level: 'language',
      start_date: `${year - 2}-09-05`, expected_end: `${year - 1}-06-30`,
    }, X.leader);
    eq(a.progress, 'overdue', 'past its expected end, still studying: flagged');
    const list = (await get('/api/v1/scholarship_awards?progress=overdue&limit=500')).items.map((x) => x.id);
    ok(list.includes(a.id), 'in the list of those overdue');
    status(await req('POST', `/api/v1/scholarship_awards/${a.id}/transition`, { token: S.officer, json: { to: 'graduated' } }), 200, 'graduated');
    eq((await get(`/api/v1/scholarship_awards/${a.id}`)).progress, 'in_order', 'no longer flagged');
    const page = await req('GET', `/scholarships?year=${year + 1}`, { cookie: (await adminWeb()).cookie });
    status(page, 200, 'ledger');
    const row = page.text.match(new RegExp(`data-quota="(-?\\d+)" data-awarded="(-?\\d+)" data-remaining="(-?\\d+)"><th scope="row"><a href="/scholarship_quotas/${X.quota.id}"`));
    ok(row, 'the province\'s row', page.text.slice(0, 300));
    eq(`${row[1]} ${row[2]} ${row[3]}`, '5 8 -3', 'quota, awarded, remaining');
    const demo = await req('GET', `/scholarships?year=${year}`, { cookie: (await adminWeb()).cookie });
    includes(demo.text, 'data-total-quota="30"', 'the demo\'s year: 30 for the six partner provinces');
  });

  test('programme: a target\'s status follows its rule; an agency enters its own measurements, never a target', async () => {
    const ag = await post('agencies', { name_vi: uniq('Sở thử đề án'), kind: 'other' });
    const p = await post('programmes', { name_vi: uniq('Đề án thử'), period_from: 2021, period_to: 2025, vision_year: 2030 });
    const t = await post('programme_targets', { programme_id: p.id, title: uniq('Chỉ tiêu thử'), unit: 'dự án', direction: 'up', baseline: 10, agency_id: ag.id });
    const v = await post('programme_values', { target_id: t.id, year: 2025, target: 20 });
    const token = await login('sothu-dean', 'agency', ['--agency', String(ag.id)]);
    const put = (json) => req('PUT', `/api/v1/programme_values/${v.id}`, { token, json });
    apiError(await put({ target: 15 }), 422, 'invalid', 'an agency changing the target');
    status(await put({ actual: 18, source: 'Báo cáo của sở', measured_on: today }), 200, 'the agency enters its measurement');
    const page = async () => (await req('GET', '/integration', { cookie: (await adminWeb()).cookie })).text;
    let html = await page();
    includes(html, `data-target="${t.id}" data-status="at_risk"`, '8 of 10: at risk');
    includes(html, 'data-rule', 'the rule said on the page');
    status(await put({ actual: 20 }), 200, 'reached');
    html = await page();
    includes(html, `data-target="${t.id}" data-status="on_track"`, 'the year\'s target reached: on track');
    const other = await post('agencies', { name_vi: uniq('Sở khác đề án'), kind: 'other' });
    const t2 = await post('programme_targets', { programme_id: p.id, title: uniq('Chỉ tiêu khác'), unit: '%', direction: 'up', baseline: 1, agency_id: other.id });
    const r = await req('POST', '/api/v1/programme_values', { token, json: { target_id: t2.id, year: 2025, actual: 3, measured_on: today } });
    ok(r.status === 403 || r.status === 422, 'another agency\'s target refused', r.status, r.text);
  });
}
