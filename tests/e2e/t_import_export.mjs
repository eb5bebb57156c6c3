/* Lists as files: the Excel export (API, list page, CLI), read back by a real spreadsheet
 * reader (exceljs); the CSV import, all rows or none (API, page with a multipart form, CLI),
 * with its line-by-line report; who may import. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import {
  test, fail, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, csrfOf, parseCsv, multipart } from './lib.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(body, what) {
  ok(body.length > 4 && body.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')),
    `${what}: not a zip container`, `first bytes: ${JSON.stringify(body.subarray(0, 16).toString('latin1'))}`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body);
  } catch (e) {
    fail(`${what}: exceljs cannot read it: ${e.message}`);
  }
  eq(wb.worksheets.length, 1, `${what}: number of sheets`);
  return wb.worksheets[0];
}

/* The sheet as {header: [...], rows: [[cell,...], ...]} (cells as exceljs gives them). */
function table(ws) {
  const header = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c, i) => { header[i - 1] = c.value; });
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = [];
    for (let i = 1; i <= header.length; i++) row.push(ws.getRow(r).getCell(i));
    rows.push(row);
  }
  return { header, rows };
}

export function register({ S, U, PW, BIN, DB, DIR, uniq, partnerTotal, webLogin, adminWeb }) {
  const csvOf = (rows) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

  test('export: API ?format=xlsx is a workbook a spreadsheet reads, headers in Vietnamese', async () => {
    const r = await req('GET', '/api/v1/partners?format=xlsx', { token: S.viewer });
    status(r, 200, 'xlsx export');
    eq(r.headers['content-type'], XLSX, 'Content-Type');
    eq(r.headers['content-disposition'], 'attachment; filename="partners.xlsx"', 'Content-Disposition');
    const ws = await workbook(r.body, 'API xlsx');
    eq(ws.name, 'Đối tác', 'sheet name');
    const { header, rows } = table(ws);
    for (const h of ['ID', 'Loại đối tác', 'Tên tiếng Việt', 'Quốc gia', 'Tỉnh/bang', 'Ngày tạo', 'Cập nhật lần cuối'])
      ok(header.includes(h), `header row lacks "${h}"`, `header: ${JSON.stringify(header)}`);
    ok(ws.getRow(1).getCell(1).font && ws.getRow(1).getCell(1).font.bold, 'header row is not bold');
    const view = (ws.views || [])[0] || {};
    eq(view.state, 'frozen', 'top row frozen');
    eq(view.ySplit, 1, 'frozen rows');
    ok(ws.autoFilter, 'no autofilter');
    eq(rows.length, await partnerTotal(S.viewer), 'one row per partner');
    const col = (name) => header.indexOf(name);
    const attapeu = rows.find((row) => row[col('Tên tiếng Việt')].value === 'Tỉnh Attapeu');
    ok(attapeu, '"Tỉnh Attapeu" is not in the sheet');
    eq(typeof attapeu[col('ID')].value, 'number', 'ID is a number');
    ok(/\(LA\)$/.test(attapeu[col('Quốc gia')].value), `country with its code: ${attapeu[col('Quốc gia')].value}`);
    ok(/\(LA-AT\)$/.test(attapeu[col('Tỉnh/bang')].value), `subdivision with its code: ${attapeu[col('Tỉnh/bang')].value}`);
    eq(attapeu[col('Loại đối tác')].value, 'Địa phương nước ngoài', 'kind as its label');
    const created = attapeu[col('Ngày tạo')];
    ok(created.value instanceof Date, `created_at is not a date cell: ${JSON.stringify(created.value)}`);
    eq(created.numFmt, 'dd/mm/yyyy hh:mm', 'created_at format');
    const api = (await req('GET', `/api/v1/partners/${attapeu[col('ID')].value}`, { token: S.viewer })).json();
    // Excel dates have no zone: the cell holds Vietnam's wall-clock time (UTC+7)
    const shift = created.value.getTime() - Date.parse(api.created_at);
    eq(shift, 7 * 3600 * 1000, 'created_at shifted to Vietnam time (ms)');
  });

  test('export: ?lang=en gives English headers; filters apply; dates and numbers are cells of their kind', async () => {
    const r = await req('GET', '/api/v1/partners?format=xlsx&lang=en&country=LA', { token: S.viewer });
    status(r, 200, 'English xlsx');
    const ws = await workbook(r.body, 'English xlsx');
    eq(ws.name, 'Partners', 'sheet name');
    const { header, rows } = table(ws);
    for (const h of ['Name in Vietnamese', 'Country', 'Created', 'Last updated'])
      ok(header.includes(h), `header row lacks "${h}"`, `header: ${JSON.stringify(header)}`);
    ok(rows.length > 0, 'no Lao partners');
    for (const row of rows) ok(/\(LA\)$/.test(row[header.indexOf('Country')].value), 'filter country=LA not applied');
    const bad = await req('GET', '/api/v1/partners?format=xls', { token: S.viewer });
    apiError(bad, 400, 'bad_request', 'unknown format');
    // a record type with dates and amounts
    const d = await req('GET', '/api/v1/delegations?format=xlsx', { token: S.viewer });
    status(d, 200, 'delegations xlsx');
    const t = table(await workbook(d.body, 'delegations xlsx'));
    const withDate = t.rows.find((row) => row[t.header.indexOf('Từ ngày')].value);
    ok(withDate, 'no delegation with a start date');
    const start = withDate[t.header.indexOf('Từ ngày')];
    ok(start.value instanceof Date, `start date is not a date cell: ${JSON.stringify(start.value)}`);
    eq(start.numFmt, 'dd/mm/yyyy', 'date format');
    const money = t.rows.map((row) => row[t.header.indexOf('Dự toán (đồng)')].value).filter((v) => v !== null);
    ok(money.length && money.every((v) => typeof v === 'number'), `amounts are numbers: ${JSON.stringify(money)}`);
  });

  test('export: the list page has "Xuất Excel" and serves the filtered workbook', async () => {
    const web = await webLogin(U.viewer, PW.viewer);
    const page = await req('GET', '/partners?country=LA', { cookie: web.cookie });
    status(page, 200, 'list page');
    const m = page.text.match(/<a class="button" href="([^"]*format=xlsx[^"]*)">([^<]*)<\/a>/);
    ok(m, 'no Excel export link', page.text.slice(0, 2000));
    eq(m[2], 'Xuất Excel', 'link text');
    includes(m[1], 'country=LA', 'the link keeps the filter');
    excludes(page.text, '/partners/import', 'a viewer sees no import button');
    // followed as a browser does (entities decoded once)
    let r = await req('GET', m[1].replace(/&amp;/g, '&'), { cookie: web.cookie });
    status(r, 200, 'page xlsx');
    eq(r.headers['content-type'], XLSX, 'Content-Type');
    includes(r.headers['content-disposition'] || '', 'filename="partners.xlsx"', 'Content-Disposition');
    await workbook(r.body, 'page xlsx link');
    r = await req('GET', '/partners?country=LA&format=xlsx', { cookie: web.cookie });
    const { header, rows } = table(await workbook(r.body, 'page xlsx'));
    ok(rows.some((row) => row[header.indexOf('Tên tiếng Việt')].value === 'Tỉnh Attapeu'), 'Tỉnh Attapeu missing');
    for (const row of rows) ok(/\(LA\)$/.test(row[header.indexOf('Quốc gia')].value), 'filter not applied');
    const en = await req('GET', '/partners?format=xlsx&lang=en', { cookie: web.cookie });
    const t = table(await workbook(en.body, 'page xlsx en'));
    ok(t.header.includes('Name in Vietnamese'), 'page ?lang=en headers');
    const admin = await adminWeb();
    const ap = await req('GET', '/partners', { cookie: admin.cookie });
    includes(ap.text, 'href="/partners/import">Nhập từ CSV</a>', 'a writer sees the import button');
  });

  test('export: CLI --format xlsx writes a workbook, and refuses a terminal', async () => {
    const r = spawnSync(BIN, ['export', 'partners', '--format', 'xlsx', '--db', DB], { timeout: 60000 });
    eq(r.status, 0, `CLI export exit (stderr: ${r.stderr})`);
    const { header, rows } = table(await workbook(r.stdout, 'CLI xlsx'));
    ok(rows.some((row) => row[header.indexOf('Tên tiếng Việt')].value === 'Tỉnh Attapeu'), 'Tỉnh Attapeu missing');
    const script = spawnSync('script', ['-qec', `${BIN} export partners --format xlsx --db ${DB}`, '/dev/null'],
      { encoding: 'utf8', timeout: 60000 });
    if (script.error) return; // no `script` to give it a terminal
    ok(script.status !== 0, 'xlsx to a terminal was not refused', `output: ${script.stdout}`);
    includes(script.stdout, 'not for a terminal', 'refusal message');
  });

  test('import: API imports a good file (200 {"imported": N})', async () => {
    const before = await partnerTotal();
    const a = uniq('Nhập API'), b = uniq('Nhập API');
    const csv = '\uFEFF' + csvOf([['name_vi', 'kind', 'country', 'notes'], [`"${a}"`, 'ngo', 'LA', '"Dòng một,\nDòng ""hai"""'],
      [`"${b}"`, 'Tổ chức quốc tế', 'Lào (LA)', '']]);
    const r = await req('POST', '/api/v1/import/partners', { token: S.officer, body: csv, headers: { 'Content-Type': 'text/csv' } });
    status(r, 200, 'API import');
    eq(r.json().imported, 2, 'imported');
    eq(await partnerTotal(), before + 2, 'partner total');
    const s = (await req('GET', `/api/v1/search?q=${encodeURIComponent(a)}`, { token: S.officer })).json();
    ok(s.items.length >= 1, `imported partner not found by search: ${JSON.stringify(s)}`);
    const hit = s.items.find((i) => i.title === a);
    ok(hit, `${a} not among the hits: ${JSON.stringify(s.items)}`);
    const p = (await req('GET', hit.url, { token: S.officer })).json();
    eq(p.notes, 'Dòng một,\nDòng "hai"', 'quoted notes');
  });

  test('import: API refuses a bad file (422 with the lines), stores nothing', async () => {
    const before = await partnerTotal();
    const dup = uniq('Trùng');
    const csv = csvOf([['name_vi', 'kind', 'country'], [`"${uniq('Tốt')}"`, 'ngo', 'LA'], [`"${uniq('Sai')}"`, 'ngo', 'XX'],
      [`"${dup}"`, 'ngo', 'LA'], [`"${dup}"`, 'ngo', 'LA'], ['"Thiếu ô"', 'ngo']]);
    const r = await req('POST', '/api/v1/import/partners', { token: S.officer, body: csv, headers: { 'Content-Type': 'text/csv' } });
    const e = apiError(r, 422, 'invalid', 'bad import');
    eq(e.message, 'Không có bản ghi nào được nhập.', 'message');
    const lines = e.lines.map((l) => `${l.line}:${l.field}`);
    ok(lines.includes('3:country'), `line 3 country: ${JSON.stringify(e.lines)}`);
    ok(lines.includes('5:name_vi'), `line 5 duplicate: ${JSON.stringify(e.lines)}`);
    ok(lines.includes('6:null'), `line 6 ragged: ${JSON.stringify(e.lines)}`);
    eq(e.lines.find((l) => l.line === 5).message, 'Trùng với dòng 4 của tệp.', 'duplicate within the file');
    eq(e.more, 0, 'more');
    eq(await partnerTotal(), before, 'partner total unchanged');
    const unk = await req('POST', '/api/v1/import/partners?lang=en', { token: S.officer, body: 'name_vi,kind,country,fax\nA,ngo,LA,1\n' });
    const ue = apiError(unk, 422, 'invalid', 'unknown column');
    eq(JSON.stringify(ue.lines.map((l) => [l.line, l.field])), '[[1,"fax"]]', 'unknown column named');
    includes(ue.lines[0].message, 'matches no field', 'English message');
    const empty = await req('POST', '/api/v1/import/partners', { token: S.officer, body: '' });
    eq(apiError(empty, 422, 'invalid', 'empty body').lines[0].message, 'Tệp trống.', 'empty file');
    // a whole export imports again: each row names its record by id; unchanged, none is written
    const exp = await req('GET', '/api/v1/partners?format=csv', { token: S.officer });
    const again = await req('POST', '/api/v1/import/partners', { token: S.officer, body: exp.body });
    status(again, 200, 're-import');
    eq(`${again.json().imported} ${again.json().updated}`, '0 0', 'an unchanged export changes nothing');
    // an edited cell is the record's new value; a stale version is refused, nothing stored
    const rows = parseCsv(exp.text.replace(/^\uFEFF/, ''));
    const head = rows[0], iNotes = head.indexOf('notes'), iId = head.indexOf('id');
    const row = rows[1].slice();
    row[iNotes] = 'Sửa trong Excel rồi nhập lại';
    const csvRows = (rs) => rs.map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
    status(await req('POST', '/api/v1/import/partners', { token: S.officer, body: csvRows([head, row]) }), 200, 'edited row');
    eq((await (await req('GET', `/api/v1/partners/${row[iId]}`, { token: S.officer })).json()).notes, 'Sửa trong Excel rồi nhập lại', 'the edit stored');
    status(await req('POST', '/api/v1/import/partners', { token: S.officer, body: csvRows([head, row]) }), 200, 'the same row again: nothing to do');
    row[iNotes] = 'Một sửa đổi khác trên bản xuất cũ';
    const stale = apiError(await req('POST', '/api/v1/import/partners', { token: S.officer, body: csvRows([head, row]) }), 422, 'invalid', 'stale version');
    includes(stale.lines[0].message, 'đã được sửa sau khi xuất', 'a stale row is refused: the record changed since the export');
    eq(await partnerTotal(), before, 'partner total unchanged after re-import');
  });

  test('import: viewers cannot import (API and page 403); over 10 MB is 413', async () => {
    const before = await partnerTotal();
    apiError(await req('POST', '/api/v1/import/partners', { token: S.viewer, body: 'name_vi,kind,country\nX,ngo,LA\n' }),
      403, 'forbidden', 'viewer API import');
    const web = await webLogin(U.viewer, PW.viewer);
    status(await req('GET', '/partners/import', { cookie: web.cookie }), 403, 'viewer import page');
    const mp = multipart({ csrf: web.csrf }, { name: 'a.csv', data: 'name_vi,kind,country\nX,ngo,LA\n' });
    status(await req('POST', '/partners/import', { cookie: web.cookie, ...mp }), 403, 'viewer page import');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    apiError(await req('POST', '/api/v1/import/partners', { token: S.officer, body: big }), 413, 'too_large', 'over 10 MB');
    eq(await partnerTotal(), before, 'partner total unchanged');
  });

  test('import: the page (multipart form with csrf) imports, reports, and refuses without csrf', async () => {
    const web = await adminWeb();
    const form = await req('GET', '/partners/import', { cookie: web.cookie });
    status(form, 200, 'import page');
    includes(form.text, 'enctype="multipart/form-data"', 'form encoding');
    includes(form.text, 'type="file" name="file"', 'file input');
    includes(form.text, 'href="/partners?format=csv"', 'template link');
    includes(form.text, 'name_vi', 'the columns are explained');
    const csrf = csrfOf(form.text);
    ok(csrf, 'no csrf field in the import form');
    let before = await partnerTotal();
    const good = csvOf([['Tên tiếng Việt', 'Loại đối tác', 'Quốc gia'], [`"${uniq('Nhập trang')}"`, 'ngo', 'KH'],
      [`"${uniq('Nhập trang')}"`, 'company', 'TH']]);
    let r = await req('POST', '/partners/import', { cookie: web.cookie, ...multipart({ csrf }, { name: 'tốt.csv', data: good }) });
    status(r, 200, 'page import');
    includes(r.text, 'Đã nhập 2 bản ghi.', 'result');
    eq(await partnerTotal(), before + 2, 'partner total after page import');
    before = await partnerTotal();
    const bad = csvOf([['name_vi', 'kind', 'country', '<b>cột</b>'], ['"A"', 'ngo', 'LA', '1']]);
    r = await req('POST', '/partners/import', { cookie: web.cookie, ...multipart({ csrf }, { name: 'x.csv', data: bad }) });
    status(r, 422, 'page import with an unknown column');
    includes(r.text, 'Không có bản ghi nào được nhập.', 'nothing imported');
    includes(r.text, '&lt;b&gt;cột&lt;/b&gt;', 'the column named, escaped');
    excludes(r.text, '<b>cột</b>', 'unescaped column name');
    const bad2 = csvOf([['name_vi', 'kind', 'country'], [`"${uniq('Tốt')}"`, 'ngo', 'LA'], [`"${uniq('Sai')}"`, 'ngo', 'XX']]);
    r = await req('POST', '/partners/import', { cookie: web.cookie, ...multipart({ csrf }, { name: 'x.csv', data: bad2 }) });
    status(r, 422, 'page import with a bad row');
    ok(/<td data-label="Dòng">3<\/td><td data-label="Trường">Quốc gia<\/td><td data-label="Lỗi">Mã quốc gia không tồn tại/.test(r.text),
      'the report row for line 3', r.text.slice(r.text.indexOf('<table'), r.text.indexOf('</table>') + 8));
    eq(await partnerTotal(), before, 'partner total unchanged');
    r = await req('POST', '/partners/import', { cookie: web.cookie, ...multipart({}, { name: 'x.csv', data: good }) });
    status(r, 403, 'page import without csrf');
    r = await req('POST', '/partners/import', { cookie: web.cookie, ...multipart({ csrf: 'x' + csrf.slice(1) }, { name: 'x.csv', data: good }) });
    status(r, 403, 'page import with a wrong csrf');
    eq(await partnerTotal(), before, 'partner total unchanged without csrf');
  });

  test('import: CLI imports a good file and refuses a bad one (exit 1, nothing imported)', async () => {
    const good = path.join(DIR, 'import-good.csv'), bad = path.join(DIR, 'import-bad.csv');
    fs.writeFileSync(good, csvOf([['name_vi', 'kind', 'country'], [`"${uniq('Nhập CLI')}"`, 'ngo', 'LA'], [`"${uniq('Nhập CLI')}"`, 'ngo', 'VN']]));
    fs.writeFileSync(bad, csvOf([['name_vi', 'kind', 'country'], [`"${uniq('CLI tốt')}"`, 'ngo', 'LA'], [`"${uniq('CLI sai')}"`, 'ngo', 'QQ']]));
    let before = await partnerTotal();
    let r = cli(BIN, ['import', 'partners', good, '--db', DB]);
    ok(r.code === 0, 'CLI import of a good file', ...describeRun('import', r));
    eq(r.stdout.trim(), 'imported 2 records', 'CLI output');
    eq(await partnerTotal(), before + 2, 'partner total after CLI import');
    before = await partnerTotal();
    r = cli(BIN, ['import', 'partners', bad, '--db', DB]);
    eq(r.code, 1, 'CLI import of a bad file exits 1');
    includes(r.stderr, 'line 3: country: Mã quốc gia không tồn tại (ISO 3166-1).', 'CLI report');
    includes(r.stderr, 'Không có bản ghi nào được nhập.', 'CLI says nothing was imported');
    r = cli(BIN, ['import', 'partners', bad, '--db', DB, '--lang', 'en']);
    includes(r.stderr, 'line 3: country: Unknown country code (ISO 3166-1).', 'CLI report in English');
    eq(await partnerTotal(), before, 'partner total unchanged');
    r = cli(BIN, ['import', 'nothings', good, '--db', DB]);
    ok(r.code !== 0 && r.stderr.includes('unknown record type'), 'unknown record type', ...describeRun('import', r));
    r = cli(BIN, ['import', 'partners', path.join(DIR, 'no-such.csv'), '--db', DB]);
    ok(r.code !== 0 && r.stderr.includes('cannot read'), 'missing file', ...describeRun('import', r));
  });
}
