/* Commitments and the dashboard: the agency-only rule, progress reports, overdue around
 * the deadline (Vietnam's date), and the figures of the first page linking to their lists. */
import { test, ok, eq, includes, status, apiError, req, cli, describeRun } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

  test('commitments: agencies, and agency users tied to one of them', async () => {
    const mk = async (name) => {
      const r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq(name), kind: 'health' } });
      status(r, 201, `agency ${name}`);
      return r.json().id;
    };
    S.agA = await mk('Sở Y tế thử');
    S.agB = await mk('Sở Giáo dục thử');
    let r = cli(BIN, ['user', 'add', 'coquan-a', '--role', 'agency', '--agency', String(S.agA), '--db', DB], 'coquan-a-mk-1\n');
    ok(r.code === 0, 'user add with --agency', ...describeRun('user add', r));
    r = cli(BIN, ['user', 'add', 'coquan-x', '--role', 'agency', '--agency', '99999', '--db', DB], 'coquan-x-mk-1\n');
    ok(r.code !== 0 && /agency/.test(r.stderr), 'unknown agency refused', ...describeRun('user add', r));
    const login = await req('POST', '/api/v1/login', { json: { username: 'coquan-a', password: 'coquan-a-mk-1' } });
    status(login, 200, 'agency user login');
    S.agencyA = login.json().token;
  });

  test('commitments: a bad progress report on a deleted commitment is 404, not a 500 (found by make scan)', async () => {
    const body = { title: uniq('Cam kết sẽ xoá'), source: 'meeting', meeting: 'Hội đàm', agency_id: S.agA, deadline: today };
    let r = await req('POST', '/api/v1/commitments', { token: S.officer, json: body });
    status(r, 201, 'officer creates');
    const c = r.json();
    status(await req('DELETE', `/api/v1/commitments/${c.id}?version=${c.version}`, { token: S.officer }), [200, 204], 'deleted');
    const w = await adminWeb();
    r = await req('POST', `/commitments/${c.id}/progress`, { cookie: w.cookie, form: { csrf: w.csrf, date: "2026-12-02¿'\"(", text: 'x', percent: '100' } });
    status(r, 404, 'the page form');
    r = await req('POST', `/api/v1/commitments/${c.id}/progress`, { token: S.officer, json: { date: 'x', text: 'x', percent: 100 } });
    apiError(r, 404, 'not_found', 'the API');
  });

  test('commitments: created by officers only; agencies report on their own', async () => {
    const body = { title: uniq('Cam kết thử'), source: 'meeting', meeting: 'Hội đàm', agency_id: S.agA, deadline: today };
    apiError(await req('POST', '/api/v1/commitments', { token: S.agencyA, json: body }), 403, 'forbidden', 'agency creating');
    let r = await req('POST', '/api/v1/commitments', { token: S.officer, json: body });
    status(r, 201, 'officer creates');
    const mine = r.json();
    eq(mine.status, 'open', 'initial state');
    r = await req('POST', '/api/v1/commitments', { token: S.officer, json: { ...body, title: uniq('Cam kết khác'), agency_id: S.agB } });
    const theirs = r.json();
    S.commitment = mine.id;
    // progress: own agency yes, other agency no, bad input 422
    r = await req('POST', `/api/v1/commitments/${theirs.id}/progress`, { token: S.agencyA, json: { text: 'x', percent: 10 } });
    apiError(r, 403, 'forbidden', 'progress on another agency’s commitment');
    // another agency's commitment is refused before its report is read
    r = await req('POST', `/api/v1/commitments/${theirs.id}/progress`, { token: S.agencyA, json: { text: 'x', percent: 140 } });
    apiError(r, 403, 'forbidden', 'a bad report on another agency’s commitment');
    r = await req('POST', `/api/v1/commitments/${mine.id}/progress`, { token: S.agencyA, json: { text: 'Đã triển khai', percent: 140 } });
    apiError(r, 422, 'invalid', 'percent over 100');
    eq(r.json().error.fields.percent.code, 'bad_percent', 'error code');
    r = await req('POST', `/api/v1/commitments/${mine.id}/progress`, { token: S.agencyA, json: { date: shift(today, 1), text: 'x', percent: 10 } });
    eq(r.json().error.fields.date.code, 'future_date', 'a date after today');
    r = await req('POST', `/api/v1/commitments/${mine.id}/progress`, { token: S.agencyA, json: { text: 'Đã triển khai kế hoạch', percent: 30 } });
    status(r, 201, 'own agency reports progress');
    eq(r.json().percent, 30, 'percent kept on the commitment');
    // steps: own agency may move it on, not drop it; others may not
    apiError(await req('POST', `/api/v1/commitments/${theirs.id}/transition`, { token: S.agencyA, json: { to: 'in_progress' } }), 403, 'forbidden', 'step on another agency’s');
    apiError(await req('POST', `/api/v1/commitments/${mine.id}/transition`, { token: S.agencyA, json: { to: 'dropped' } }), 403, 'forbidden', 'agency dropping');
    status(await req('POST', `/api/v1/commitments/${mine.id}/transition`, { token: S.agencyA, json: { to: 'in_progress' } }), 200, 'agency: open → in progress');
    // the agency cannot edit the commitment (deadline...) nor delete it
    apiError(await req('PUT', `/api/v1/commitments/${mine.id}`, { token: S.agencyA, json: { deadline: shift(today, 100) } }), 403, 'forbidden', 'agency editing');
    apiError(await req('DELETE', `/api/v1/commitments/${mine.id}`, { token: S.agencyA }), 403, 'forbidden', 'agency deleting');
    // everyone may read
    status(await req('GET', `/api/v1/commitments/${theirs.id}`, { token: S.agencyA }), 200, 'agency reads others');
    r = await req('GET', `/api/v1/audit?entity=commitment&id=${mine.id}`, { token: S.admin });
    ok(r.json().items.some((a) => a.user === 'coquan-a' && a.new && a.new.progress), 'progress in the audit trail');
  });

  test('dashboard: overdue is past the deadline and not done; figures link to their lists', async () => {
    const mk = async (deadline) => {
      const r = await req('POST', '/api/v1/commitments', { token: S.officer, json: { title: uniq('Hạn'), source: 'meeting', meeting: 'Họp', agency_id: S.agB, deadline } });
      status(r, 201, `commitment due ${deadline}`);
      return r.json().id;
    };
    const before = (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json();
    const dueToday = await mk(today);
    const dueYesterday = await mk(shift(today, -1));
    let d = (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json();
    eq(d.today, today, 'the province’s date');
    eq(d.overdue_commitments.count, before.overdue_commitments.count + 1, 'only the one due yesterday is overdue');
    let list = (await req('GET', d.overdue_commitments.list + '&limit=500', { token: S.viewer })).json();
    eq(list.total, d.overdue_commitments.count, 'the list behind the figure has as many rows');
    ok(list.items.some((c) => c.id === dueYesterday) && !list.items.some((c) => c.id === dueToday), 'the right one listed');
    const byAg = d.overdue_by_agency.find((a) => a.agency_id === S.agB);
    ok(byAg && byAg.overdue >= 1, 'counted under its agency', JSON.stringify(d.overdue_by_agency));
    status(await req('POST', `/api/v1/commitments/${dueYesterday}/transition`, { token: S.officer, json: { to: 'done' } }), 200, 'done');
    d = (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json();
    eq(d.overdue_commitments.count, before.overdue_commitments.count, 'done is no longer overdue');
    const w = await adminWeb();
    const page = await req('GET', '/', { cookie: w.cookie });
    status(page, 200, 'first page');
    includes(page.text, 'Cam kết quá hạn', 'overdue figure');
    includes(page.text, 'Đoàn trong 30 ngày tới', 'upcoming figure');
    includes(page.text, `href="/commitments?status=open,in_progress&amp;deadline_to=${shift(today, -1)}"`, 'overdue figure links to its list');
  });

  test('commitments: the page shows progress and takes a report through a form with CSRF', async () => {
    const w = await adminWeb();
    let r = await req('GET', `/commitments/${S.commitment}`, { cookie: w.cookie });
    status(r, 200, 'detail page');
    includes(r.text, 'Đã triển khai kế hoạch', 'progress log');
    r = await req('POST', `/commitments/${S.commitment}/progress`, { cookie: w.cookie, form: { text: 'x', percent: '50' } });
    status(r, 403, 'without CSRF');
    r = await req('POST', `/commitments/${S.commitment}/progress`, { cookie: w.cookie, form: { csrf: w.csrf, text: 'Hoàn thành 80%', percent: '80' } });
    status(r, 303, 'report through the form');
    r = await req('GET', `/commitments/${S.commitment}`, { cookie: w.cookie });
    includes(r.text, 'Hoàn thành 80%', 'new report listed');
  });
}
