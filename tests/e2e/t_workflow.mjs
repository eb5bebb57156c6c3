/* Workflow integrity and each role's own view: an approved delegation edited in substance
 * goes back for approval (the change named in its log); cancelling takes a reason on a page
 * of its own and a leader can reopen; the report is taken by the step to "reported"; a step
 * that cannot succeed yet is not offered; leaders hear of proposals, and a notice ends with
 * its cause; the leader's dashboard lists what waits for approval; an agency user's first
 * page is their agency's commitments. */
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, csrfOf } from './lib.mjs';

export function register({ S, BIN, DB, uniq, webLogin, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const base = (extra = {}) => ({
    title: uniq('Đoàn quy trình'), direction: 'outbound', level: 'department', channel: 'state',
    country: 'LA', start_date: shift(today, -20), end_date: shift(today, -18), ...extra,
  });
  const make = async (extra) => {
    const r = await req('POST', '/api/v1/delegations', { token: S.officer, json: base(extra) });
    status(r, 201, 'a delegation');
    return r.json();
  };
  const step = (id, to, token, extra = {}) =>
    req('POST', `/api/v1/delegations/${id}/transition`, { token, json: { to, ...extra } });
  const W = {};
  const leaderWeb = async () => {
    if (!W.leader) W.leader = await webLogin('lanhdao', 'lanhdao-mk-123');
    return W.leader;
  };
  const officerWeb = async () => {
    if (!W.officer) W.officer = await webLogin('chuyenvien', 'chuyenvien-mk-1');
    return W.officer;
  };

  test('workflow: editing an approved delegation’s substance sends it back to "proposed", the change in its log', async () => {
    const d = await make({ budget: 100000000 });
    status(await step(d.id, 'approved', S.leader, { note: 'Đồng ý' }), 200, 'approved');
    // a change of title is not substance: still approved
    let r = await req('PUT', `/api/v1/delegations/${d.id}`, { token: S.officer, json: { title: d.title + ' (sửa tên)' } });
    status(r, 200, 'title edit');
    eq(r.json().status, 'approved', 'a new title keeps the approval');
    r = await req('PUT', `/api/v1/delegations/${d.id}`, { token: S.officer, json: { budget: 150000000, end_date: shift(today, -17) } });
    status(r, 200, 'budget and dates edit');
    eq(r.json().status, 'proposed', 'a new budget sends it back');
    const w = await officerWeb();
    const page = await req('GET', `/delegations/${d.id}`, { cookie: w.cookie });
    includes(page.text, 'Sửa nội dung sau khi phê duyệt (Đến ngày, Dự toán (đồng)): cần phê duyệt lại.', 'the log names the change');
    // the page of an approved one says what an edit would do
    const d2 = await make();
    status(await step(d2.id, 'approved', S.leader), 200, 'approved');
    includes((await req('GET', `/delegations/${d2.id}`, { cookie: w.cookie })).text, 'sẽ đưa đoàn về “Đề xuất”', 'the warning on an approved one');
  });

  test('workflow: cancelling needs a reason, on a page of its own; a leader reopens a cancelled one', async () => {
    const d = await make();
    apiError(await step(d.id, 'cancelled', S.officer), 422, 'invalid', 'cancel without a reason');
    const e = (await step(d.id, 'cancelled', S.officer, { note: '  ' })).json().error;
    eq(e.fields.note.code, 'reason_needed', 'a blank reason is none');
    eq((await req('GET', `/api/v1/delegations/${d.id}`, { token: S.viewer })).json().status, 'proposed', 'still proposed');
    const w = await officerWeb();
    const page = await req('GET', `/delegations/${d.id}`, { cookie: w.cookie });
    excludes(page.text, 'name="to" value="cancelled"', 'no one-click cancel button');
    includes(page.text, `href="/delegations/${d.id}/step?to=cancelled"`, 'a link to the cancel page');
    const form = await req('GET', `/delegations/${d.id}/step?to=cancelled`, { cookie: w.cookie });
    status(form, 200, 'the cancel page');
    includes(form.text, 'name="note"', 'asks for the reason');
    includes(form.text, 'required', 'the reason is required');
    let r = await req('POST', `/delegations/${d.id}/transition`, { cookie: w.cookie, form: { csrf: csrfOf(form.text), to: 'cancelled', note: '' } });
    status(r, 422, 'the form without a reason');
    includes(r.text, 'Cần ghi lý do.', 'says why, next to the field');
    includes(r.text, 'aria-invalid="true"', 'the field is marked invalid');
    r = await req('POST', `/delegations/${d.id}/transition`, { cookie: w.cookie, form: { csrf: csrfOf(form.text), to: 'cancelled', note: 'Phía bạn đề nghị lùi' } });
    status(r, 303, 'cancelled with a reason');
    eq((await req('GET', `/api/v1/delegations/${d.id}`, { token: S.viewer })).json().status, 'cancelled', 'cancelled');
    apiError(await step(d.id, 'proposed', S.officer), 403, 'forbidden', 'an officer cannot reopen');
    status(await req('GET', `/delegations/${d.id}/step?to=proposed`, { cookie: w.cookie }), 403, 'nor open the reopen page');
    r = await step(d.id, 'proposed', S.leader, { note: 'Mở lại' });
    status(r, 200, 'a leader reopens');
    eq(r.json().status, 'proposed', 'proposed again');
    status(await req('GET', `/delegations/${d.id}/step?to=reported`, { cookie: w.cookie }), 409, 'a step not possible from here');
  });

  test('workflow: the step to "reported" takes the results report itself', async () => {
    const d = await make();
    status(await step(d.id, 'approved', S.leader), 200, 'approved');
    status(await step(d.id, 'under_way', S.officer), 200, 'under way');
    status(await step(d.id, 'completed', S.officer), 200, 'completed');
    const w = await officerWeb();
    const page = await req('GET', `/delegations/${d.id}`, { cookie: w.cookie });
    includes(page.text, `href="/delegations/${d.id}/step?to=reported"`, 'the report step has its page');
    const form = await req('GET', `/delegations/${d.id}/step?to=reported`, { cookie: w.cookie });
    includes(form.text, 'name="report"', 'the page asks for the report');
    let r = await req('POST', `/delegations/${d.id}/transition`, { cookie: w.cookie, form: { csrf: csrfOf(form.text), to: 'reported', report: '' } });
    status(r, 422, 'without a report');
    includes(r.text, 'Cần có báo cáo kết quả', 'the reason');
    r = await step(d.id, 'reported', S.officer, { report: 5 });
    apiError(r, 422, 'invalid', 'a report that is not text');
    r = await step(d.id, 'reported', S.officer, { report: 'Hai bên thống nhất kế hoạch năm 2027.' });
    status(r, 200, 'the report on the step');
    eq(r.json().status, 'reported', 'reported');
    eq(r.json().report, 'Hai bên thống nhất kế hoạch năm 2027.', 'the report is stored');
    eq(r.json().report_date, today, 'report date');
  });

  test('workflow: a trip not begun cannot be "under way": no button, the reason shown, the API refuses', async () => {
    const d = await make({ start_date: shift(today, 10), end_date: shift(today, 12) });
    status(await step(d.id, 'approved', S.leader), 200, 'approved');
    const w = await officerWeb();
    const page = await req('GET', `/delegations/${d.id}`, { cookie: w.cookie });
    excludes(page.text, 'value="under_way"', 'no button for a step that cannot succeed');
    includes(page.text, 'chưa đến ngày bắt đầu của đoàn', 'the reason instead');
    const r = await step(d.id, 'under_way', S.officer);
    const e = apiError(r, 422, 'invalid', 'the API refuses');
    eq(e.fields._.code, 'step_not_started', 'code');
  });

  test('notices: leaders hear of a proposal; the notice ends when it is decided', async () => {
    const unread = async (token) => (await req('GET', '/api/v1/notifications?limit=200', { token })).json();
    const before = await unread(S.leader);
    const d = await make({ title: uniq('Đoàn công tác chờ duyệt') });
    let n = await unread(S.leader);
    const mine = n.items.find((i) => i.kind === 'to_approve' && i.record_id === d.id);
    ok(mine, 'the leader has a to_approve notice for the proposal');
    eq(n.unread, before.unread + 1, 'one more unread');
    eq((await unread(S.officer)).items.some((i) => i.kind === 'to_approve' && i.record_id === d.id), false, 'officers do not get it');
    status(await step(d.id, 'approved', S.leader), 200, 'approved');
    n = await unread(S.leader);
    const after = n.items.find((i) => i.id === mine.id);
    ok(after && after.resolved_at, 'the notice is resolved');
    eq(after.read, false, 'without being read');
    eq(n.unread, before.unread, 'it left the unread count by itself');
    const lw = await leaderWeb();
    const page = await req('GET', '/notifications', { cookie: lw.cookie });
    includes(page.text, 'Đã xử lý', 'shown as resolved');
    excludes(page.text, 'Đoàn Đoàn', 'the record kind is not repeated before a title that says it');
  });

  test('notices: an overdue commitment’s notices end when it is done', async () => {
    const c = await req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: uniq('Cam kết quá hạn thử'), source: 'meeting', meeting: 'Hội đàm', agency_id: S.agA, deadline: shift(today, -3) },
    });
    status(c, 201, 'an overdue commitment');
    const id = c.json().id;
    const mineOf = async () => (await req('GET', '/api/v1/notifications?limit=200', { token: S.agencyA })).json();
    let n = await mineOf();
    const its = n.items.filter((i) => i.record_id === id && i.entity === 'commitment');
    ok(its.some((i) => i.kind === 'overdue'), 'the agency has an overdue notice', JSON.stringify(its));
    const unreadBefore = n.unread;
    status(await req('POST', `/api/v1/commitments/${id}/transition`, { token: S.agencyA, json: { to: 'done' } }), 200, 'done');
    n = await mineOf();
    const now = n.items.filter((i) => i.record_id === id && i.entity === 'commitment');
    ok(now.length && now.every((i) => i.resolved_at), 'every notice of it resolved', JSON.stringify(now));
    eq(n.unread, unreadBefore - its.filter((i) => !i.read).length, 'they left the unread count');
  });

  test('dashboard: a leader sees the proposals awaiting approval; the API counts them', async () => {
    const d = await make({ title: uniq('Đoàn đề xuất cho lãnh đạo'), start_date: shift(today, 5), end_date: shift(today, 6) });
    const lw = await leaderWeb();
    const home = await req('GET', '/', { cookie: lw.cookie });
    status(home, 200, 'leader home');
    includes(home.text, 'Đề xuất chờ phê duyệt', 'the queue');
    includes(home.text, `href="/delegations/${d.id}"`, 'the proposal is in it');
    const ow = await officerWeb();
    const oh = await req('GET', '/', { cookie: ow.cookie });
    excludes(oh.text, 'class="queue"', 'an officer has no approval queue');
    const api = (await req('GET', '/api/v1/dashboard', { token: S.leader })).json();
    ok(api.awaiting_approval && api.awaiting_approval.count >= 1, 'awaiting_approval in the API');
    const list = (await req('GET', `/api/v1/delegations?status=proposed&limit=500`, { token: S.viewer })).json();
    eq(api.awaiting_approval.count, list.total, 'the count is the list’s');
  });

  test('dashboard: an agency user’s first page is their agency’s commitments, overdue first', async () => {
    const mk = (title, agency_id, deadline) => req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: uniq(title), source: 'meeting', meeting: 'Hội đàm', agency_id, deadline },
    });
    const late = (await mk('Cam kết trễ của A', S.agA, shift(today, -5))).json();
    const soon = (await mk('Cam kết sắp đến hạn của A', S.agA, shift(today, 10))).json();
    const other = (await mk('Cam kết của B', S.agB, shift(today, -5))).json();
    const w = await webLogin('coquan-a', 'coquan-a-mk-1');
    const home = await req('GET', '/', { cookie: w.cookie });
    status(home, 200, 'agency home');
    includes(home.text, 'Sở Y tế thử', 'names their agency');
    includes(home.text, `href="/commitments/${late.id}"`, 'their overdue commitment');
    includes(home.text, `href="/commitments/${soon.id}"`, 'their commitment due soon');
    excludes(home.text, `href="/commitments/${other.id}"`, 'not another agency’s');
    ok(home.text.indexOf(`/commitments/${late.id}"`) < home.text.indexOf(`/commitments/${soon.id}"`), 'overdue first');
    includes(home.text, `agency_id=${S.agA}`, 'its figures link to the list filtered to the agency');
    excludes(home.text, 'Đề xuất chờ phê duyệt', 'no approval queue');
  });

  test('attachments: a wrong file is removed after a confirmation, the removal in the history; viewers cannot', async () => {
    const boundary = 'XyZwf';
    const pdf = '%PDF-1.4\n% sai tệp\n%%EOF\n';
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="nham.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`);
    const up = await req('POST', `/api/v1/agreements/${S.agreement}/attachments`, { token: S.officer, body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } });
    status(up, 201, 'upload');
    const a = up.json();
    const w = await officerWeb();
    const page = await req('GET', `/agreements/${S.agreement}`, { cookie: w.cookie });
    includes(page.text, `href="/agreements/${S.agreement}/attachments/${a.id}/delete"`, 'a remove link per file');
    const confirm = await req('GET', `/agreements/${S.agreement}/attachments/${a.id}/delete`, { cookie: w.cookie });
    status(confirm, 200, 'the confirmation page');
    includes(confirm.text, 'nham.pdf', 'names the file');
    status(await req('GET', `/partners/1/attachments/${a.id}/delete`, { cookie: w.cookie }), 404, 'through another record');
    apiError(await req('DELETE', `/api/v1/agreements/${S.agreement}/attachments/${a.id}`, { token: S.viewer }), 403, 'forbidden', 'a viewer');
    const r = await req('POST', `/agreements/${S.agreement}/attachments/${a.id}/delete`, { cookie: w.cookie, form: { csrf: csrfOf(confirm.text) } });
    status(r, 303, 'removed');
    const list = (await req('GET', `/api/v1/agreements/${S.agreement}/attachments`, { token: S.viewer })).json();
    eq(list.items.some((x) => x.id === a.id), false, 'no longer listed');
    const audit = (await req('GET', `/api/v1/audit?entity=agreement&id=${S.agreement}`, { token: S.admin })).json();
    ok(audit.items.some((x) => x.old && x.old.attachment && x.old.attachment.name === 'nham.pdf' && !x.new), 'the removal is audited');
    ok(audit.items.some((x) => x.new && x.new.attachment && x.new.attachment.name === 'nham.pdf'), 'and the upload');
    apiError(await req('DELETE', `/api/v1/agreements/${S.agreement}/attachments/${a.id}`, { token: S.officer }), 404, 'not_found', 'removed twice');
    const hist = await req('GET', `/agreements/${S.agreement}`, { cookie: w.cookie });
    includes(hist.text, 'Đính kèm tệp</b>: <ins>nham.pdf</ins>', 'the upload in the page’s history');
    includes(hist.text, 'Gỡ tệp đính kèm</b>: <del>nham.pdf</del>', 'and the removal');
  });

  test('lists: an agency user’s commitments open filtered to their agency, the filter shown; "all" clears it', async () => {
    const w = await webLogin('coquan-a', 'coquan-a-mk-1');
    const r = await req('GET', '/commitments?sort=deadline', { cookie: w.cookie });
    status(r, 303, 'sent to the filtered list');
    eq(r.headers.location, `/commitments?sort=deadline&agency_id=${S.agA}`, 'the agency in the address, the sort kept');
    const page = await req('GET', r.headers.location, { cookie: w.cookie });
    status(page, 200, 'the filtered list');
    ok(new RegExp(`<select name="agency_id"[^>]*>[\\s\\S]*?<option value="${S.agA}" selected`).test(page.text), 'the filter is visible in the form');
    excludes(page.text, 'Cam kết của B', 'no other agency’s commitment');
    const all = await req('GET', '/commitments?agency_id=', { cookie: w.cookie });
    status(all, 200, 'choosing "all" is allowed');
    const ow = await officerWeb();
    status(await req('GET', '/commitments', { cookie: ow.cookie }), 200, 'an officer’s list is not redirected');
  });
}
