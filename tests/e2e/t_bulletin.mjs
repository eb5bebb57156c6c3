/* The public bulletin: articles readers see only once a leader published them (at a time that
 * comes without a write), pages answered with no login and kept in memory with 304s, what an
 * editor or a reader typed escaped, the Atom feed read by a real feed parser (python3-
 * feedparser) and the site map by xmllint, comments held for moderation (approved in bulk on
 * the queue, a honeypot, a rate per client), and a commenter's e-mail in no public page, feed,
 * unauthenticated API answer, export, audit entry or log line. Revisions restored; an article
 * started from a delegation; an image attached served resized and without its metadata. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun, skip, sleep, csrfOf, multipart } from './lib.mjs';

const PY = '/usr/bin/python3'; /* Debian's, with python3-feedparser */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ngv-bulletin-'));
const run = (cmd, args, input) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000, input });
  if (r.error && r.error.code === 'ENOENT') skip(`${cmd} is not installed`);
  ok(r.status === 0, `${cmd} ${args.join(' ')}`, r.stderr, r.stdout.slice(0, 500));
  return r.stdout;
};

/* A PNG of w x h pixels with a text chunk (metadata a copy must not keep). */
function png(w, h, text) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; /* 8-bit RGB */
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) { row[1 + x * 3] = (x * 255 / w) | 0; row[2 + x * 3] = (y * 255 / h) | 0; row[3 + x * 3] = 90; }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0))]);
}

export function register({ S, BIN, DB, LOG, uniq, adminWeb }) {
  const X = {};
  const vnNow = (mins = 0) => new Date(Date.now() + 7 * 3600 * 1000 + mins * 60000).toISOString().slice(0, 16).replace('T', ' ');
  const post = async (table, json, token = S.officer, code = 201) => {
    const r = await req('POST', `/api/v1/${table}`, { token, json });
    status(r, code, `${table} ${JSON.stringify(json).slice(0, 200)}`);
    return r.json();
  };
  const leader = async () => {
    if (X.leader) return X.leader;
    const r = cli(BIN, ['user', 'add', 'lanhdao-tapsan', '--role', 'leader', '--db', DB], 'lanhdao-ts-123\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const l = await req('POST', '/api/v1/login', { json: { username: 'lanhdao-tapsan', password: 'lanhdao-ts-123' } });
    status(l, 200, 'leader login');
    X.leader = l.json().token;
    return X.leader;
  };
  const publish = async (id, at) => {
    const r = await req('POST', `/api/v1/articles/${id}/transition`, { token: await leader(), json: at ? { to: 'published', publish_at: at } : { to: 'published' } });
    status(r, 200, `publish article ${id}`);
    return r.json();
  };
  const page = (p, opts = {}) => req('GET', p, opts); /* no token, no cookie: a stranger */
  const email = `ban-doc-bi-mat-${Date.now()}@example.org`;

  test('bulletin: an article is public only once a leader publishes it; what its editor typed is escaped', async () => {
    const cats = (await req('GET', '/api/v1/bulletin_categories?limit=50', { token: S.viewer })).json().items;
    X.cat = cats.find((c) => c.slug === 'tin-tuc');
    ok(X.cat, 'the seeded categories', JSON.stringify(cats));
    const a = await post('articles', {
      title_vi: `<script>alert("tiêu đề")</script> Hợp tác biên giới ${uniq('')}`, category_id: X.cat.id,
      summary_vi: 'Tóm tắt <b>in đậm</b> & "ngoặc"',
      body_vi: '## Kết quả\n\nHai tỉnh **thống nhất** kế hoạch. <img src=x onerror=alert(1)>\n\n[bấm](javascript:alert(2)) và [trang Bộ](https://mofa.gov.vn/)\n',
      tags: 'Lào, Hợp tác biên giới', title_lo: 'ການຮ່ວມມືຊາຍແດນ ແຂວງອັດຕະປື', body_lo: 'ສອງແຂວງ ຕົກລົງ ແຜນການ.',
      title_en: 'Border cooperation', body_en: 'The two provinces **agreed** on a plan.',
    });
    eq(a.status, 'draft', 'a draft');
    ok(/^script-alert-tieu-de-script-hop-tac-bien-gioi/.test(a.slug), 'its address from its title, without diacritics', a.slug);
    X.a = a;
    status(await page(`/bulletin/vi/a/${a.slug}`), 404, 'a draft is no public page');
    apiError(await req('POST', `/api/v1/articles/${a.id}/transition`, { token: S.officer, json: { to: 'published' } }), 403, 'forbidden', 'an officer cannot publish');
    const p = await publish(a.id);
    ok(/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(p.publish_at), 'published now: the time noted', p.publish_at);
    const r = await page(`/bulletin/vi/a/${a.slug}`);
    status(r, 200, 'the article to a stranger');
    excludes(r.text, '<script>alert', 'the title escaped');
    includes(r.text, '&lt;script&gt;alert(&quot;tiêu đề&quot;)&lt;/script&gt;', 'shown as text');
    excludes(r.text, 'onerror', 'raw HTML in the Markdown dropped');
    excludes(r.text, 'javascript:', 'a javascript: link dropped');
    includes(r.text, '<strong>thống nhất</strong>', 'the Markdown rendered');
    includes(r.text, 'href="https://mofa.gov.vn/" rel="nofollow noopener"', 'an outside link, nofollow');
    includes(r.text, 'Tóm tắt &lt;b&gt;in đậm&lt;/b&gt; &amp; &quot;ngoặc&quot;', 'the summary escaped');
    includes(r.headers['content-security-policy'], "default-src 'none'", 'the same strict CSP');
    includes(r.text, '<meta property="og:title"', 'Open Graph');
    includes(r.text, `hreflang="lo" href="`, 'its Lao version named');
    includes(r.text, `hreflang="en" href="`, 'its English version named');
    const lo = await page(`/bulletin/lo/a/${a.slug}`);
    status(lo, 200, 'in Lao');
    includes(lo.text, 'ການຮ່ວມມືຊາຍແດນ ແຂວງອັດຕະປື', 'the Lao title');
    includes(lo.text, '<html lang="lo">', 'marked Lao');
    const front = await page('/bulletin/vi');
    status(front, 200, 'the front page');
    includes(front.text, `/bulletin/vi/a/${a.slug}`, 'lists it');
    const root = await page('/bulletin', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    eq(`${root.status} ${root.headers.location}`, '303 /bulletin/en', 'to the reader\'s language');
  });

  test('bulletin: pages are answered 304 while nothing changes, and change when an article is published', async () => {
    const first = await page('/bulletin/vi');
    const etag = first.headers.etag, lm = first.headers['last-modified'];
    ok(etag && lm, 'an ETag and a Last-Modified', JSON.stringify(first.headers));
    eq((await page('/bulletin/vi', { headers: { 'If-None-Match': etag } })).status, 304, 'If-None-Match: 304');
    eq((await page('/bulletin/vi', { headers: { 'If-Modified-Since': lm } })).status, 304, 'If-Modified-Since: 304');
    const head = await req('HEAD', '/bulletin/vi');
    eq(`${head.status} ${head.headers['content-length']} ${head.headers.etag}`,
      `200 ${Buffer.byteLength(first.text)} ${etag}`, 'HEAD: the headers of the GET, its length');
    eq(head.text, '', 'and no body');
    const b = await post('articles', { title_vi: uniq('Tin thứ hai'), category_id: X.cat.id, body_vi: 'Nội dung hai.' });
    await publish(b.id);
    const again = await page('/bulletin/vi', { headers: { 'If-None-Match': etag } });
    eq(again.status, 200, 'a new article: the page again');
    includes(again.text, `/bulletin/vi/a/${b.slug}`, 'with it');
    X.b = b;
  });

  test('bulletin: an article published for a time appears when the time comes, with no write', async () => {
    const c = await post('articles', { title_vi: uniq('Tin hẹn giờ'), category_id: X.cat.id, body_vi: 'Đăng sau.' });
    apiError(await req('POST', `/api/v1/articles/${c.id}/transition`, { token: await leader(), json: { to: 'published', publish_at: '2026-13-01 08:00' } }), 422, 'invalid', 'no thirteenth month');
    const at = vnNow(1); /* the next minute */
    const p = await publish(c.id, at);
    eq(p.publish_at, at, 'published for the next minute');
    includes((await page('/bulletin/vi/feed.atom')).text, '<feed', 'the feed read once (kept)');
    excludes((await page('/bulletin/vi')).text, c.slug, 'not yet on the front page');
    status(await page(`/bulletin/vi/a/${c.slug}`), 404, 'nor on its own');
    const deadline = Date.now() + 75000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      await sleep(2000);
      shown = (await page('/bulletin/vi')).text.includes(c.slug);
    }
    ok(shown, 'on the front page once its minute came');
    status(await page(`/bulletin/vi/a/${c.slug}`), 200, 'and on its own');
  }, { timeoutMs: 100000 });

  test('bulletin: a comment waits for moderation; approved in bulk it shows its name and text, never its e-mail', async () => {
    const a = X.a;
    const form = (extra = {}, opts = {}) => req('POST', `/bulletin/vi/a/${a.slug}/comments`, {
      form: { name: 'Bạn đọc <i>Lào</i>', email, body: 'Bài hay! <script>x()</script> Xem http://spam.example/x', ...extra }, ...opts,
    });
    const r = await form();
    eq(`${r.status} ${r.headers.location}`, `303 /bulletin/vi/a/${a.slug}?sent=1#comments`, 'sent: thanked');
    const thanks = await page(`/bulletin/vi/a/${a.slug}?sent=1`);
    includes(thanks.text, 'sẽ được đăng sau khi duyệt', 'the thanks says it waits');
    excludes((await page(`/bulletin/vi/a/${a.slug}`)).text, 'Bạn đọc &lt;i&gt;Lào', 'not public while pending');
    // the honeypot: a program that fills the hidden field is thanked and forgotten
    const before = (await req('GET', '/api/v1/comments?limit=1', { token: S.admin })).json().total;
    const bot = await form({ website: 'http://bot.example', name: 'Robot' });
    eq(bot.status, 303, 'the honeypot filled: thanked');
    eq((await req('GET', '/api/v1/comments?limit=1', { token: S.admin })).json().total, before, 'but nothing kept');
    // a comment with a missing e-mail keeps what was typed and says why
    const bad = await form({ email: '' });
    eq(bad.status, 422, 'no e-mail: refused');
    includes(bad.text, 'Bài hay! &lt;script&gt;x()&lt;/script&gt;', 'the text kept, escaped');
    includes(bad.text, 'class="error"', 'the reason next to it');
    // moderation: listed with its links marked, approved in bulk
    const w = await adminWeb();
    const q = await req('GET', '/moderation', { cookie: w.cookie });
    status(q, 200, 'the moderation queue');
    includes(q.text, email, 'the staff see the e-mail');
    includes(q.text, 'Có đường dẫn', 'its links marked');
    const ids = [...q.text.matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1]);
    ok(ids.length >= 1, 'comments to moderate', ids);
    const applied = await req('POST', '/moderation', { cookie: w.cookie, form: [['csrf', csrfOf(q.text)], ['from', 'pending'], ...ids.map((i) => ['id', i]), ['to', 'approved']] });
    eq(applied.status, 303, 'approved in bulk');
    includes(applied.headers.location, `done=${ids.length}`, 'all of them');
    const shown = await page(`/bulletin/vi/a/${a.slug}`);
    includes(shown.text, 'Bạn đọc &lt;i&gt;Lào&lt;/i&gt;', 'the name, escaped');
    includes(shown.text, 'Bài hay! &lt;script&gt;x()&lt;/script&gt; Xem http://spam.example/x', 'the text, escaped, its link not a link');
    excludes(shown.text, 'href="http://spam.example', 'a link in a comment is never a link');
    X.comments = ids;
  });

  test('bulletin: pages are kept through writes they do not show (a comment waiting, a partner), made again when one is approved', async () => {
    const a = X.a;
    const paths = ['/bulletin/vi', `/bulletin/vi/a/${a.slug}`];
    const tags = {};
    for (const p of paths) tags[p] = (await page(p)).headers.etag;
    const sent = await req('POST', `/bulletin/vi/a/${a.slug}/comments`, {
      form: { name: 'Người chờ duyệt', email: `cho-${Date.now()}@example.org`, body: uniq('Ý kiến đang chờ') },
    });
    eq(sent.status, 303, 'a comment sent');
    status(await req('POST', '/api/v1/partners', { token: S.officer, json: { name_vi: uniq('Đối tác không lên tập san'), kind: 'ngo', country: 'LA' } }), 201, 'a partner added');
    for (const p of paths)
      eq((await page(p, { headers: { 'If-None-Match': tags[p] } })).status, 304, `${p}: still the same page (304)`);
    const w = await adminWeb();
    const q = await req('GET', '/moderation', { cookie: w.cookie });
    const ids = [...q.text.matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1]);
    ok(ids.length >= 1, 'the comment waits', ids);
    status(await req('POST', '/moderation', { cookie: w.cookie, form: [['csrf', csrfOf(q.text)], ['from', 'pending'], ...ids.map((i) => ['id', i]), ['to', 'approved']] }), 303, 'approved');
    const art = await page(paths[1], { headers: { 'If-None-Match': tags[paths[1]] } });
    eq(art.status, 200, 'the article is made again');
    includes(art.text, 'Người chờ duyệt', 'with the comment');
    X.comments.push(...ids);
  });

  test('bulletin: a page asked for under a foreign Host is not served to others (its links are made with the Host)', async () => {
    const c = await post('articles', { title_vi: uniq('Tin mới cho tên lạ'), category_id: X.cat.id, body_vi: 'Nội dung.' });
    await publish(c.id); /* the front page is made again at its next request: the stranger's */
    const p = '/bulletin/vi';
    const evil = await page(p, { headers: { Host: 'ke-gia-mao.example' } });
    includes(evil.text, 'http://ke-gia-mao.example/', 'the stranger gets links to the name they asked under');
    const mine = await page(p);
    excludes(mine.text, 'ke-gia-mao.example', 'the others never');
  });

  test('bulletin: the e-mail of a commenter is in no public page, feed, API answer for a stranger, export, audit or log', async () => {
    const a = X.a;
    const pages = ['/bulletin/vi', '/bulletin/en', '/bulletin/lo', '/bulletin/km', `/bulletin/vi/a/${a.slug}`,
      `/bulletin/en/a/${a.slug}`, `/bulletin/lo/a/${a.slug}`, `/bulletin/km/a/${a.slug}`, `/bulletin/vi/c/${X.cat.slug}`,
      '/bulletin/vi/t/lao', '/bulletin/vi/search?q=hop+tac', '/bulletin/vi/feed.atom', '/bulletin/en/feed.atom',
      '/bulletin/lo/feed.atom', '/bulletin/km/feed.atom', '/sitemap.xml', '/robots.txt',
      `/api/v1/comments`, `/api/v1/comments/${X.comments[0]}`, `/api/v1/articles/${a.id}`];
    for (const p of pages) {
      const r = await page(p);
      ok(r.status < 500, `${p}: answered`, r.status);
      excludes(r.text, email, `${p}: no e-mail`);
      excludes(r.text, 'ban-doc-bi-mat', `${p}: not even its part`);
    }
    const csv = await req('GET', '/api/v1/comments?format=csv&limit=500', { token: S.admin });
    status(csv, 200, 'export as CSV');
    includes(csv.text, 'Bạn đọc', 'the CSV export has the comment');
    excludes(csv.text, 'ban-doc-bi-mat', 'but not its e-mail');
    const xf = path.join(tmp, 'comments.xlsx');
    fs.writeFileSync(xf, (await req('GET', '/api/v1/comments?format=xlsx&limit=500', { token: S.admin })).body);
    const inside = run('unzip', ['-p', xf]);
    includes(inside, 'Bạn đọc', 'the Excel export has the comment');
    excludes(inside, 'ban-doc-bi-mat', 'but not its e-mail');
    for (const f of ['csv', 'json']) {
      const c = cli(BIN, ['export', 'comments', '--format', f, '--db', DB]);
      ok(c.code === 0, `the CLI export as ${f}`, c.stderr);
      includes(c.stdout, 'Bạn đọc', `the ${f} export has the comment`);
      excludes(c.stdout, 'ban-doc-bi-mat', 'but not its e-mail');
    }
    const audit = await req('GET', `/api/v1/audit?entity=comment&id=${X.comments[0]}`, { token: S.admin });
    status(audit, 200, 'its audit entries');
    includes(audit.text, 'Bạn đọc', 'there');
    excludes(audit.text, 'ban-doc-bi-mat', 'without the e-mail');
    excludes(fs.readFileSync(LOG, 'utf8'), 'ban-doc-bi-mat', 'nor in the server log');
    // staff do see it, on the comment's page and in its API answer
    includes((await req('GET', `/api/v1/comments/${X.comments[0]}`, { token: S.viewer })).text, email, 'a staff API answer has it');
  });

  test('bulletin: a client sending many comments is held back', async () => {
    const send = () => req('POST', `/bulletin/vi/a/${X.b.slug}/comments`, { localAddress: '127.0.0.7', form: { name: 'Nhiều lần', email: 'a@example.org', body: 'Lần nữa' } });
    for (let i = 0; i < 5; i++) eq((await send()).status, 303, `comment ${i + 1}`);
    const r = await send();
    eq(r.status, 429, 'the sixth in ten minutes: held');
    ok(Number(r.headers['retry-after']) > 0, 'saying when to try again', r.headers['retry-after']);
    eq((await req('POST', `/bulletin/vi/a/${X.b.slug}/comments`, { localAddress: '127.0.0.8', form: { name: 'Người khác', email: 'b@example.org', body: 'Một lần' } })).status, 303, 'another client is not');
  });

  test('bulletin: the Atom feed parses in feedparser, the site map in xmllint', async () => {
    const f = path.join(tmp, 'vi.atom');
    fs.writeFileSync(f, (await page('/bulletin/vi/feed.atom')).body);
    const out = JSON.parse(run(PY, ['-c', `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({'bozo': int(d.bozo), 'version': d.version, 'title': d.feed.get('title'), 'lang': d.feed.get('language'),
  'entries': [{'title': e.title, 'link': e.link, 'published': e.get('published')} for e in d.entries]}, ensure_ascii=False))
`, f]));
    eq(`${out.bozo} ${out.version}`, '0 atom10', 'a well-formed Atom 1.0 feed');
    eq(out.title, 'Tập san đối ngoại', 'its title');
    const e = out.entries.find((x) => x.link.endsWith(`/bulletin/vi/a/${X.a.slug}`));
    ok(e, 'the article in it, with an absolute link', JSON.stringify(out.entries.slice(0, 3)));
    includes(e.title, '<script>alert("tiêu đề")</script>', 'its title as text (escaped in the XML)');
    const en = path.join(tmp, 'en.atom');
    fs.writeFileSync(en, (await page('/bulletin/en/feed.atom')).body);
    const eo = JSON.parse(run(PY, ['-c', 'import json,sys,feedparser; d=feedparser.parse(sys.argv[1]); print(json.dumps([e.title for e in d.entries]))', en]));
    ok(eo.includes('Border cooperation'), 'the English feed has the English version', eo);
    ok(!eo.some((t) => t.startsWith('Tin thứ hai')), 'and not an article without one', eo);
    const sm = path.join(tmp, 'sitemap.xml');
    fs.writeFileSync(sm, (await page('/sitemap.xml')).body);
    run('xmllint', ['--noout', sm]);
    const text = fs.readFileSync(sm, 'utf8');
    includes(text, `/bulletin/lo/a/${X.a.slug}</loc>`, 'the Lao address');
    includes(text, 'hreflang="en"', 'with its alternates');
    excludes(text, `/bulletin/en/a/${X.b.slug}</loc>`, 'a Vietnamese-only article has no English address');
    includes(text, `/bulletin/vi/a/${X.b.slug}</loc>`, 'in Vietnamese only');
  });

  test('bulletin: issues, categories, tags and search without diacritics list what is published', async () => {
    const is = await post('bulletin_issues', { number: 900 + Math.floor(Math.random() * 90), published_on: vnNow().slice(0, 10) });
    includes(is.title_vi, 'Tập san đối ngoại số', 'an issue named by its number');
    status(await req('PUT', `/api/v1/articles/${X.a.id}`, { token: S.officer, json: { issue_id: is.id } }), 200, 'the article in it');
    const ip = await page(`/bulletin/vi/issues/${is.number}`);
    status(ip, 200, 'the issue page');
    includes(ip.text, `/bulletin/vi/a/${X.a.slug}`, 'lists the article');
    includes((await page(`/bulletin/vi/c/${X.cat.slug}`)).text, X.a.slug, 'the category lists it');
    includes((await page('/bulletin/vi/t/hop-tac-bien-gioi')).text, X.a.slug, 'its tag lists it');
    includes((await page('/bulletin/vi/search?q=hop%20tac%20bien%20gioi')).text, X.a.slug, 'found without diacritics');
    const d = await post('articles', { title_vi: uniq('Bản nháp bí mật'), category_id: X.cat.id, body_vi: 'hop tac bien gioi nhap' });
    excludes((await page('/bulletin/vi/search?q=ban%20nhap%20bi%20mat')).text, d.slug, 'a draft is never found');
    // the whole issue as a PDF to print, in Vietnamese and in Lao
    for (const lang of ['vi', 'lo']) {
      const pdf = await page(`/bulletin/${lang}/issues/${is.number}/pdf`);
      status(pdf, 200, `the issue's PDF (${lang})`);
      includes(pdf.headers['content-type'], 'application/pdf', 'a PDF');
      const f = path.join(tmp, `issue-${lang}.pdf`);
      fs.writeFileSync(f, pdf.body);
      includes(run('pdfinfo', [f]), 'A4', 'A4');
      const fonts = run('pdffonts', [f]).split('\n').slice(2).filter((l) => l.trim());
      ok(fonts.every((l) => / yes /.test(l)), 'its fonts embedded', fonts.join('\n'));
      const text = run('pdftotext', ['-raw', f, '-']);
      if (lang === 'vi') {
        includes(text, is.title_vi, 'the issue\'s title');
        includes(text, 'Hợp tác biên giới', 'the article\'s title');
        excludes(text, 'onerror', 'no raw HTML');
      } else {
        ok(fonts.some((l) => /NotoSansLao/.test(l)), 'Lao through the Noto font', fonts.join('\n'));
        includes(text, 'ການຮ່ວມມືຊາຍແດນ', 'the Lao title');
      }
      eq((await page(`/bulletin/${lang}/issues/${is.number}/pdf`, { headers: { 'If-None-Match': pdf.headers.etag } })).status, 304, 'kept: 304');
    }
    X.issue = is;
  });

  test('bulletin: an earlier version is restored from the history; an article is started from a delegation', async () => {
    const a = X.b;
    status(await req('PUT', `/api/v1/articles/${a.id}`, { token: S.officer, json: { body_vi: 'Nội dung đã sửa.' } }), 200, 'edited');
    const hist = (await req('GET', `/api/v1/audit?entity=article&id=${a.id}`, { token: S.admin })).json();
    const items = hist.items || hist;
    const created = items.find((h) => h.action === 'create');
    ok(created, 'its creation in the history', JSON.stringify(items).slice(0, 300));
    const w = await adminWeb();
    const show = await req('GET', `/articles/${a.id}`, { cookie: w.cookie });
    includes(show.text, 'Khôi phục phiên bản này', 'the page offers to restore');
    const cur = (await req('GET', `/api/v1/articles/${a.id}`, { token: S.viewer })).json();
    const r = await req('POST', `/articles/${a.id}/restore`, { cookie: w.cookie, form: { csrf: csrfOf(show.text), audit: String(created.id), version: String(cur.version) } });
    eq(r.status, 303, 'restored');
    eq((await req('GET', `/api/v1/articles/${a.id}`, { token: S.viewer })).json().body_vi, 'Nội dung hai.', 'the first text again');
    // from a delegation
    const dl = (await req('GET', '/api/v1/delegations?status=reported&limit=1', { token: S.viewer })).json().items[0];
    ok(dl, 'a reported delegation of the demo');
    const page1 = await req('GET', `/delegations/${dl.id}`, { cookie: w.cookie });
    includes(page1.text, `action="/articles/from/delegations/${dl.id}"`, 'its page offers an article');
    const f = await req('POST', `/articles/from/delegations/${dl.id}`, { cookie: w.cookie, form: { csrf: csrfOf(page1.text) } });
    eq(f.status, 303, 'a draft made');
    const id = Number(f.headers.location.match(/\/articles\/(\d+)\/edit/)[1]);
    const art = (await req('GET', `/api/v1/articles/${id}`, { token: S.viewer })).json();
    eq(`${art.status} ${art.source_table} ${art.source_id}`, `draft delegations ${dl.id}`, 'a draft from the delegation');
    eq(art.title_vi, dl.title, 'its title');
    includes(art.body_vi, '**Quốc gia:**', 'its facts');
  });

  test('bulletin: an image attached is served resized, without its metadata, once the article is public', async () => {
    const a = await post('articles', { title_vi: uniq('Bài có ảnh'), category_id: X.cat.id, body_vi: 'Ảnh.' });
    const m = multipart({}, { name: 'anh.png', type: 'image/png', data: png(1200, 600, 'SECRET-META-GPS') });
    const up = await req('POST', `/api/v1/articles/${a.id}/attachments`, { token: S.officer, body: m.body, headers: m.headers });
    status(up, 201, 'attached');
    const sha = up.json().sha256;
    status(await page(`/bulletin/images/${sha}/480`), 404, 'not before the article is public');
    await publish(a.id);
    const img = await page(`/bulletin/images/${sha}/480`);
    status(img, 200, 'then served');
    includes(img.headers['content-type'], 'image/', 'an image');
    const b = img.body;
    const isPng = b[0] === 0x89;
    const width = isPng ? b.readUInt32BE(16) : null;
    if (isPng) eq(width, 480, 'resized to 480');
    ok(!b.includes(Buffer.from('SECRET-META')), 'its metadata stripped');
    status(await page(`/bulletin/images/${sha}/123`), 404, 'only the widths offered');
    const pg = await page(`/bulletin/vi/a/${a.slug}`);
    includes(pg.text, `srcset="/bulletin/images/${sha}/480 480w`, 'the page offers the widths');
    includes(pg.text, `og:image" content="http`, 'and an absolute Open Graph image');
  });
}
