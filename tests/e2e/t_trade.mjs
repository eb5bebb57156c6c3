/* Border trade: figures kept as reported and flagged when their parts do not add up to the
 * total (the Bờ Y 2019 figures, and around the boundary: compared exactly, in decimal);
 * revisions of one gate and period; the customs office enters its own gate's figures only;
 * an agency marks its own milestone done and changes nothing else; the trade page's charts
 * as SVG with the right bars; the flag in the exports. */
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb, webLogin }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const T = {};

  test('trade: a customs office and its gate, and a user of it', async () => {
    let r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Chi cục Hải quan thử'), kind: 'customs' } });
    status(r, 201, 'customs office');
    T.customs = r.json().id;
    r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Chi cục Hải quan khác'), kind: 'customs' } });
    T.other = r.json().id;
    const gate = async (name, agency_id) => {
      const g = await req('POST', '/api/v1/gates', { token: S.officer, json: { name_vi: uniq(name), class: 'main', state: 'open', counterpart_country: 'LA', agency_id } });
      status(g, 201, `gate ${name}`);
      return g.json().id;
    };
    T.gate = await gate('Cửa khẩu thương mại thử', T.customs);
    T.otherGate = await gate('Cửa khẩu của đơn vị khác', T.other);
    r = cli(BIN, ['user', 'add', 'haiquan-a', '--role', 'agency', '--agency', String(T.customs), '--db', DB], 'haiquan-a-mk-1\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const login = await req('POST', '/api/v1/login', { json: { username: 'haiquan-a', password: 'haiquan-a-mk-1' } });
    status(login, 200, 'customs user login');
    T.token = login.json().token;
  });

  const add = async (json, token = S.officer, code = 201) => {
    const r = await req('POST', '/api/v1/trade_reports', { token, json: { gate_id: T.gate, reported_on: today, ...json } });
    status(r, code, `trade report ${JSON.stringify(json)}`);
    return r.json();
  };

  test('trade: the Bờ Y 2019 figures are kept as reported and flagged with 40.0 million unexplained', async () => {
    const f = await add({ period_kind: 'span', period_start: '2019-01-01', period_end: '2019-06-30', period_label: 'Các tháng đầu năm 2019',
      total: 68200000, exports: 18700000, imports: 9500000, reported_on: '2019-07-15' });
    eq(`${f.total} ${f.exports} ${f.imports}`, '68200000 18700000 9500000', 'stored as reported');
    eq(f.difference, 40000000, 'the unexplained difference');
    eq(f.consistency, 'flagged', 'flagged');
    eq(f.currency, 'USD', 'USD by default');
    // in millions, as a report writes them: 68,2 - 18,7 - 9,5 is 40,0 exactly
    const m = await add({ period_kind: 'year', period_start: '2018-01-01', total: '68,2', exports: '18,7', imports: '9,5' });
    eq(m.difference, 40, '40.0 million, not 40.00000000000001');
    eq(m.period_end, '2018-12-31', 'a year ends on 31 December');
    const q = await add({ period_kind: 'quarter', period_start: '2018-04-01', period_end: '2018-05-31', total: 1 });
    eq(q.period_end, '2018-06-30', 'a quarter ends where it ends, whatever was typed');
    eq(m.period_label, 'Năm 2018', 'its label made up');
    const flagged = (await req('GET', `/api/v1/trade_reports?gate_id=${T.gate}&consistency=flagged&limit=50`, { token: S.viewer })).json().items.map((x) => x.id);
    ok(flagged.includes(f.id) && flagged.includes(m.id), 'the list filters the flagged ones');
    const page = await req('GET', `/trade_reports/${f.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, 'Các phần không cộng đủ tổng số', 'the flag on its page');
    includes(page.text, '40.000.000', 'the difference on its page');
  });

  test('trade: parts against the total around the boundary, compared exactly in decimal', async () => {
    const cases = [
      // [total, exports, imports, transit, reexport, difference expected]
      ['0.3', '0.1', '0.2', null, null, null],                 // floating point would differ by 5.5e-17
      ['0.30000001', '0.1', '0.2', null, null, 1e-8],           // the smallest difference counts
      ['100', '60', '40.01', null, null, -0.01],                // parts over the total: negative
      ['1000', '400', '300', '200', '100', null],               // all four parts
      ['1000', '400', '300', '200', '99.99', 0.01],
      ['5000', null, null, null, null, null],                   // no part: nothing to compare
    ];
    let month = 1;
    for (const [total, exports, imports, transit, reexport, want] of cases) {
      const start = `2017-${String(month++).padStart(2, '0')}-01`;
      const f = await add({ period_kind: 'month', period_start: start, total, exports, imports, transit, reexport });
      eq(f.difference, want, `${total} against ${[exports, imports, transit, reexport].filter(Boolean).join(' + ') || 'nothing'}`);
      eq(f.consistency, want === null ? 'consistent' : 'flagged', `${total}: its flag`);
    }
    // bad input: a clear error on the field, nothing stored
    const bad = async (json, field, code) => {
      const r = await req('POST', '/api/v1/trade_reports', { token: S.officer, json: { gate_id: T.gate, reported_on: today, period_kind: 'month', total: 1, ...json } });
      apiError(r, 422, 'invalid', `${field} ${code}`);
      eq(r.json().error.fields[field]?.code, code, `${field}: ${code}`);
    };
    await bad({ period_start: '2017-03-15' }, 'period_start', 'period_start');
    await bad({ period_kind: 'quarter', period_start: '2017-02-01' }, 'period_start', 'period_start');
    await bad({ period_kind: 'span', period_start: '2017-02-01' }, 'period_end', 'required');
    await bad({ period_start: '2017-03-01', currency: 'ABC' }, 'currency', 'currency');
    await bad({ period_start: '2017-03-01', reported_on: shift(today, 1) }, 'reported_on', 'future_date');
    await bad({ period_start: '2017-03-01', total: -5 }, 'total', 'negative');
  });

  test('trade: a later report of the same gate and period is a new revision; all are kept', async () => {
    const base = { period_kind: 'quarter', period_start: '2016-04-01' };
    const a = await add({ ...base, total: 100, reported_on: '2016-07-05' });
    eq(`${a.revision} ${a.latest}`, '1 true', 'the first report');
    const b = await add({ ...base, total: 120, reported_on: '2016-08-01' });
    eq(`${b.revision} ${b.latest}`, '2 true', 'the second is the latest');
    const get = async (id) => (await req('GET', `/api/v1/trade_reports/${id}`, { token: S.viewer })).json();
    eq((await get(a.id)).latest, false, 'the first no longer the latest');
    // one reported in between is numbered by its date, the latest stays the latest
    const c = await add({ ...base, total: 110, reported_on: '2016-07-20' });
    eq(`${c.revision} ${c.latest}`, '2 false', 'numbered by the date reported');
    eq((await get(b.id)).revision, 3, 'the latest renumbered');
    const latest = (await req('GET', `/api/v1/trade_reports?gate_id=${T.gate}&period_start=2016-04-01&latest=1`, { token: S.viewer })).json().items;
    eq(latest.map((x) => x.id).join(), String(b.id), 'one latest per period');
    const page = await req('GET', `/trade_reports/${a.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, 'Các lần báo cáo số liệu này', 'the revisions compared on the page');
    for (const v of ['100', '110', '120']) includes(page.text, `<td data-label="Tổng kim ngạch">${v}</td>`, `revision of ${v}`);
    // the latest deleted: the one before is the latest again
    status(await req('DELETE', `/api/v1/trade_reports/${b.id}`, { token: S.officer }), 204, 'deleted');
    eq(`${(await get(c.id)).revision} ${(await get(c.id)).latest}`, '2 true', 'the one before is the latest');
    // moved to another period: both figures renumbered
    status(await req('PUT', `/api/v1/trade_reports/${a.id}`, { token: S.officer, json: { period_start: '2016-07-01' } }), 200, 'moved');
    eq(`${(await get(c.id)).revision} ${(await get(c.id)).latest}`, '1 true', 'left alone in its period');
    eq(`${(await get(a.id)).revision} ${(await get(a.id)).latest}`, '1 true', 'alone in the new one');
  });

  test('trade: the customs office enters its own gate’s figures and nobody else’s', async () => {
    const mine = await add({ period_kind: 'month', period_start: '2015-01-01', total: 10 }, T.token);
    eq(mine.gate_id, T.gate, 'its own gate');
    let r = await req('POST', '/api/v1/trade_reports', { token: T.token, json: { gate_id: T.otherGate, reported_on: today, period_kind: 'month', period_start: '2015-01-01', total: 10 } });
    apiError(r, 422, 'invalid', 'another gate');
    eq(r.json().error.fields.gate_id?.code, 'not_your_agency', 'said on the gate');
    status(await req('PUT', `/api/v1/trade_reports/${mine.id}`, { token: T.token, json: { total: 11 } }), 200, 'corrects its own');
    r = await req('PUT', `/api/v1/trade_reports/${mine.id}`, { token: T.token, json: { gate_id: T.otherGate } });
    eq(r.json().error?.fields?.gate_id?.code, 'not_your_agency', 'cannot move it to another gate');
    const theirs = await add({ gate_id: T.otherGate, period_kind: 'month', period_start: '2015-01-01', total: 10 });
    apiError(await req('PUT', `/api/v1/trade_reports/${theirs.id}`, { token: T.token, json: { total: 1 } }), 403, 'forbidden', 'another gate’s figure');
    apiError(await req('DELETE', `/api/v1/trade_reports/${mine.id}`, { token: T.token }), 403, 'forbidden', 'deleting is the department’s');
    apiError(await req('POST', '/api/v1/partners', { token: T.token, json: { kind: 'province', name_vi: uniq('x'), country: 'LA' } }), 403, 'forbidden', 'other types stay closed');
    // in the browser: the form to add one is open to it, the edit button only on its own
    const { cookie } = await webLogin('haiquan-a', 'haiquan-a-mk-1');
    status(await req('GET', '/trade_reports/new', { cookie }), 200, 'the new form');
    includes((await req('GET', `/trade_reports/${mine.id}`, { cookie })).text, `/trade_reports/${mine.id}/edit`, 'edit on its own');
    excludes((await req('GET', `/trade_reports/${theirs.id}`, { cookie })).text, `/trade_reports/${theirs.id}/edit`, 'no edit on another’s');
    status(await req('GET', `/trade_reports/${theirs.id}/edit`, { cookie }), 403, 'nor the form of another’s (it may read it, not change it)');
  });

  test('milestones: the agency in charge marks its own done, and changes nothing else', async () => {
    const plan = (await req('GET', '/api/v1/gate_plans?limit=1', { token: S.viewer })).json().items[0];
    const mk = async (agency_id) => {
      const r = await req('POST', '/api/v1/gate_milestones', { token: S.officer, json: { title: uniq('Mốc của hải quan'), plan_id: plan.id, target_date: shift(today, -3), agency_id } });
      status(r, 201, 'milestone');
      return r.json();
    };
    const mine = await mk(T.customs), theirs = await mk(T.other);
    let r = await req('PUT', `/api/v1/gate_milestones/${mine.id}`, { token: T.token, json: { target_date: shift(today, 30) } });
    apiError(r, 422, 'invalid', 'moving its own deadline');
    eq(r.json().error.fields.target_date?.code, 'agency_readonly', 'not its to change');
    apiError(await req('PUT', `/api/v1/gate_milestones/${theirs.id}`, { token: T.token, json: { done_date: today } }), 403, 'forbidden', 'another agency’s');
    r = await req('PUT', `/api/v1/gate_milestones/${mine.id}`, { token: T.token, json: { done_date: today, note: 'Đã hoàn thành' } });
    status(r, 200, 'done by its agency');
    eq(`${r.json().done_date} ${r.json().target_date}`, `${today} ${shift(today, -3)}`, 'done; the target as it was');
    apiError(await req('POST', '/api/v1/gate_milestones', { token: T.token, json: { title: 'x', plan_id: plan.id, target_date: today, agency_id: T.customs } }), 403, 'forbidden', 'no new milestones');
    // its form shows the rest without letting it change them
    const { cookie } = await webLogin('haiquan-a', 'haiquan-a-mk-1');
    const form = (await req('GET', `/gate_milestones/${mine.id}/edit`, { cookie })).text;
    status(await req('GET', `/gate_milestones/${theirs.id}/edit`, { cookie }), 403, 'the form of another agency’s');
    excludes(form, 'name="target_date"', 'the target date is not a field of its form');
    includes(form, 'name="done_date"', 'the date done is');
  });

  test('trade: the page draws turnover by year and by month as SVG bars, flags and all', async () => {
    for (let mth = 1; mth <= 3; mth++)
      await add({ period_kind: 'month', period_start: `2014-0${mth}-01`, total: mth * 1000000, exports: mth === 2 ? 1 : null });
    const page = await req('GET', `/trade?gate_id=${T.gate}&year=2014`, { cookie: (await adminWeb()).cookie });
    status(page, 200, 'trade page');
    const svg = (id) => {
      const m = page.text.match(new RegExp(`<svg[^>]*data-chart="${id}"[\\s\\S]*?</svg>`));
      ok(m, `chart ${id} present`);
      return m ? m[0] : '';
    };
    const bars = (s) => [...s.matchAll(/<g class="bar([^"]*)" data-label="([^"]*)" data-value="([^"]*)" data-flag="(\d)"/g)].map((m) => ({ cls: m[1], label: m[2], value: m[3], flag: m[4] }));
    const months = bars(svg(`m${T.gate}`));
    eq(months.length, 12, 'twelve months');
    eq(months.slice(0, 4).map((b) => `${b.label}=${b.value}/${b.flag}`).join(' '), 'T1=1,0/0 T2=2,0/1 T3=3,0/0 T4=/0', 'the months of 2014, the flagged one marked');
    ok(months[3].cls.includes('missing'), 'a month without a figure is an empty slot');
    const years = bars(svg(`y${T.gate}`));
    const y2014 = years.find((b) => b.label === '2014');
    eq(`${y2014.value}/${y2014.flag}`, '6,0/1', '2014 sums its months, flagged by one of them');
    const y2018 = years.find((b) => b.label === '2018');
    eq(`${y2018.value}/${y2018.flag}`, '0,0/1', '2018: its yearly report (68,2 in millions of units: 0,0 million)');
    includes(page.text, 'Các tháng đầu năm 2019', 'the span listed under the charts');
    excludes(page.text, '<script', 'no script');
    const en = await req('GET', `/trade?gate_id=${T.gate}&year=2014&lang=en`, { cookie: (await adminWeb()).cookie });
    status(en, 200, 'in English too');
  });

  test('trade: the flag is a column of the CSV and XLSX exports', async () => {
    const csv = await req('GET', `/trade_reports?format=csv&gate_id=${T.gate}&consistency=flagged`, { cookie: (await adminWeb()).cookie });
    status(csv, 200, 'csv');
    const lines = csv.text.trim().split(/\r?\n/);
    const head = lines[0].split(',');
    const di = head.findIndex((h) => /difference|Chênh lệch/.test(h));
    ok(di >= 0, 'a column for the difference', head.join('|'));
    ok(lines.some((l) => l.split(',')[di] === '"40000000"'), 'the 2019 difference in it');
    ok(head.at(-1) === '"consistency"' && lines.slice(1).every((l) => l.endsWith('"Các phần không cộng đủ tổng số"')), 'the flag as the last column', lines[1]);
    const x = await req('GET', `/trade_reports?format=xlsx&gate_id=${T.gate}`, { cookie: (await adminWeb()).cookie });
    status(x, 200, 'xlsx');
    eq(x.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a spreadsheet');
  });
}
