/* Gate plans and their milestones: a plan is behind schedule when a milestone is past its
 * target date and not done (around the boundary: due today is not late, due yesterday is);
 * the plan's earliest open target (next_due) follows every milestone's create, update, move
 * and delete; the dashboard lists plans behind, the latest first; the plan's own rules. */
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, sleep } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

  test('gate plans: behind schedule from the milestones, at its boundary, through every write', async () => {
    const gates = (await req('GET', '/api/v1/gates?limit=50', { token: S.viewer })).json().items;
    const gate = gates.find((g) => g.class === 'secondary');
    const mkPlan = async (title) => {
      const r = await req('POST', '/api/v1/gate_plans', { token: S.officer, json: { title: uniq(title), gate_id: gate.id, kind: 'upgrade', from_class: 'secondary', to_class: 'main', target_year: 2027 } });
      status(r, 201, 'plan');
      return r.json();
    };
    const plan = (id) => req('GET', `/api/v1/gate_plans/${id}`, { token: S.viewer }).then((r) => r.json());
    const mile = async (plan_id, target_date, extra = {}) => {
      const r = await req('POST', '/api/v1/gate_milestones', { token: S.officer, json: { title: uniq('Mốc'), plan_id, target_date, ...extra } });
      status(r, 201, `milestone due ${target_date}`);
      return r.json();
    };
    const behindIds = async () => (await req('GET', '/api/v1/gate_plans?schedule=behind&limit=100', { token: S.viewer })).json().items.map((p) => p.id);
    const dash = async () => (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json().gate_plans_behind;

    const p = await mkPlan('Kế hoạch thử');
    let got = await plan(p.id);
    eq(`${got.next_due} ${got.schedule}`, 'null on_track', 'no milestone: on track');
    const before = (await dash()).count;
    const m1 = await mile(p.id, today);
    got = await plan(p.id);
    eq(`${got.next_due} ${got.schedule}`, `${today} on_track`, 'due today: not late yet');
    const m2 = await mile(p.id, shift(today, -1));
    got = await plan(p.id);
    eq(`${got.next_due} ${got.schedule}`, `${shift(today, -1)} behind`, 'due yesterday, not done: behind');
    ok((await behindIds()).includes(p.id), 'listed as behind');
    const d = await dash();
    eq(d.count, before + 1, 'the dashboard counts it');
    // done today: the plan is back on track, its next target the one due today
    let r = await req('PUT', `/api/v1/gate_milestones/${m2.id}`, { token: S.officer, json: { done_date: shift(today, 1) } });
    apiError(r, 422, 'invalid', 'done tomorrow');
    eq(r.json().error.fields.done_date.code, 'future_date', 'a date to come');
    status(await req('PUT', `/api/v1/gate_milestones/${m2.id}`, { token: S.officer, json: { done_date: today } }), 200, 'done');
    got = await plan(p.id);
    eq(`${got.next_due} ${got.schedule}`, `${today} on_track`, 'the late one done');
    ok(!(await behindIds()).includes(p.id), 'no longer behind');
    // a milestone moved to another plan leaves the first and counts for the second
    const q = await mkPlan('Kế hoạch thứ hai');
    status(await req('PUT', `/api/v1/gate_milestones/${m1.id}`, { token: S.officer, json: { plan_id: q.id } }), 200, 'moved');
    eq((await plan(p.id)).next_due, null, 'nothing left open on the first');
    eq((await plan(q.id)).next_due, today, 'the second has it');
    status(await req('DELETE', `/api/v1/gate_milestones/${m1.id}`, { token: S.officer }), 204, 'deleted');
    eq((await plan(q.id)).next_due, null, 'deleted: nothing open');
    apiError(await req('DELETE', `/api/v1/gate_plans/${p.id}`, { token: S.officer }), 409, 'conflict', 'a plan with milestones');
  });

  test('gate plans: milestones not done are on the calendar on their target date, late ones flagged', async () => {
    const plan = (await req('GET', '/api/v1/gate_plans?limit=1', { token: S.viewer })).json().items[0];
    const mk = async (target_date, extra = {}) => {
      const r = await req('POST', '/api/v1/gate_milestones', { token: S.officer, json: { title: uniq('Mốc lịch'), plan_id: plan.id, target_date, ...extra } });
      status(r, 201, 'milestone');
      return r.json();
    };
    const late = await mk(shift(today, -3)), ahead = await mk(shift(today, 5)), done = await mk(shift(today, -2), { done_date: today });
    const r = await req('GET', `/api/v1/calendar?from=${shift(today, -7)}&to=${shift(today, 7)}`, { token: S.viewer });
    status(r, 200, 'calendar');
    const ms = r.json().items.filter((e) => e.type === 'gate_milestone');
    const of = (m) => ms.find((e) => e.id === m.id);
    ok(of(late) && of(ahead), 'the two not done are there', JSON.stringify(ms));
    ok(!of(done), 'a milestone done is not');
    eq(`${of(late).start} ${of(late).end} ${of(late).overdue}`, `${shift(today, -3)} ${shift(today, -3)} true`, 'late: its day, flagged');
    eq(`${of(ahead).overdue} ${of(ahead).url}`, `false /api/v1/gate_milestones/${ahead.id}`, 'ahead: not flagged, its address');
    const web = await adminWeb();
    const page = await req('GET', `/calendar?month=${today.slice(0, 7)}`, { cookie: web.cookie });
    if (shift(today, 5).slice(0, 7) === today.slice(0, 7)) includes(page.text, `href="/gate_milestones/${ahead.id}"`, 'the month page links it');
    for (const m of [late, ahead, done]) status(await req('DELETE', `/api/v1/gate_milestones/${m.id}`, { token: S.officer }), 204, 'cleaned up');
  });

  test('gate plans: a late milestone is a notice to its agency\'s users, ended when it is done', async () => {
    let r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Đồn Biên phòng nhắc mốc'), kind: 'border_guard' } });
    status(r, 201, 'agency');
    const agency = r.json().id;
    r = cli(BIN, ['user', 'add', 'nhacmoc-cq', '--role', 'agency', '--agency', String(agency), '--db', DB], 'nhacmoc-cq-mk-1\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const token = (await req('POST', '/api/v1/login', { json: { username: 'nhacmoc-cq', password: 'nhacmoc-cq-mk-1' } })).json().token;
    const plan = (await req('GET', '/api/v1/gate_plans?limit=1', { token: S.viewer })).json().items[0];
    const mk = async (target_date) => {
      const m = await req('POST', '/api/v1/gate_milestones', { token: S.officer, json: { title: uniq('Mốc nhắc việc'), plan_id: plan.id, target_date, agency_id: agency } });
      status(m, 201, 'milestone');
      return m.json();
    };
    const late = await mk(shift(today, -1)), due = await mk(today);
    // the notices page waits for the sweep to have seen this data
    const mine = async () => (await req('GET', '/api/v1/notifications?limit=200', { token })).json().items
      .filter((n) => n.entity === 'gate_milestone');
    let ns = await mine();
    eq(ns.filter((n) => !n.resolved_at).map((n) => `${n.kind} ${n.record_id}`).join(), `milestone_late ${late.id}`, 'the late one, not the one due today');
    // the agency's user reads its milestone and reports it done itself (t_trade: what else)
    status(await req('GET', `/api/v1/gate_milestones/${late.id}`, { token }), 200, 'read by the agency');
    status(await req('PUT', `/api/v1/gate_milestones/${late.id}`, { token, json: { done_date: today } }), 200, 'done by its agency');
    let ended = false;
    for (let i = 0; i < 40 && !ended; i++) {
      ns = await mine();
      ended = ns.some((n) => n.record_id === late.id && n.resolved_at);
      if (!ended) await sleep(100);
    }
    ok(ended, 'the notice ended once the milestone was done', JSON.stringify(ns));
    for (const m of [late, due]) status(await req('DELETE', `/api/v1/gate_milestones/${m.id}`, { token: S.officer }), 204, 'cleaned up');
  });

  test('gate plans: the demo\'s plans behind, the latest first on the dashboard; the plan\'s rules', async () => {
    const d = (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json().gate_plans_behind;
    const demo = d.first.filter((p) => /Đăk Long|Đăk Kôi/.test(p.title));
    eq(demo.map((p) => p.days_late).join(), '60,20', 'Đăk Long 60 days late, Đăk Kôi 20');
    const late = d.first.map((p) => p.days_late);
    eq(JSON.stringify(late), JSON.stringify([...late].sort((a, b) => b - a)), 'the latest first');
    const gate = (await req('GET', '/api/v1/gates?limit=1', { token: S.viewer })).json().items[0];
    const base = { title: uniq('Kế hoạch'), gate_id: gate.id, kind: 'upgrade', to_class: 'main' };
    let r = await req('POST', '/api/v1/gate_plans', { token: S.officer, json: base });
    apiError(r, 422, 'invalid', 'an upgrade from nowhere');
    eq(r.json().error.fields.from_class.code, 'plan_from_class', 'named');
    r = await req('POST', '/api/v1/gate_plans', { token: S.officer, json: { ...base, from_class: 'main' } });
    eq(r.json().error.fields.from_class.code, 'plan_from_class', 'an upgrade to the same class');
    r = await req('POST', '/api/v1/gate_plans', { token: S.officer, json: { ...base, from_class: 'secondary', target_year: 1999 } });
    eq(r.json().error.fields.target_year.code, 'year_range', 'a year out of range');
    const web = await adminWeb();
    const page = await req('GET', '/', { cookie: web.cookie });
    includes(page.text, 'Kế hoạch cửa khẩu chậm tiến độ', 'the dashboard section');
    includes(page.text, 'chậm 60 ngày', 'how late');
    const id = d.first.find((p) => /Đăk Long/.test(p.title)).id;
    const pp = await req('GET', `/gate_plans/${id}`, { cookie: web.cookie });
    includes(pp.text, '2027', 'the target year');
    excludes(pp.text, '2.027', 'a year, not a number with a thousands separator');
    includes(pp.text, 'Chậm tiến độ', 'the plan says it is behind');
    // its milestones on its page, by target date, the late one marked
    const ms = (await req('GET', `/api/v1/gate_milestones?plan_id=${id}&limit=50`, { token: S.viewer })).json().items;
    const lateOne = ms.find((m) => !m.done_date && m.target_date < today);
    includes(pp.text, '<section class="children gate_milestones"><div class="head"><h2>Mốc tiến độ cửa khẩu</h2>', 'the milestones section');
    includes(pp.text, '<section class="children gate_plan_updates"><div class="head"><h2>Nhật ký tiến độ</h2>', 'the progress log');
    includes(pp.text, `<a href="/gate_milestones/${lateOne.id}">${lateOne.title}</a> <span class="badge late">Chậm tiến độ</span>`, 'the late one marked');
    const order = ms.slice().sort((a, b) => a.target_date.localeCompare(b.target_date)).map((m) => pp.text.indexOf(`/gate_milestones/${m.id}"`));
    ok(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])), 'by target date', JSON.stringify(order));
  });
}
