/* Delegations: the record type with a workflow. Who may take which step, the rules of a
 * step, the state that input cannot set, date checks and date-range filters, pages. */
import { test, ok, eq, includes, status, apiError, req, cli, describeRun } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const base = (extra = {}) => ({
    title: uniq('Đoàn thử nghiệm'), direction: 'outbound', level: 'department', channel: 'state',
    country: 'LA', start_date: '2026-03-10', end_date: '2026-03-12', ...extra,
  });
  const step = (id, to, token, note) =>
    req('POST', `/api/v1/delegations/${id}/transition`, { token, json: note ? { to, note } : { to } });

  test('delegations: a leader account for the workflow tests', async () => {
    const r = cli(BIN, ['user', 'add', 'lanhdao', '--role', 'leader', '--db', DB], 'lanhdao-mk-123\n');
    ok(r.code === 0, 'user add lanhdao', ...describeRun('user add', r));
    const res = await req('POST', '/api/v1/login', { json: { username: 'lanhdao', password: 'lanhdao-mk-123' } });
    status(res, 200, 'leader login');
    S.leader = res.json().token;
  });

  test('delegations: created as "proposed"; input cannot set the state; dates are checked', async () => {
    let r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base({ status: 'reported' }) });
    apiError(r, 422, 'invalid', 'status in the body');
    eq(r.json().error.fields.status.code, 'readonly', 'status error code');
    r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base({ start_date: '2026-03-10', end_date: '2026-03-01' }) });
    apiError(r, 422, 'invalid', 'end before start');
    eq(r.json().error.fields.end_date.code, 'date_order', 'end_date error code');
    r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base({ start_date: '31/02/2026' }) });
    eq(r.json().error.fields.start_date.code, 'bad_date', 'impossible day');
    r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base({ start_date: '10/03/2026', budget: '1 250 000' }) });
    status(r, 201, 'valid delegation');
    const d = r.json();
    eq(d.status, 'proposed', 'initial state');
    eq(d.start_date, '2026-03-10', 'dd/mm/yyyy stored as ISO');
    eq(d.budget, 1250000, 'budget is a number');
    S.deleg = d.id;
  });

  test('delegations: only a leader approves; impossible steps are 409; viewers 403', async () => {
    const id = S.deleg;
    apiError(await step(id, 'approved', S.officer), 403, 'forbidden', 'officer approving');
    apiError(await step(id, 'approved', S.viewer), 403, 'forbidden', 'viewer approving');
    apiError(await step(id, 'completed', S.leader), 409, 'conflict', 'proposed → completed');
    apiError(await step(id, 'flying', S.leader), 409, 'conflict', 'unknown state');
    apiError(await req('POST', `/api/v1/delegations/${id}/transition`, { token: S.leader, body: '{"to":' }), 400, 'bad_request', 'malformed JSON');
    apiError(await step(99999999, 'approved', S.leader), 404, 'not_found', 'no such delegation');
    apiError(await req('POST', `/api/v1/partners/1/transition`, { token: S.leader, json: { to: 'approved' } }), 404, 'not_found', 'partners have no workflow');
    const r = await step(id, 'approved', S.leader, 'Đồng ý chủ trương');
    status(r, 200, 'leader approves');
    eq(r.json().status, 'approved', 'state after approval');
    const again = await req('GET', `/api/v1/delegations/${id}`, { token: S.viewer });
    eq(again.json().status, 'approved', 'stored state');
  });

  test('delegations: closing needs the results report; its date is today (Vietnam)', async () => {
    const id = S.deleg;
    status(await step(id, 'under_way', S.officer), 200, 'approved → under way');
    status(await step(id, 'completed', S.officer), 200, 'under way → completed');
    let r = await step(id, 'reported', S.officer);
    apiError(r, 422, 'invalid', 'reported without a report');
    eq(r.json().error.fields.report.code, 'report_needed', 'error code');
    r = await req('PUT', `/api/v1/delegations/${id}`, { token: S.officer, json: { report: 'Ký kế hoạch hợp tác.' } });
    status(r, 200, 'adding the report');
    eq(r.json().status, 'completed', 'an edit keeps the state');
    r = await step(id, 'reported', S.officer);
    status(r, 200, 'completed → reported');
    eq(r.json().report_date, today, 'report date');
    r = await req('GET', `/api/v1/audit?entity=delegation&id=${id}`, { token: S.admin });
    const states = r.json().items.filter((a) => a.old && a.new && a.old.status !== a.new.status).map((a) => a.new.status);
    eq(states.join(','), 'reported,completed,under_way,approved', 'steps in the audit trail, newest first');
  });

  test('delegations: filters by state and by a range of start dates; bad dates are 400', async () => {
    let r = await req('GET', '/api/v1/delegations?status=reported&limit=500', { token: S.viewer });
    status(r, 200, 'filter by state');
    ok(r.json().items.length > 0 && r.json().items.every((d) => d.status === 'reported'), 'only reported ones');
    r = await req('GET', '/api/v1/delegations?start_date_from=2026-03-10&start_date_to=2026-03-10&limit=500', { token: S.viewer });
    status(r, 200, 'date range');
    const items = r.json().items;
    ok(items.some((d) => d.id === S.deleg), 'the test delegation is in its one-day range');
    ok(items.every((d) => d.start_date === '2026-03-10'), 'nothing outside the range');
    r = await req('GET', '/api/v1/delegations?start_date_from=2026-02-30', { token: S.viewer });
    apiError(r, 400, 'bad_request', 'impossible day in a filter');
  });

  test('delegations: the page shows the state and takes a step through a form with CSRF', async () => {
    const w = await adminWeb();
    let r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base({ title: uniq('Đoàn trang') }) });
    const id = r.json().id;
    r = await req('GET', `/delegations/${id}`, { cookie: w.cookie });
    status(r, 200, 'detail page');
    includes(r.text, 'Đề xuất', 'state label');
    includes(r.text, `href="/delegations/${id}/step?to=cancelled"`, 'the cancel step has its own page');
    r = await req('POST', `/delegations/${id}/transition`, { cookie: w.cookie, form: { to: 'cancelled' } });
    status(r, 403, 'step without CSRF');
    r = await req('POST', `/delegations/${id}/transition`, { cookie: w.cookie, form: { csrf: w.csrf, to: 'approved' } });
    status(r, 403, 'admin is not a leader');
    r = await req('POST', `/delegations/${id}/transition`, { cookie: w.cookie, form: { csrf: w.csrf, to: 'cancelled', note: 'Lùi kế hoạch' } });
    status(r, 303, 'admin cancels a proposal');
    r = await req('GET', `/delegations/${id}`, { cookie: w.cookie });
    includes(r.text, 'Huỷ', 'cancelled state shown');
    includes(r.text, 'Lùi kế hoạch', 'the note is in the log');
  });
}
