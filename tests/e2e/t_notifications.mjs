/* Reminders: a commitment assigned to an agency tells that agency's users; the page and the
 * API list the notices and mark them read (CSRF on the form); the top bar counts the unread
 * ones; `ngoaivu remind` e-mails one digest per user with an address (a local SMTP sink
 * takes them), sends nothing new when run again, and keeps the notices of a failed send. */
import { spawn } from 'node:child_process';
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, csrfOf, freePort } from './lib.mjs';
import { startSmtpSink, parseMail } from './smtp_sink.mjs';

/* The command line without blocking: the SMTP sink answers from this same process. */
function cliAsync(bin, args, env = {}, input = '') {
  return new Promise((resolve) => {
    const c = spawn(bin, args, { env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    c.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    c.on('error', (e) => resolve({ code: null, signal: null, stdout, stderr, error: e }));
    c.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    c.stdin.end(input);
  });
}

export function register({ S, U, BIN, DB, uniq, webLogin }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const N = {}; // this file's state
  const commitment = async (title, deadline) => {
    const r = await req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title, source: 'meeting', meeting: 'Hội đàm', agency_id: N.agency, deadline },
    });
    status(r, 201, `commitment ${title}`);
    return r.json().id;
  };
  const notices = async (token) => {
    const r = await req('GET', '/api/v1/notifications?limit=200', { token });
    status(r, 200, 'GET /api/v1/notifications');
    return r.json();
  };
  const bell = (html) => {
    const m = html.match(/<a class="notices[^"]*" href="\/notifications">Thông báo \((\d+)\)<\/a>/);
    ok(m, 'the top bar has no "Thông báo (N)" link', html.slice(0, 1500));
    return Number(m[1]);
  };

  test('notifications: a commitment assigned to an agency tells its users; the top bar counts them', async () => {
    let r = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Sở Công Thương nhắc việc'), kind: 'industry_trade' } });
    status(r, 201, 'agency');
    N.agency = r.json().id;
    r = cli(BIN, ['user', 'add', 'nhacviec-cq', '--role', 'agency', '--agency', String(N.agency), '--db', DB], 'nhacviec-cq-mk-1\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const login = await req('POST', '/api/v1/login', { json: { username: 'nhacviec-cq', password: 'nhacviec-cq-mk-1' } });
    status(login, 200, 'agency user login');
    N.token = login.json().token;
    N.web = await webLogin('nhacviec-cq', 'nhacviec-cq-mk-1');
    N.title = uniq('Xúc tiến thương mại cửa khẩu');
    N.c1 = await commitment(N.title, shift(today, 3));
    const other = await req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: uniq('Việc của cơ quan khác'), source: 'meeting', meeting: 'Họp', agency_id: S.agB || N.agency, deadline: shift(today, 2) },
    });
    status(other, 201, 'another agency’s commitment');
    const j = await notices(N.token);
    const mine = j.items.filter((n) => n.record_id === N.c1);
    ok(mine.some((n) => n.kind === 'assigned') && mine.some((n) => n.kind === 'due_soon'),
      'assigned and due soon for the agency’s user', JSON.stringify(j.items.slice(0, 5)));
    const a = mine.find((n) => n.kind === 'assigned');
    eq(a.entity, 'commitment', 'entity');
    eq(a.title, N.title, 'the record’s title');
    eq(a.page, `/commitments/${N.c1}`, 'link to the record');
    eq(a.read, false, 'unread');
    eq(a.day, today, 'made today (Vietnam)');
    if (S.agB) ok(!j.items.some((n) => n.record_id === other.json().id), 'nothing about another agency’s commitment');
    ok(!j.items.some((n) => n.kind === 'report_late'), 'late reports are the department’s');
    eq(j.unread, j.items.filter((n) => !n.read).length, 'unread count');
    eq(j.total, j.items.length, 'total');
    const staff = await notices(S.officer);
    ok(staff.items.some((n) => n.record_id === N.c1 && n.kind === 'due_soon'), 'officers hear of it as due soon');
    ok(!staff.items.some((n) => n.kind === 'assigned'), 'officers are not told of assignments');
    // the page: newest first, unread marked, linking to the record; the top bar's count
    r = await req('GET', '/notifications', { cookie: N.web.cookie });
    status(r, 200, 'GET /notifications');
    includes(r.text, `<a href="/commitments/${N.c1}">${N.title}</a>`, 'the record’s title links to it');
    includes(r.text, 'Chưa đọc', 'unread marked');
    includes(r.text, 'Cơ quan được giao thực hiện', 'the kind of notice');
    eq(bell(r.text), j.unread, 'the top bar counts the unread notices');
    r = await req('GET', '/notifications?lang=en', { cookie: N.web.cookie });
    includes(r.text, `Notifications (${j.unread})`, 'top bar in English');
    N.unread = j.unread;
    N.first = a.id;
  });

  test('notifications: marking read through the form (CSRF) and the API', async () => {
    let r = await req('POST', '/notifications/read', { cookie: N.web.cookie, form: { id: String(N.first) } });
    status(r, 403, 'without the CSRF field');
    r = await req('POST', '/notifications/read', { cookie: N.web.cookie, form: { csrf: 'x'.repeat(32), id: String(N.first) } });
    status(r, 403, 'with a wrong CSRF token');
    eq((await notices(N.token)).unread, N.unread, 'nothing marked by refused forms');
    r = await req('POST', '/notifications/read', { cookie: N.web.cookie, form: { csrf: N.web.csrf, id: String(N.first) } });
    status(r, 303, 'one marked read');
    eq(r.headers.location, '/notifications', 'back to the list');
    let j = await notices(N.token);
    eq(j.unread, N.unread - 1, 'one fewer unread');
    eq(j.items.find((n) => n.id === N.first).read, true, 'that one is read');
    r = await req('GET', '/notifications', { cookie: N.web.cookie });
    eq(bell(r.text), N.unread - 1, 'top bar after reading one');
    // another user's notice is not found; bad ids are refused
    apiError(await req('POST', '/api/v1/notifications/read', { token: S.officer, json: { id: N.first } }), 404, 'not_found', 'someone else’s notice');
    apiError(await req('POST', '/api/v1/notifications/read', { token: N.token, json: { id: 'x' } }), 400, 'bad_request', 'id not a number');
    status(await req('POST', '/notifications/read', { cookie: N.web.cookie, form: { csrf: N.web.csrf, id: 'abc' } }), 400, 'form id not a number');
    apiError(await req('GET', '/api/v1/notifications', {}), 401, 'unauthorized', 'no token');
    r = await req('POST', '/api/v1/notifications/read', { token: N.token, json: {} });
    status(r, 200, 'mark all read');
    eq(r.json().marked, N.unread - 1, 'how many were marked');
    eq(r.json().unread, 0, 'none left');
    j = await notices(N.token);
    ok(j.items.every((n) => n.read && n.read_at), 'every notice read');
    r = await req('GET', '/notifications', { cookie: N.web.cookie });
    eq(bell(r.text), 0, 'top bar after reading all');
    excludes(r.text, 'Chưa đọc', 'nothing marked unread');
  });

  test('remind: the CLI e-mails one digest per user with an address; a second run sends nothing', async () => {
    let r = cli(BIN, ['user', 'email', 'nhacviec-cq', 'not an address', '--db', DB]);
    ok(r.code !== 0 && /address/.test(r.stderr), 'a bad address is refused', ...describeRun('user email', r));
    for (const [user, addr] of [['nhacviec-cq', 'nhacviec@congthuong.test'], [U.officer, 'chuyenvien@songoaivu.test']]) {
      r = cli(BIN, ['user', 'email', user, addr, '--db', DB]);
      ok(r.code === 0, `user email ${user}`, ...describeRun('user email', r));
    }
    N.late = uniq('Hoàn thiện hồ sơ hợp tác đã quá hạn');
    N.c2 = await commitment(N.late, shift(today, -1));
    const sink = await startSmtpSink();
    try {
      const env = { NGOAIVU_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, NGOAIVU_SMTP_FROM: 'nhacviec@songoaivu.test', NGOAIVU_BASE_URL: 'http://ngoaivu.test:8080/' };
      r = await cliAsync(BIN, ['remind', '--db', DB], env);
      ok(r.code === 0, 'remind', ...describeRun('remind', r));
      ok(/^\d+ new notifications$/m.test(r.stdout), 'says how many notices it made', ...describeRun('remind', r));
      includes(r.stdout, '2 digests sent', 'two users have an address and unread notices');
      eq(sink.messages.length, 2, 'messages received');
      const byTo = Object.fromEntries(sink.messages.map((m) => [m.to.join(','), m]));
      ok(byTo['nhacviec@congthuong.test'] && byTo['chuyenvien@songoaivu.test'], 'one to each address', Object.keys(byTo).join(' '));
      for (const [to, token] of [['nhacviec@congthuong.test', N.token], ['chuyenvien@songoaivu.test', S.officer]]) {
        const m = byTo[to];
        eq(m.from, 'nhacviec@songoaivu.test', 'envelope sender');
        const p = parseMail(m.raw);
        ok(m.raw.split('\n').slice(0, -1).every((l) => l.endsWith('\r')), 'every line ends in CRLF');
        ok(/^=\?UTF-8\?B\?/i.test(p.headers.subject), 'subject in RFC 2047 encoded words', p.headers.subject);
        const unread = (await notices(token)).unread;
        eq(p.subject, `Nhắc việc: ${unread} thông báo mới`, 'subject, decoded');
        ok(p.headers.date && !Number.isNaN(Date.parse(p.headers.date)), 'a Date header', p.headers.date);
        ok(/^<[^<>@\s]+@songoaivu\.test>$/.test(p.headers['message-id'] || ''), 'a Message-ID', p.headers['message-id']);
        eq(p.headers['content-type'], 'text/plain; charset=utf-8', 'Content-Type');
        eq(p.headers.to, `<${to}>`, 'To');
        includes(p.body, N.late, 'the overdue commitment listed');
        includes(p.body, `http://ngoaivu.test:8080/commitments/${N.c2}`, 'with its link');
        includes(p.body, 'http://ngoaivu.test:8080/notifications', 'and the page of all notices');
      }
      const agencyBody = parseMail(byTo['nhacviec@congthuong.test'].raw).body;
      includes(agencyBody, 'Quá hạn: ' + N.late, 'the kind of notice');
      excludes(agencyBody, N.title, 'notices already read are not sent');
      // a second run: nothing new to make, nothing new to send
      r = await cliAsync(BIN, ['remind', '--db', DB], env);
      ok(r.code === 0, 'second remind', ...describeRun('remind', r));
      includes(r.stdout, '0 new notifications', 'nothing new made');
      includes(r.stdout, '0 digests sent', 'nothing sent');
      eq(sink.messages.length, 2, 'no new message');
      // without a mail server: the notices only
      r = await cliAsync(BIN, ['remind', '--db', DB], { NGOAIVU_SMTP_URL: '' });
      ok(r.code === 0 && !/digests/.test(r.stdout), 'no mail server: no digest', ...describeRun('remind', r));
    } finally {
      await sink.close();
    }
  });

  test('remind: a failed send is reported (exit 1) and its notices go with the next run', async () => {
    N.next = uniq('Báo cáo sơ kết hợp tác biên giới');
    N.c3 = await commitment(N.next, shift(today, 5));
    const closed = await freePort(); // nothing listens there
    let r = await cliAsync(BIN, ['remind', '--db', DB], { NGOAIVU_SMTP_URL: `smtp://127.0.0.1:${closed}` });
    eq(r.code, 1, 'exit code when a digest cannot go');
    includes(r.stderr, 'nhacviec@congthuong.test', 'the failure names the address');
    includes(r.stdout, '0 digests sent', 'nothing sent');
    const sink = await startSmtpSink();
    try {
      r = await cliAsync(BIN, ['remind', '--db', DB], { NGOAIVU_SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
      ok(r.code === 0, 'remind after the failure', ...describeRun('remind', r));
      includes(r.stdout, '0 new notifications', 'the notices were made by the failed run');
      const m = sink.messages.find((x) => x.to.includes('nhacviec@congthuong.test'));
      ok(m, 'the agency user’s digest went this time', sink.messages.map((x) => x.to).join(' '));
      const p = parseMail(m.raw);
      includes(p.body, N.next, 'with the notice made by the failed run');
      includes(p.body, 'http://localhost:8080/commitments/', 'default base address of the links');
      eq(m.from, 'ngoaivu@localhost', 'default sender');
    } finally {
      await sink.close();
    }
  });
}
