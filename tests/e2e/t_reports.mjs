/* Periodic reports: drafted from the data of a period, the narrative edited, issued by a
 * leader with its number and symbol, then frozen. The files are checked by readers nobody
 * here wrote: poppler's pdfinfo, pdffonts, pdftotext (A4, the margins of Decree 30/2020, the
 * motto, the number, the figures, embedded fonts), openpyxl (sheets, Vietnamese headers,
 * numbers and dates, the charts' parts) and python-docx; a frozen report is reproduced byte
 * for byte after its data changed, from the page, the API and the CLI. */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, skip } from './lib.mjs';

const PY = '/usr/bin/python3'; /* Debian's, with python3-openpyxl and python3-docx */
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ngv-reports-'));
let nfile = 0;
const save = (bytes, ext) => {
  const f = path.join(tmp, `r${++nfile}.${ext}`);
  fs.writeFileSync(f, bytes);
  return f;
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.error && r.error.code === 'ENOENT') skip(`${cmd} is not installed`);
  ok(r.status === 0, `${cmd} ${args.join(' ')}`, r.stderr);
  return r.stdout;
};

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const X = {};
  const period = '2035-Q2'; /* a quarter no other test and no demo record falls in */
  const post = async (table, json, token = S.officer, code = 201) => {
    const r = await req('POST', `/api/v1/${table}`, { token, json });
    status(r, code, `${table} ${JSON.stringify(json)}`);
    return r.json();
  };
  const file = async (id, format, token = S.viewer) => {
    const r = await req('GET', `/api/v1/reports/${id}/file?format=${format}`, { token });
    status(r, 200, `report ${id} as ${format}`);
    return r;
  };
  const leader = async () => {
    if (X.leader) return X.leader;
    const r = cli(BIN, ['user', 'add', 'lanhdao-baocao', '--role', 'leader', '--db', DB], 'lanhdao-bc-123\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const l = await req('POST', '/api/v1/login', { json: { username: 'lanhdao-baocao', password: 'lanhdao-bc-123' } });
    status(l, 200, 'leader login');
    X.leader = l.json().token;
    return X.leader;
  };
  const delegation = async (country, direction, day) => {
    const d = await post('delegations', {
      title: uniq(`Đoàn báo cáo ${country}`), direction, level: 'provincial', channel: 'state', country,
      start_date: day, end_date: day,
    });
    status(await req('POST', `/api/v1/delegations/${d.id}/transition`, { token: await leader(), json: { to: 'approved' } }), 200, 'approved');
    return d;
  };

  test('reports: a draft of a quarter starts with its summary, recipients and copies; a period that is none is refused', async () => {
    apiError(await req('POST', '/api/v1/reports', { token: S.officer, json: { period: '2035-Q5' } }), 422, 'invalid', 'no fifth quarter');
    apiError(await req('POST', '/api/v1/reports', { token: S.officer, json: { period: 'quý 2' } }), 422, 'invalid', 'words are no period');
    await delegation('KH', 'outbound', '2035-04-10');
    await delegation('KH', 'outbound', '2035-05-20');
    await delegation('KH', 'inbound', '2035-06-30');
    await delegation('LA', 'inbound', '2035-07-01'); /* the day after the quarter: not counted */
    const first = await post('reports', { period: '2035-01', recipients: 'Ủy ban nhân dân tỉnh Quảng Ngãi\nBộ Ngoại giao', signer_name: 'Lê Văn Cường', cc: 'Như trên;\nLưu: VT, SNgV.' });
    eq(first.summary, 'Công tác đối ngoại tháng 1 năm 2035', 'a month\'s summary line');
    const r = await post('reports', { period: '2035-q2' });
    eq(`${r.period} ${r.period_kind} ${r.status}`, '2035-Q2 quarter draft', 'canonical period, a draft');
    eq(r.summary, 'Công tác đối ngoại quý II năm 2035', 'the summary line from the period');
    eq(r.recipients, 'Ủy ban nhân dân tỉnh Quảng Ngãi\nBộ Ngoại giao', 'to whom the last report went');
    eq(`${r.signer_name} | ${r.cc}`, 'Lê Văn Cường | Như trên;\nLưu: VT, SNgV.', 'its signer and copies');
    eq(r.results ?? null, null, 'but not its narrative');
    eq(r.symbol ?? null, null, 'no number before it is issued');
    X.r = r;
  });

  test('reports: the draft PDF is A4 in the Decree 30 layout, its fonts embedded, its figures the period\'s', async () => {
    const pdf = (await file(X.r.id, 'pdf')).body;
    eq(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF');
    const f = save(pdf, 'pdf');
    const info = run('pdfinfo', [f]);
    includes(info, 'Page size:       595.28 x 841.89 pts (A4)', 'A4 portrait');
    const fonts = run('pdffonts', [f]).split('\n').slice(2).filter((l) => l.trim());
    ok(fonts.length > 0, 'fonts listed');
    for (const l of fonts) ok(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l) && / yes /.test(l), 'embedded', l);
    ok(fonts.some((l) => /LiberationSerif/.test(l)), 'Liberation Serif', fonts.join('\n'));
    ok(fonts.some((l) => /LiberationSerif-Bold/.test(l)) && fonts.some((l) => /LiberationSerif-Italic/.test(l)), 'its bold and italic', fonts.join('\n'));
    const text = run('pdftotext', ['-layout', f, '-']);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỞ NGOẠI VỤ',
      'UBND TỈNH QUẢNG NGÃI', 'BÁO CÁO', 'Công tác đối ngoại quý II năm 2035', 'Kính gửi', 'Nơi nhận:'])
      includes(text, s, s);
    ok(/Số:\s+\/BC-SNgV/.test(text), 'a draft has no number yet', text.slice(0, 600));
    ok(/Quảng Ngãi, ngày \d\d tháng \d\d năm \d{4}/.test(text), 'place and date, padded');
    ok(/2 đoàn ra và 1 đoàn vào/.test(text), 'two outbound and one inbound in the quarter', text.slice(0, 3000));
    ok(/Campuchia\s+2\s+1\s+3/.test(text), 'Cambodia: 2 out, 1 in, 3 in all', text);
    ok(!/^\s*Lào\s+\d/m.test(text), 'the delegation of 1 July is outside the quarter');
    // the margins: no word left of 30 mm, right of 195 mm or in the bottom 20 mm; the page
    // number (from page 2) alone in the top margin
    const bbox = run('pdftotext', ['-bbox', f, '-']);
    const mm = 72 / 25.4;
    let words = 0;
    for (const m of bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)) {
      words++;
      const [x0, y0, x1, y1] = m.slice(1, 5).map(Number);
      ok(x0 >= 30 * mm - 0.5 && x1 <= 595.28 - 15 * mm + 0.5, `word "${m[5]}" within the left and right margins`, x0, x1);
      ok(y1 <= 841.89 - 20 * mm + 0.5, `word "${m[5]}" above the bottom margin`, y1);
      if (y0 < 20 * mm) ok(/^\d+$/.test(m[5]), `only the page number in the top margin: "${m[5]}"`);
    }
    ok(words > 200, 'the text was read', words);
    X.draftPdf = pdf;
    includes((await file(X.r.id, 'html')).text, '>DỰ THẢO<', 'a draft is marked so');
  });

  test('reports: issuing needs the narrative and a leader; it numbers, dates and freezes the report', async () => {
    const id = X.r.id;
    const step = (token) => req('POST', `/api/v1/reports/${id}/transition`, { token, json: { to: 'issued' } });
    apiError(await step(await leader()), 422, 'invalid', 'no narrative yet');
    const put = await req('PUT', `/api/v1/reports/${id}`, { token: S.officer, json: {
      results: 'Công tác đối ngoại quý II được triển khai đúng kế hoạch.\n\nCác đoàn được tổ chức an toàn, tiết kiệm.',
      difficulties: 'Kinh phí còn hạn chế.', proposals: 'Đề nghị Bộ Ngoại giao hỗ trợ.',
      signer_authority: 'KT. Giám đốc', signer_title: 'Phó Giám đốc', signer_name: 'Nguyễn Văn An',
    } });
    status(put, 200, 'the narrative saved');
    apiError(await step(S.officer), 403, 'forbidden', 'an officer cannot issue it');
    const s = await step(await leader());
    status(s, 200, 'the leader issues it');
    const r = (await req('GET', `/api/v1/reports/${id}`, { token: S.viewer })).json();
    eq(r.status, 'issued', 'issued');
    ok(/^\d{2,}\/BC-SNgV$/.test(r.symbol), 'its number and symbol, padded', r.symbol);
    eq(Number(r.symbol.split('/')[0]), Number(r.number), 'the symbol holds the number');
    ok(/^\d{4}-\d\d-\d\d$/.test(r.issued_on), 'dated', r.issued_on);
    for (const k of ['frozen_sha', 'pdf_sha', 'docx_sha', 'xlsx_sha', 'html_sha']) ok(/^[0-9a-f]{64}$/.test(r[k]), k, r[k]);
    X.issued = r;
    apiError(await req('PUT', `/api/v1/reports/${id}`, { token: S.officer, json: { proposals: 'Sửa sau khi ban hành' } }), 422, 'invalid', 'an issued report cannot be changed');
    apiError(await req('DELETE', `/api/v1/reports/${id}`, { token: S.officer }), 403, 'forbidden', 'nor deleted');
    // the next report of the year takes the next number
    const r2 = await post('reports', { period: '2035-03', results: 'a', difficulties: 'b', proposals: 'c', signer_title: 'Giám đốc', signer_name: 'Trần B' });
    status(await req('POST', `/api/v1/reports/${r2.id}/transition`, { token: await leader(), json: { to: 'issued' } }), 200, 'a second issued');
    const b2 = (await req('GET', `/api/v1/reports/${r2.id}`, { token: S.viewer })).json();
    eq(Number(b2.number), Number(r.number) + 1, 'numbered in sequence');
  });

  test('reports: the issued files are the frozen bytes, the same after the data changed, from the API, the page and the CLI', async () => {
    const r = X.issued;
    const before = {};
    for (const f of ['pdf', 'docx', 'xlsx', 'html']) {
      before[f] = (await file(r.id, f)).body;
      eq(sha(before[f]), r[`${f}_sha`], `the ${f} is the frozen one`);
    }
    const text = run('pdftotext', ['-layout', save(before.pdf, 'pdf'), '-']);
    includes(text, `Số: ${r.symbol}`, 'the number in the PDF');
    excludes(before.html.toString(), '>DỰ THẢO<', 'no longer marked a draft');
    includes(text, 'Nguyễn Văn An', 'the signer');
    includes(text, 'KT. GIÁM ĐỐC', 'the authority in capitals');
    includes(text, 'Đề nghị Bộ Ngoại giao hỗ trợ.', 'the narrative');
    // the data changes: a fourth delegation in the quarter
    await delegation('KH', 'outbound', '2035-06-01');
    for (const f of ['pdf', 'docx', 'xlsx', 'html'])
      ok(Buffer.compare((await file(r.id, f)).body, before[f]) === 0, `the ${f} is unchanged byte for byte`);
    const web = await adminWeb();
    const page = await req('GET', `/reports/${r.id}/file?format=pdf`, { cookie: web.cookie });
    status(page, 200, 'from the page');
    ok(Buffer.compare(page.body, before.pdf) === 0, 'the page gives the same bytes');
    includes(page.headers['content-disposition'], `${r.symbol.replace('/', '-')}.pdf`, 'named by its symbol');
    const out = path.join(tmp, 'cli.pdf');
    const c = cli(BIN, ['report', '--period', period, '--format', 'pdf', '--out', out, '--db', DB]);
    ok(c.code === 0, 'ngoaivu report', ...describeRun('report', c));
    includes(c.stderr, 'frozen', 'the CLI says it is the frozen copy');
    ok(Buffer.compare(fs.readFileSync(out), before.pdf) === 0, 'the CLI gives the same bytes');
    // a new draft of the same quarter counts the data as it is now
    const d = await post('reports', { period });
    const now = run('pdftotext', ['-layout', save((await file(d.id, 'pdf')).body, 'pdf'), '-']);
    ok(/3 đoàn ra và 1 đoàn vào/.test(now), 'the new draft counts the fourth', now.slice(0, 2000));
    const bad = cli(BIN, ['report', '--period', '2035-Q9', '--format', 'pdf', '--out', out, '--db', DB]);
    ok(bad.code !== 0 && /not a period/.test(bad.stderr), 'the CLI refuses a bad period', bad.stderr);
  });

  test('reports: the XLSX opens in openpyxl with a sheet a section, Vietnamese headers, numbers and dates, and charts', async () => {
    const f = save((await file(X.issued.id, 'xlsx')).body, 'xlsx');
    const listing = run('unzip', ['-l', f]);
    ok(/xl\/charts\/chart1\.xml/.test(listing), 'native Excel charts', listing);
    const py = run(PY, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Đoàn theo quốc gia']
rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=8)]
agr = wb['Thỏa thuận đã ký']
print(json.dumps({'sheets': wb.sheetnames, 'rows': rows, 'fmt': ws.cell(row=4, column=2).number_format}, ensure_ascii=False, default=str))
`, f]);
    const j = JSON.parse(py);
    for (const s of ['Báo cáo', 'Đoàn theo quốc gia', 'Cam kết theo cơ quan', 'Thương mại', 'Mốc quốc giới'])
      ok(j.sheets.includes(s), `a sheet "${s}"`, j.sheets);
    const header = j.rows.find((r) => r[0] === 'Quốc gia');
    ok(header && header[1] === 'Đoàn ra' && header[2] === 'Đoàn vào', 'Vietnamese headers', j.rows);
    const kh = j.rows.find((r) => r[0] === 'Campuchia');
    ok(kh && kh[1] === 2 && kh[2] === 1 && kh[3] === 3, 'numbers as numbers: the frozen 2, 1, 3', j.rows);
  });

  test('reports: the DOCX opens in python-docx with the header, the number and the body; the HTML is a page of its own', async () => {
    const f = save((await file(X.issued.id, 'docx')).body, 'docx');
    const py = run(PY, ['-c', `
import json, sys, docx
d = docx.Document(sys.argv[1])
text = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for c in row.cells:
            text += [p.text for p in c.paragraphs]
s = d.sections[0]
print(json.dumps({'text': text, 'w': s.page_width.mm, 'h': s.page_height.mm, 'left': s.left_margin.mm, 'right': s.right_margin.mm, 'top': s.top_margin.mm, 'bottom': s.bottom_margin.mm}, ensure_ascii=False))
`, f]);
    const j = JSON.parse(py);
    const all = j.text.join('\n');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', `Số: ${X.issued.symbol}`, 'Nơi nhận:', 'Kinh phí còn hạn chế.'])
      includes(all, s, s);
    ok(Math.abs(j.w - 210) < 0.5 && Math.abs(j.h - 297) < 0.5, 'A4', j.w, j.h);
    ok(j.left >= 29.5 && j.left <= 35.5 && j.right >= 14.5 && j.right <= 20.5, 'left 30-35 mm, right 15-20 mm', j.left, j.right);
    ok(j.top >= 19.5 && j.top <= 25.5 && j.bottom >= 19.5 && j.bottom <= 25.5, 'top and bottom 20-25 mm', j.top, j.bottom);
    const html = (await file(X.issued.id, 'html')).text;
    ok(html.startsWith('<!DOCTYPE html>'), 'a document of its own');
    includes(html, '<style>', 'its style sheet inside');
    includes(html, `Số: ${X.issued.symbol}`, 'the number');
    const page = await req('GET', `/reports/${X.issued.id}/document`, { cookie: (await adminWeb()).cookie });
    status(page, 200, 'the document on a page');
    includes(page.text, 'class="doc"', 'drawn on the page');
    includes(page.text, 'Độc lập - Tự do - Hạnh phúc', 'the motto');
  });
}
