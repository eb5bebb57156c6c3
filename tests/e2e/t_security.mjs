/* What an attacker tried from outside, each case a request that must be refused with the
 * database unchanged and the server still up: a multipart part without a name, redirects to
 * other sites, spreadsheet formulas in exports, HTTP framing that a proxy would read
 * differently, locking other people out, telling users apart by timing, an empty CSRF
 * token, values silently altered instead of refused, calendar addresses that outlive a
 * password, scans kept in a browser cache. */
import ExcelJS from 'exceljs';
import {
  test, multipart, ok, eq, includes, excludes, status, apiError, req, raw, getCookie, csrfOf, cli,
  describeRun, parseCsv, server, dbQuery,
} from './lib.mjs';

const CRLF = '\r\n';
const head = (lines) => Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1');

function multipartRaw(parts, boundary = 'XyZ') {
  const body = Buffer.concat([
    ...parts.map((p) => Buffer.from(`--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}${p.data}${CRLF}`)),
    Buffer.from(`--${boundary}--${CRLF}`),
  ]);
  return { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

async function alive(what) {
  const h = await req('GET', '/healthz');
  status(h, 200, `the server answers after ${what}`);
}

export function register({ S, U, PW, BIN, DB, uniq, createPartner, partnerTotal, webLogin, adminWeb }) {
  /* ---- 1. a multipart part without a name */

  test('security: a multipart part without a name is refused (400), before and after login, and the server stays up', async () => {
    const nameless = multipartRaw([{ headers: ['Content-Disposition: form-data; filename="a"'], data: 'hello' }]);
    let r = await req('POST', '/login', { body: nameless.body, headers: nameless.headers });
    status(r, 400, 'POST /login with a nameless part');
    await alive('a nameless part on /login');
    const w = await adminWeb();
    const mixed = multipartRaw([
      { headers: ['Content-Disposition: form-data; name="csrf"'], data: w.csrf },
      { headers: ['Content-Disposition: form-data; filename="x.pdf"', 'Content-Type: application/pdf'], data: '%PDF-1.4' },
    ]);
    r = await req('POST', '/partners', { cookie: w.cookie, body: mixed.body, headers: mixed.headers });
    status(r, 400, 'a record form with a nameless part');
    const p = await createPartner({ kind: 'ngo', name_vi: uniq('Đối tác tải lên'), country: 'LA' });
    r = await req('POST', `/api/v1/partners/${p.id}/attachments`, { token: S.officer, body: nameless.body, headers: nameless.headers });
    apiError(r, 400, 'bad_request', 'an upload with a nameless part');
    r = await req('POST', `/partners/${p.id}/attachments`, { cookie: w.cookie, body: mixed.body, headers: mixed.headers });
    status(r, 400, 'a page upload with a nameless part');
    // an import form without its file (found by fuzz_form: undefined behaviour on no data)
    const nofile = multipartRaw([{ headers: ['Content-Disposition: form-data; name="csrf"'], data: w.csrf }]);
    r = await req('POST', '/partners/import', { cookie: w.cookie, body: nofile.body, headers: nofile.headers });
    status(r, 422, 'an import without a file');
    await alive('nameless parts on the upload routes');
  });

  /* ---- 3. open redirects */

  test('security: after a language switch or a login, only a path on this site is followed', async () => {
    const evil = ['/%09/evil.example/', '//evil.example/', '/%5Cevil.example', '/\\evil.example', '%2F%2Fevil.example',
      'https://evil.example/', '/%0d%0aSet-Cookie:%20x=1', '/%0a/evil.example', '/%7f/evil.example', '/%20/evil.example'];
    for (const next of evil) {
      const r = await req('GET', `/lang?to=en&next=${next}`);
      status(r, 303, `lang next=${next}`);
      eq(r.headers.location, '/', `Location for next=${next}`);
    }
    const good = await req('GET', `/lang?to=vi&next=${encodeURIComponent('/partners?q=da%20nang&sort=name_vi')}`);
    eq(good.headers.location, '/partners?q=da%20nang&sort=name_vi', 'a path on this site is kept');
    const form = await req('GET', '/login?next=/%09/evil.example/');
    includes(form.text, 'name="next" value="/"', 'the login form does not carry the bad next');
    const l = getCookie(form, 'lcsrf');
    const r = await req('POST', '/login', {
      cookie: `lcsrf=${l.value}`, form: { csrf: csrfOf(form.text), username: U.viewer, password: PW.viewer, next: '/\t/evil.example/' },
    });
    status(r, 303, 'login');
    eq(r.headers.location, '/', 'after login: the bad next is not followed');
  });

  /* ---- 4. formulas in CSV */

  test('security: CSV exports neutralise formula cells (page, API, CLI); XLSX keeps them text; a round trip keeps the value', async () => {
    const bad = { name_vi: `=HYPERLINK("http://evil.example","x") ${uniq('')}`, name_en: '+1+cmd|calc', address: '@SUM(A1)', phone: '+84 260 3862 123', notes: '-2+3' };
    const p = await createPartner({ kind: 'company', country: 'KR', ...bad });
    const q = `?q=${encodeURIComponent(bad.name_vi.split(' ').pop())}`;
    const w = await adminWeb();
    const sources = {
      page: (await req('GET', `/partners${q}&format=csv`, { cookie: w.cookie })).text,
      api: (await req('GET', `/api/v1/partners${q}&format=csv`, { token: S.viewer })).text,
    };
    const c = cli(BIN, ['export', 'partners', '--format', 'csv', '--db', DB]);
    ok(c.code === 0, 'CLI export', ...describeRun('export', c));
    sources.cli = c.stdout;
    for (const [where, text] of Object.entries(sources)) {
      const rows = parseCsv(text.replace(/^\uFEFF/, ''));
      const h = rows[0];
      const row = rows.find((x) => x[0] === String(p.id));
      ok(row, `${where}: the partner is in the export`);
      const cell = (name) => row[h.indexOf(name)];
      eq(cell('name_vi'), `'${bad.name_vi}`, `${where}: =formula`);
      eq(cell('name_en'), `'${bad.name_en}`, `${where}: +formula`);
      eq(cell('address'), `'${bad.address}`, `${where}: @formula`);
      eq(cell('notes'), `'${bad.notes}`, `${where}: -formula`);
      eq(cell('phone'), `'${bad.phone}`, `${where}: a phone number beginning with + is text too`);
    }
    // numbers that are numbers stay numbers
    const d = await req('POST', '/api/v1/delegations', {
      token: S.officer,
      json: { title: uniq('Đoàn dự toán'), direction: 'outbound', level: 'department', channel: 'state', country: 'LA', start_date: '2026-03-01', end_date: '2026-03-02', budget: 125000000.5 },
    });
    status(d, 201, 'a delegation with a budget');
    const dc = (await req('GET', `/api/v1/delegations?format=csv&q=${encodeURIComponent('dự toán')}`, { token: S.viewer })).text;
    const drows = parseCsv(dc.replace(/^\uFEFF/, ''));
    const drow = drows.find((x) => x[0] === String(d.json().id));
    eq(drow[drows[0].indexOf('budget')], '125000000.5', 'a number is written as it is');

    // XLSX: the cell is a string, never a formula
    const x = await req('GET', `/api/v1/partners${q}&format=xlsx`, { token: S.viewer });
    status(x, 200, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    const ws = wb.worksheets[0];
    let found = null;
    ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string' && cell.value.startsWith('=HYPERLINK')) found = cell; }));
    ok(found, 'the =HYPERLINK value is a plain string cell in the workbook');
    eq(found.formula, undefined, 'no formula in the XLSX cell');
    eq(found.type, ExcelJS.ValueType.String, 'XLSX cell type');

    // import of our own export gives back the values (the apostrophe is ours)
    const rows = parseCsv(sources.api.replace(/^\uFEFF/, ''));
    const h = rows[0];
    const row = rows.find((r) => r[0] === String(p.id)).slice();
    const ni = h.indexOf('name_vi');
    row[ni] = `'=HYPERLINK("http://evil.example","x") ${uniq('nhập lại')}`;
    const back = row[ni].slice(1);
    const csvEsc = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const keep = ['name_vi', 'name_en', 'kind', 'country', 'address', 'phone', 'notes'];
    const csv = keep.join(',') + '\r\n' + keep.map((k) => csvEsc(row[h.indexOf(k)])).join(',') + '\r\n';
    const imp = await req('POST', '/api/v1/import/partners', { token: S.officer, body: csv, headers: { 'Content-Type': 'text/csv' } });
    status(imp, [200, 201], 'import of an exported row');
    const found2 = (await req('GET', `/api/v1/partners?q=${encodeURIComponent('nhap lai')}&limit=5`, { token: S.viewer })).json();
    const again = found2.items.find((it) => it.name_vi === back);
    ok(again, 'the imported record holds the value without our apostrophe', JSON.stringify(found2.items.map((i) => i.name_vi)));
    eq(again.notes, bad.notes, 'notes');
    eq(again.phone, bad.phone, 'phone');
  });

  /* ---- 5. HTTP framing */

  test('security: ambiguous framing is refused with 400 and the connection closed; a smuggled request is never answered', async () => {
    const smuggled = 'GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n';
    const cases = {
      'Content-Length and Transfer-Encoding': head(['POST /login HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Transfer-Encoding: chunked',
        'Content-Type: application/x-www-form-urlencoded']).toString('latin1') + '0\r\n\r\n' + smuggled,
      'two different Content-Length': head(['POST /login HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Content-Length: 6']).toString('latin1') + 'abcdef' + smuggled,
      'two equal Content-Length': head(['POST /login HTTP/1.1', 'Host: a', 'Content-Length: 3', 'Content-Length: 3']).toString('latin1') + 'a=b' + smuggled,
      'Content-Length not a number': head(['POST /login HTTP/1.1', 'Host: a', 'Content-Length: +3']).toString('latin1') + 'a=b' + smuggled,
      'Transfer-Encoding: xchunked': head(['POST /login HTTP/1.1', 'Host: a', 'Transfer-Encoding: xchunked']).toString('latin1') + '3\r\na=b\r\n0\r\n\r\n' + smuggled,
      'Transfer-Encoding: gzip, chunked': head(['POST /login HTTP/1.1', 'Host: a', 'Transfer-Encoding: gzip, chunked']).toString('latin1') + '0\r\n\r\n' + smuggled,
      'no Host (HTTP/1.1)': head(['GET /healthz HTTP/1.1']).toString('latin1') + smuggled,
      'two Host': head(['GET /healthz HTTP/1.1', 'Host: a', 'Host: b']).toString('latin1') + smuggled,
      'a Host with a space': head(['GET /healthz HTTP/1.1', 'Host: a b']).toString('latin1') + smuggled,
    };
    for (const [what, bytes] of Object.entries(cases)) {
      const r = await raw(Buffer.from(bytes, 'latin1'));
      // libmicrohttpd itself refuses some (a Content-Length it cannot read) and may then read
      // the rest as a next, malformed request: every answer is a 400, none a 200
      ok(r.statuses.length >= 1 && r.statuses.every((x) => x === 400), `${what}: answers ${JSON.stringify(r.statuses)}, expected only 400`);
      ok(r.closed, `${what}: the connection is closed`);
    }
    // what is well framed keeps working, and keep-alive with it
    const two = await raw(Buffer.from(smuggled + smuggled, 'latin1'), { timeoutMs: 1500 });
    eq(JSON.stringify(two.statuses), '[200,200]', 'two requests on one connection');
    const h10 = await raw(head(['GET /healthz HTTP/1.0']));
    eq(JSON.stringify(h10.statuses), '[200]', 'HTTP/1.0 needs no Host');
    await alive('the framing cases');
  });

  test('security: a body over the route limit, or without a session, is refused at once: no "100 Continue", nothing read', async () => {
    let t0 = Date.now();
    let r = await raw(head(['POST /login HTTP/1.1', 'Host: a', 'Expect: 100-continue', 'Content-Length: 999999999',
      'Content-Type: application/x-www-form-urlencoded']));
    eq(JSON.stringify(r.statuses), '[413]', 'a 999,999,999-byte body on a 4 KB route');
    excludes(r.text, '100 Continue', 'no 100 Continue');
    ok(r.closed && Date.now() - t0 < 2500, 'answered and closed at once');
    t0 = Date.now();
    r = await raw(head(['POST /api/v1/partners/1/attachments HTTP/1.1', 'Host: a', 'Expect: 100-continue', 'Content-Length: 20000000',
      'Content-Type: multipart/form-data; boundary=XyZ']));
    eq(JSON.stringify(r.statuses), '[401]', 'an upload without a session');
    excludes(r.text, '100 Continue', 'no 100 Continue before authentication');
    ok(r.closed && Date.now() - t0 < 2500, 'answered and closed without the body');
    r = await raw(head(['POST /api/v1/partners/1/attachments HTTP/1.1', 'Host: a', `Authorization: Bearer ${S.viewer}`,
      'Expect: 100-continue', 'Content-Length: 20000000', 'Content-Type: multipart/form-data; boundary=XyZ']));
    eq(JSON.stringify(r.statuses), '[403]', 'an upload by a viewer');
    excludes(r.text, '100 Continue', 'no 100 Continue before the permission check');
    // a chunked body growing past the limit is cut off too
    const chunk = 'x'.repeat(4096);
    let body = '';
    for (let i = 0; i < 20; i++) body += `${(4096).toString(16)}\r\n${chunk}\r\n`;
    body += '0\r\n\r\n';
    r = await raw(Buffer.from(head(['POST /login HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked',
      'Content-Type: application/x-www-form-urlencoded']).toString('latin1') + body, 'latin1'));
    eq(JSON.stringify(r.statuses), '[413]', 'a chunked body past the 64 KB of the login form');
    await alive('the refused bodies');
  });

  /* ---- 6, 7. the login throttle and timing */

  test('security: failures from one client slow that client down only; the right password from another gets in', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: `sai-${i}-yyyy` }, localAddress: '127.0.0.6' });
      apiError(r, 401, 'unauthorized', `failure ${i} from 127.0.0.6`);
    }
    const limited = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: PW.throwaway }, localAddress: '127.0.0.6' });
    apiError(limited, 429, 'rate_limited', 'the right password from the failing client, right after');
    ok(/^\d+$/.test(limited.headers['retry-after'] || '') && Number(limited.headers['retry-after']) <= 60,
      `Retry-After: ${limited.headers['retry-after']}`);
    const other = await req('POST', '/api/v1/login', { json: { username: U.throwaway, password: PW.throwaway }, localAddress: '127.0.0.7' });
    status(other, 200, 'the right password from another client');
    const form = await req('GET', '/login', { localAddress: '127.0.0.7' });
    const l = getCookie(form, 'lcsrf');
    const page = await req('POST', '/login', {
      localAddress: '127.0.0.7', cookie: `lcsrf=${l.value}`, form: { csrf: csrfOf(form.text), username: U.throwaway, password: PW.throwaway },
    });
    status(page, 303, 'the login page from another client');
  });

  test('security: an unknown user name costs the time of a wrong password (no enumeration by timing)', async () => {
    const time = async (username, addr) => {
      const t0 = process.hrtime.bigint();
      const r = await req('POST', '/api/v1/login', { json: { username, password: 'sai-mat-khau-1' }, localAddress: addr });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      apiError(r, 401, 'unauthorized', `login as ${username}`);
      return ms;
    };
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known = [], unknown = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(U.viewer, '127.0.0.4'));
      unknown.push(await time(`khong-co-ai-${i}`, '127.0.0.5'));
    }
    const k = median(known), u = median(unknown);
    ok(u > k / 2 && u < k * 2, `median ${u.toFixed(1)} ms for an unknown user against ${k.toFixed(1)} ms for a wrong password`);
  });

  /* ---- 8. an empty token is no token */

  test('security: an empty CSRF token never matches an empty cookie', async () => {
    for (const cookie of ['lcsrf=', 'lcsrf=""', '']) {
      const r = await req('POST', '/login', { cookie: cookie || undefined, form: { csrf: '', username: U.viewer, password: PW.viewer } });
      status(r, 403, `login with cookie ${JSON.stringify(cookie)} and an empty csrf field`);
      eq(getCookie(r, 'sid'), null, 'no session');
    }
  });

  /* ---- 9. values refused, never altered */

  test('security: a NUL byte in a form field is refused (422, the field named), nothing stored', async () => {
    const w = await adminWeb();
    const before = await partnerTotal();
    const body = `csrf=${w.csrf}&kind=ngo&country=LA&name_vi=NulProbe%00%3Cscript%3E`;
    const r = await req('POST', '/partners', { cookie: w.cookie, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    status(r, 422, 'a NUL in name_vi');
    includes(r.text, 'name_vi', 'the field is named');
    includes(r.text, 'NUL', 'the reason');
    eq(await partnerTotal(), before, 'nothing stored');
    const s = await req('GET', '/api/v1/search?q=NulProbe', { token: S.viewer });
    eq(s.json().items.length, 0, 'NulProbe is not in the search either');
  });

  test('security: a NUL (%00) in the address, its path or its query, is refused (400, said why), not cut short', async () => {
    const w = await adminWeb();
    const before = await partnerTotal();
    // without the check, /partners%00x was /partners and q=a%00b was q=a
    for (const p of ['/partners%00x', '/partners?q=a%00b', '/partners?sort=name_vi%00&limit=5', `/partners/1%00`]) {
      const r = await req('GET', p, { cookie: w.cookie });
      status(r, 400, `page ${p}`);
      includes(r.text, 'ký tự NUL (%00)', `page ${p}: the reason`);
    }
    for (const p of ['/api/v1/partners?q=a%00', '/api/v1/partners/1%00', '/bulletin/vi?x=%00']) {
      const r = await req('GET', p, { token: S.viewer });
      status(r, 400, `${p}`);
      if (p.startsWith('/api/')) includes(apiError(r, 400, 'bad_request', p).message, 'NUL', `${p}: the reason`);
    }
    const body = `csrf=${w.csrf}&kind=ngo&country=LA&name_vi=Qua%20dia%20chi`;
    const r = await req('POST', '/partners?x=%00', { cookie: w.cookie, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    status(r, 400, 'a form posted to an address with a NUL');
    eq(await partnerTotal(), before, 'nothing stored');
    status(await req('GET', '/partners?q=a%2500b', { cookie: w.cookie }), 200, 'an encoded percent sign and 00 are words, not a NUL');
    // libmicrohttpd's own error answer (a malformed Cookie header) after a %00 in the URI:
    // the request ends before the application sees it, and its end once took the mark of
    // the NUL for a request (a read past a global, then free() of it: the server died)
    for (const cookie of ['sid="', 'a=b; ; "']) {
      const r = await raw(head(['GET /partners%00x HTTP/1.1', 'Host: a', `Cookie: ${cookie}`]));
      ok(r.statuses.length >= 1 && r.statuses.every((x) => x >= 400 && x < 500), `a NUL and the Cookie ${cookie}: ${JSON.stringify(r.statuses)}`);
    }
    await alive('a NUL in the address with a malformed Cookie header');
  });

  test('security: a request of many parameters or a long address is answered (431, or a login address of bounded length), never by a closed connection', async () => {
    // libmicrohttpd keeps each parameter in the connection's memory, where the answer's head
    // is built after them: 250 empty parameters (a list address fuzz_request made) left no
    // room for the login redirect, and the connection was closed with no answer
    const w = await adminWeb();
    for (const [who, cookie] of [['signed out', ''], ['an ended session', 'Cookie: sid=abc'], ['signed in', `Cookie: ${w.cookie}`]]) {
      for (const n of [250, 400]) {
        const lines = [`GET /partners?${'&'.repeat(n)}limit=5 HTTP/1.1`, 'Host: a'];
        if (cookie) lines.push(cookie);
        const r = await raw(head(lines));
        eq(JSON.stringify(r.statuses), '[431]', `${n} parameters, ${who}`);
        includes(Buffer.from(r.text, 'latin1').toString('utf8'), 'quá nhiều tham số', `${n} parameters, ${who}: why, in Vietnamese`);
      }
    }
    // and a Cookie header of 100 cookies of 64 octets (fuzz_request's next: a 400 of the API
    // that the connection's memory could not hold the head of)
    const cookies = Array.from({ length: 100 }, (_, i) => `c${i}=${'x'.repeat(64)}`).join('; ');
    for (const p of ['/partners', '/api/x%01']) {
      const r = await raw(head([`GET ${p} HTTP/1.1`, 'Host: a', `Cookie: lang=en; ${cookies}`, 'Cookie: sid=abc']));
      eq(JSON.stringify(r.statuses), '[431]', `100 cookies, ${p}`);
      includes(r.text, 'too many parameters or header lines', `100 cookies, ${p}: why, in English (the lang cookie)`);
    }
    const api = await raw(head([`GET /api/v1/partners?${'a=1&'.repeat(300)} HTTP/1.1`, 'Host: a', `Authorization: Bearer ${S.viewer}`]));
    eq(JSON.stringify(api.statuses), '[431]', 'the API too');
    includes(api.text, '"code":"too_many_fields"', 'the API: its code');
    status(await req('GET', `/partners?${'x=1&'.repeat(150)}limit=5`, { cookie: w.cookie }), 200, '150 parameters are a request like another');
    // the address to come back to after the login: whole while short, else its path alone
    // (an nginx in front refuses an answer head over 4 to 8 KB with a 502)
    const long = await req('GET', `/partners?q=${'%5C'.repeat(1500)}`);
    status(long, 303, 'a long address, signed out');
    ok(long.headers.location.length <= 2100, `Location of ${long.headers.location.length} octets`);
    eq(long.headers.location, '/login?next=%2Fpartners', 'the path alone');
    eq((await req('GET', '/partners?q=ab')).headers.location, '/login?next=%2Fpartners%3Fq%3Dab', 'a short address whole');
    await alive('many parameters');
  });

  test('security: numbers out of range, negative amounts, a version of the wrong type, a date given as a number: 422 with the field', async () => {
    const base = () => ({ title: uniq('Đoàn số liệu'), direction: 'outbound', level: 'department', channel: 'state', country: 'LA', start_date: '2026-03-01', end_date: '2026-03-02' });
    const before = (await req('GET', '/api/v1/delegations?limit=1', { token: S.viewer })).json().total;
    const bad = [
      ['"99999999999999999999" (text)', { budget: '99999999999999999999' }, 'budget', 'number_range'],
      ['1e-400', '1e-400', 'budget', 'number_range'],
      ['1e400', '1e400', 'budget', 'number_range'],
      ['-5', { budget: -5 }, 'budget', 'negative'],
      ['"-5" (text)', { budget: '-5' }, 'budget', 'negative'],
    ];
    for (const [what, extra, field, code] of bad) {
      const body = typeof extra === 'string'
        ? JSON.stringify(base()).replace(/}$/, `,"budget":${extra}}`)
        : JSON.stringify({ ...base(), ...extra });
      const r = await req('POST', '/api/v1/delegations', { token: S.officer, body });
      const e = apiError(r, 422, 'invalid', `budget ${what}`);
      ok(e.fields && e.fields[field], `budget ${what}: the field is named`, JSON.stringify(e));
      eq(e.fields[field].code, code, `budget ${what}: code`);
    }
    eq((await req('GET', '/api/v1/delegations?limit=1', { token: S.viewer })).json().total, before, 'none stored');
    const w = await adminWeb();
    const f = await req('POST', '/delegations', { cookie: w.cookie, form: { csrf: w.csrf, ...base(), budget: '-5' } });
    status(f, 422, 'a negative budget in the form');

    // an update whose version is not a whole number is refused, and the record unchanged
    const p = await createPartner({ kind: 'ngo', name_vi: uniq('Đối tác phiên bản'), country: 'LA' });
    for (const v of ['"1"', '1.5', '[]', '0', '{}', 'true']) {
      const r = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, body: `{"version":${v},"notes":"đổi"}` });
      const e = apiError(r, 422, 'invalid', `version ${v}`);
      eq(e.fields.version.code, 'bad_version', `version ${v}: code`);
    }
    const stale = await req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { version: p.version + 5, notes: 'đổi' } });
    apiError(stale, 409, 'conflict', 'an integer stale version');
    const now = (await req('GET', `/api/v1/partners/${p.id}`, { token: S.viewer })).json();
    eq(now.version, p.version, 'version unchanged');
    eq(now.notes ?? null, p.notes ?? null, 'notes unchanged');

    // a progress report's date given as a number is no date (it used to become today)
    const ag = await req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: uniq('Sở số liệu'), kind: 'health' } });
    const cm = await req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: uniq('Cam kết ngày'), source: 'meeting', meeting: 'Họp', agency_id: ag.json().id, deadline: '2027-01-01' },
    });
    status(cm, 201, 'a commitment');
    for (const [what, body, field] of [
      ['date 20260101', { text: 'x', percent: 10, date: 20260101 }, 'date'],
      ['percent 10.5', { text: 'x', percent: 10.5 }, 'percent'],
      ['text 5', { text: 5, percent: 10 }, 'text'],
    ]) {
      const r = await req('POST', `/api/v1/commitments/${cm.json().id}/progress`, { token: S.officer, json: body });
      const e = apiError(r, 422, 'invalid', `progress ${what}`);
      ok(e.fields && e.fields[field], `progress ${what}: the field is named`, JSON.stringify(e));
    }
    const after = (await req('GET', `/api/v1/commitments/${cm.json().id}`, { token: S.viewer })).json();
    eq(Number(after.percent), 0, 'no progress stored');
  });

  /* ---- 10. calendar addresses and attachments */

  test('security: the calendar address is stored hashed and ends with a password change', async () => {
    const user = `lich-${process.pid}`;
    const pw = 'lich-mat-khau-1';
    let c = cli(BIN, ['user', 'add', user, '--role', 'viewer', '--db', DB], pw + '\n');
    ok(c.code === 0, 'user add', ...describeRun('user add', c));
    const w = await webLogin(user, pw, '/calendar');
    const made = await req('POST', '/calendar/token', { cookie: w.cookie, form: { csrf: w.csrf } });
    const m = made.text.match(/\/ical\/([0-9a-f]{64})\.ics/);
    ok(m, 'an address');
    const path = `/ical/${m[1]}.ics`;
    status(await req('GET', path), 200, 'the feed');
    const q = dbQuery(DB, 'SELECT token_hash FROM calendar_tokens');
    eq(q.status, 0, `the database's tool: ${q.stderr}`);
    excludes(q.stdout, m[1], 'the database does not hold the address');
    c = cli(BIN, ['user', 'passwd', user, '--db', DB], 'lich-mat-khau-2\n');
    ok(c.code === 0, 'user passwd', ...describeRun('user passwd', c));
    status(await req('GET', path), 404, 'the feed after a password change');
  });

  test('security: attachments are sent with Cache-Control: no-store', async () => {
    // an agreement of its own with a scan (not one another module left behind)
    const p = await createPartner({ kind: 'other', name_vi: uniq('Đối tác bản quét'), country: 'LA' });
    const a = await req('POST', '/api/v1/agreements', { token: S.admin, json: { title_vi: uniq('Thoả thuận có bản quét'), kind: 'mou', partner_ids: [p.id] } });
    status(a, 201, 'an agreement');
    const m = multipart({}, { name: 'ban-quet.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n% bản quét\n%%EOF\n') });
    status(await req('POST', `/api/v1/agreements/${a.json().id}/attachments`, { token: S.admin, body: m.body, headers: m.headers }), 201, 'its scan');
    const r = await req('GET', `/api/v1/agreements/${a.json().id}/attachments`, { token: S.viewer });
    status(r, 200, 'attachments of the agreement');
    const list = r.json();
    const items = Array.isArray(list) ? list : list.items;
    ok(items && items.length === 1, 'the agreement has its attachment');
    const d = await req('GET', items[0].url, { token: S.viewer });
    status(d, 200, 'download');
    eq(d.headers['cache-control'], 'no-store', 'Cache-Control of a scan');
  });
}
