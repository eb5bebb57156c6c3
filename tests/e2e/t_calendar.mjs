/* The calendar: the month page (a delegation across a month's end, a cancelled one left out,
 * an overdue deadline marked, previous/next/today, a bad month), the secret iCalendar
 * address (public, parsed with ical.js, no cookie, a wrong token 404, a new address ends the
 * old one) and GET /api/v1/calendar. Dates are counted from today (Vietnam's date), so that
 * everything stays inside the feed's year back and year ahead whenever the tests run. */
import ICAL from 'ical.js';
import { test, ok, eq, includes, excludes, status, apiError, req, server, csrfOf } from './lib.mjs';

export function register({ S, U, PW, uniq, adminWeb, webLogin }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const lastOfMonth = (m) => shift(shift(`${m}-28`, 4).slice(0, 7) + '-01', -1);
  // a month about two months ahead, and a delegation from its last day but one to the 2nd
  // of the month after
  const month = shift(today, 60).slice(0, 7);
  const nextMonth = shift(lastOfMonth(month), 1).slice(0, 7);
  const prevMonth = shift(`${month}-01`, -1).slice(0, 7);
  const span = { start: shift(lastOfMonth(month), -1), end: `${nextMonth}-02` };
  const yesterday = shift(today, -1);
  const C = {}; // what the tests make

  const feedUrl = (html) => {
    const m = html.match(/value="(https?:\/\/[^"]*\/ical\/([0-9a-f]{64})\.ics)"/);
    return m ? { url: m[1], path: new URL(m[1]).pathname, token: m[2] } : null;
  };
  const parse = (text) => new ICAL.Component(ICAL.parse(text));
  const eventOf = (cal, uid) => cal.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === uid);

  test('calendar: the month page shows a delegation across the month’s end, not a cancelled one', async () => {
    const body = (title, start_date, end_date) => ({
      title, direction: 'inbound', level: 'provincial', channel: 'state', country: 'LA', start_date, end_date,
    });
    let r = await req('POST', '/api/v1/delegations', { token: S.officer, json: body(uniq('Đoàn lịch, Viêng Chăn'), span.start, span.end) });
    status(r, 201, 'delegation across the month’s end');
    C.span = r.json();
    r = await req('POST', '/api/v1/delegations', { token: S.officer, json: body(uniq('Đoàn lịch bị huỷ'), `${month}-10`, `${month}-11`) });
    status(r, 201, 'delegation to cancel');
    C.cancelled = r.json();
    status(await req('POST', `/api/v1/delegations/${C.cancelled.id}/transition`, { token: S.officer, json: { to: 'cancelled', note: 'Lùi lịch' } }), 200, 'cancelled');
    r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Sở lịch thử'), kind: 'health' } });
    status(r, 201, 'agency');
    r = await req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: uniq('Hạn lịch thử'), source: 'meeting', meeting: 'Họp', agency_id: r.json().id, deadline: yesterday },
    });
    status(r, 201, 'commitment due yesterday');
    C.due = r.json();

    const w = await adminWeb();
    const page = await req('GET', `/calendar?month=${month}`, { cookie: w.cookie });
    status(page, 200, 'month page');
    includes(page.text, `href="/delegations/${C.span.id}"`, 'the delegation links to its record');
    includes(page.text, C.span.title, 'the delegation’s title');
    excludes(page.text, `href="/delegations/${C.cancelled.id}"`, 'a cancelled delegation');
    includes(page.text, `href="/calendar?month=${prevMonth}"`, 'previous month');
    includes(page.text, `href="/calendar?month=${nextMonth}"`, 'next month');
    includes(page.text, 'href="/calendar"', 'today');
    for (const d of ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']) includes(page.text, `>${d}</th>`, 'Vietnamese day names');
    ok(page.text.indexOf('>T2</th>') < page.text.indexOf('>CN</th>'), 'weeks start on Monday');
    // the delegation is listed on each of its days in this month, the next month shows the rest
    const days = page.text.split('<td class="day').filter((c) => c.includes(`href="/delegations/${C.span.id}"`));
    eq(days.length, 2, `days of ${month} listing the delegation (${span.start} .. ${span.end})`);
    const next = await req('GET', `/calendar?month=${nextMonth}`, { cookie: w.cookie });
    status(next, 200, 'next month');
    eq(next.text.split('<td class="day').filter((c) => c.includes(`href="/delegations/${C.span.id}"`)).length, 2,
      'days of the next month listing it');
    const en = await req('GET', `/calendar?month=${month}&lang=en`, { cookie: w.cookie });
    for (const d of ['Mon', 'Sun']) includes(en.text, `>${d}</th>`, 'English day names');
  });

  test('calendar: today is marked, an overdue deadline has its badge, a bad month is 400', async () => {
    const w = await adminWeb();
    const page = await req('GET', '/calendar', { cookie: w.cookie });
    status(page, 200, 'this month');
    ok(/<td class="day[^"]* today[^"]*" aria-current="date">/.test(page.text), 'today marked');
    const mine = await req('GET', `/calendar?month=${yesterday.slice(0, 7)}`, { cookie: w.cookie });
    const li = mine.text.match(new RegExp(`<li class="ev ev-due overdue"><a href="/commitments/${C.due.id}">[^<]*</a> <span class="badge late">Quá hạn</span></li>`));
    ok(li, 'the deadline of yesterday is listed with the overdue badge', mine.text.slice(0, 400));
    includes(li[0], `Hạn: ${C.due.title}`, 'deadline text');
    for (const bad of ['2026-13', '2026-3', 'abc', '0999-01']) {
      const r = await req('GET', `/calendar?month=${bad}`, { cookie: w.cookie });
      status(r, 400, `month=${bad}`);
      includes(r.text, 'Tháng không hợp lệ', 'message');
    }
    const anon = await req('GET', '/calendar');
    status(anon, 303, 'without a session');
  });

  test('calendar: the page makes a secret address, shown once; the feed opens without login and parses', async () => {
    const w = await adminWeb();
    const before = await req('GET', `/calendar?month=${month}`, { cookie: w.cookie });
    eq(feedUrl(before.text), null, 'no address before one is asked for');
    const made = await req('POST', '/calendar/token', { cookie: w.cookie, form: { csrf: csrfOf(before.text), month } });
    status(made, 200, 'a new address, on the page that answers the form');
    const f = feedUrl(made.text);
    ok(f, 'no subscription address on the page');
    includes(made.text, 'chỉ hiện một lần', 'says it is shown once');
    includes(made.text, `${month}`, 'the same month');
    eq(f.url.startsWith(`http://${server.host}:${server.port}/ical/`), true, `absolute address from the Host header: ${f.url}`);
    includes(made.text, `href="webcal://${server.host}:${server.port}/ical/${f.token}.ics"`, 'webcal link');
    const again = await req('GET', '/calendar', { cookie: w.cookie });
    eq(feedUrl(again.text), null, 'the address is not shown again');
    excludes(again.text, f.token, 'nor its token anywhere on the page');
    includes(again.text, 'Bạn đã có một địa chỉ lịch', 'says one exists');
    C.adminFeed = f;

    const r = await req('GET', f.path);
    status(r, 200, 'feed without login');
    ok(/^text\/calendar; charset=utf-8$/i.test(r.headers['content-type']), `Content-Type ${r.headers['content-type']}`);
    eq(r.headers['set-cookie'], undefined, 'Set-Cookie on the feed');
    ok(r.text.startsWith('BEGIN:VCALENDAR\r\n'), 'starts with BEGIN:VCALENDAR and CRLF');
    const cal = parse(r.text);
    eq(cal.getFirstPropertyValue('version'), '2.0', 'VERSION');
    ok(cal.getFirstPropertyValue('prodid'), 'PRODID');
    const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const brand = unescape(made.text.match(/<a class="brand" href="\/"><strong>([^<]*)<\/strong>/)[1]);
    eq(cal.getFirstPropertyValue('x-wr-calname'), brand, 'X-WR-CALNAME: the department');

    const ev = eventOf(cal, `delegation-${C.span.id}@ngoaivu`);
    ok(ev, 'the delegation is in the feed');
    eq(ev.getFirstPropertyValue('summary'), C.span.title, 'SUMMARY (with its comma)');
    const start = ev.getFirstPropertyValue('dtstart'), end = ev.getFirstPropertyValue('dtend');
    ok(start.isDate && end.isDate, 'all-day dates');
    eq(start.toString(), span.start, 'DTSTART');
    eq(end.toString(), shift(span.end, 1), 'DTEND: the day after the last');
    eq(ev.getFirstPropertyValue('url'), `http://${server.host}:${server.port}/delegations/${C.span.id}`, 'URL');
    includes(ev.getFirstPropertyValue('description'), 'Đoàn vào', 'DESCRIPTION: direction');
    ok(ev.getFirstPropertyValue('last-modified') && ev.getFirstPropertyValue('dtstamp'), 'LAST-MODIFIED and DTSTAMP');
    const cancelled = eventOf(cal, `delegation-${C.cancelled.id}@ngoaivu`);
    ok(cancelled, 'the cancelled delegation is in the feed');
    eq(cancelled.getFirstPropertyValue('status'), 'CANCELLED', 'its STATUS');
    const due = eventOf(cal, `commitment-${C.due.id}@ngoaivu`);
    ok(due, 'the deadline is in the feed');
    eq(due.getFirstPropertyValue('summary'), `Hạn: ${C.due.title}`, 'deadline SUMMARY');
    eq(due.getFirstPropertyValue('dtstart').toString(), yesterday, 'deadline day');
    const uids = cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    eq(new Set(uids).size, uids.length, 'UIDs unique');
    ok(uids.every((u) => /^(delegation|commitment|gate_milestone|project|ngo_certificate)-\d+@ngoaivu$/.test(u)), 'UID form');
    const mile = cal.getAllSubcomponents('vevent').find((v) => /^gate_milestone-/.test(v.getFirstPropertyValue('uid')));
    ok(mile, 'the demo\'s gate milestones not done are in the feed');
    ok(/^Hạn: /.test(mile.getFirstPropertyValue('summary')) && /\/gate_milestones\/\d+$/.test(mile.getFirstPropertyValue('url')), 'a due day, linked to its page');

    const head = await req('HEAD', f.path);
    status(head, 200, 'HEAD of the feed');
    const wrong = f.path.replace(/[0-9a-f](?=\.ics$)/, (c) => (c === '0' ? '1' : '0'));
    status(await req('GET', wrong), 404, 'a wrong token');
    status(await req('GET', `/ical/${f.token.toUpperCase()}.ics`), 404, 'upper-case hex');
    status(await req('GET', `/ical/${f.token}`), 404, 'without .ics');
    status(await req('GET', `/ical/${f.token.slice(1)}.ics`), 404, 'a short token');
  });

  test('calendar: each user has an own address; a new one ends the old one (POST with CSRF)', async () => {
    const w = await adminWeb();
    const old = C.adminFeed;
    let r = await req('POST', '/calendar/token', { cookie: w.cookie, form: { month } });
    status(r, 403, 'without CSRF');
    status(await req('GET', old.path), 200, 'the address still works after a refused POST');
    r = await req('POST', '/calendar/token', { cookie: w.cookie, form: { csrf: w.csrf, month } });
    status(r, 200, 'new address');
    const page = r;
    const fresh = feedUrl(page.text);
    ok(fresh && fresh.token !== old.token, 'a different address');
    status(await req('GET', old.path), 404, 'the old address');
    status(await req('GET', fresh.path), 200, 'the new address');
    ok(csrfOf(page.text), 'the form carries its CSRF field');

    const v = await webLogin(U.viewer, PW.viewer, '/calendar');
    const vf = feedUrl((await req('POST', '/calendar/token', { cookie: v.cookie, form: { csrf: v.csrf } })).text);
    ok(vf && vf.token !== fresh.token, 'the viewer has an own address');
    const vr = await req('GET', vf.path);
    status(vr, 200, 'the viewer’s feed');
    ok(eventOf(parse(vr.text), `delegation-${C.span.id}@ngoaivu`), 'the viewer reads the delegations too');
  });

  test('calendar API: the events of a range; 400 beyond 366 days or backwards', async () => {
    const from = `${month}-01`, to = lastOfMonth(month);
    let r = await req('GET', `/api/v1/calendar?from=${from}&to=${to}`, { token: S.viewer });
    status(r, 200, 'range');
    const j = r.json();
    eq(j.from, from, 'from');
    const d = j.items.find((i) => i.type === 'delegation' && i.id === C.span.id);
    ok(d, 'the delegation in its month', JSON.stringify(j.items.slice(0, 3)));
    eq(d.title, C.span.title, 'title');
    eq(d.start, span.start, 'start');
    eq(d.end, span.end, 'end');
    eq(d.status, 'proposed', 'status');
    eq(d.overdue, false, 'overdue');
    eq(d.url, `/api/v1/delegations/${C.span.id}`, 'url');
    const c = j.items.find((i) => i.id === C.cancelled.id && i.type === 'delegation');
    eq(c && c.status, 'cancelled', 'a cancelled one carries its status');
    r = await req('GET', `/api/v1/calendar?from=${yesterday}&to=${yesterday}`, { token: S.viewer });
    const due = r.json().items.find((i) => i.type === 'commitment' && i.id === C.due.id);
    ok(due && due.overdue === true && due.start === yesterday && due.end === yesterday, 'the overdue deadline', JSON.stringify(due));
    status(await req('GET', `/api/v1/calendar?from=2026-01-01&to=2027-01-02`, { token: S.viewer }), 200, '366 days');
    const far = await req('GET', `/api/v1/calendar?from=2026-01-01&to=2027-01-03`, { token: S.viewer });
    eq(apiError(far, 400, 'bad_request', '367 days').fields.to.code, 'cal_range', 'field code');
    apiError(await req('GET', `/api/v1/calendar?from=2026-03-10&to=2026-03-01`, { token: S.viewer }), 400, 'bad_request', 'backwards');
    const missing = await req('GET', '/api/v1/calendar', { token: S.viewer });
    eq(apiError(missing, 400, 'bad_request', 'no range').fields.from.code, 'required', 'from required');
    apiError(await req('GET', '/api/v1/calendar?from=2026-02-30&to=2026-03-01', { token: S.viewer }), 400, 'bad_request', 'no such day');
    apiError(await req('GET', `/api/v1/calendar?from=${from}&to=${to}`), 401, 'unauthorized', 'without a token');
    const w = await adminWeb();
    apiError(await req('GET', `/api/v1/calendar?from=${from}&to=${to}`, { cookie: w.cookie }), 401, 'unauthorized', 'with a page session');
  });
}
