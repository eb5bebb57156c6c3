/* Two nodes on one PostgreSQL database behind nginx (round-robin), the deployment of
 * docs/scaling.md in miniature: two more `serve` processes on the suite's database, with
 * `--trusted-proxy 127.0.0.1` and one NGOAIVU_FILES_DIR, and nginx in front of them from a
 * config in this test's own directory. What one node writes the other serves at once (the
 * JSON list, the search, the dashboard, a list page, ETags that follow the data version);
 * the same name created through both at once is stored once; an attachment uploaded
 * through one downloads through the other; one server holds the reminders' lease; all of
 * them stop cleanly. Each check is made through nginx and directly on each node.
 * PostgreSQL only (NGOAIVU_TEST_DB=postgres://...): on SQLite the tests are skipped. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import {
  test, skipTest, ok, eq, includes, excludes, status, apiError, req, freePort, startServer, logTail, sleep,
  server, fail, dbQuery,
} from './lib.mjs';

const NAMES = [
  'multinode: two nodes on one PostgreSQL database behind nginx, round-robin, sharing NGOAIVU_FILES_DIR',
  'multinode: a write through one node is seen at once through the other (list, search, dashboard, list page; ETag and 304)',
  'multinode: the same name created through both nodes at once is stored once (201 and 422 duplicate)',
  'multinode: an attachment uploaded through one node downloads through the other, the same bytes',
  'multinode: one server holds the reminders’ lease; a commitment written through one node is a notice on the other',
  'multinode: both nodes exit 0 on SIGTERM, nginx stops',
];

function multipart(file) {
  const boundary = '----ngoaivu' + crypto.randomBytes(8).toString('hex');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

export function register({ BIN, DB, PG, DIR, LOG, S, uniq, webLogin, U, PW }) {
  if (!PG) {
    for (const n of NAMES) skipTest(n, 'needs PostgreSQL: NGOAIVU_TEST_DB=postgres://...');
    return;
  }
  const dir = path.join(DIR, 'multinode');
  const files = path.join(dir, 'files'); // the nodes' shared NGOAIVU_FILES_DIR
  const M = { nodes: {} };
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const tag = `nutmn${process.pid}`; // one word, for the search and the lists' q=

  /* req() of lib.mjs to port. It takes server.port when called (synchronously), so calls
   * of this may run at once; on() may not (each puts the port back when it ends). */
  function reqAt(port, ...args) {
    const saved = server.port;
    server.port = port;
    try { return req(...args); } finally { server.port = saved; }
  }
  /* Runs fn with the requests of lib.mjs going to port; one at a time. */
  async function on(port, fn) {
    const saved = server.port;
    server.port = port;
    try { return await fn(); } finally { server.port = saved; }
  }
  /* fn(where, port) for nginx, node a and node b, in turn. */
  async function everywhere(fn) {
    for (const [where, port] of [['nginx', M.nginx.port], ['a', M.nodes.a.port], ['b', M.nodes.b.port]])
      await on(port, () => fn(where, port));
  }
  const logOf = async (node) => { await sleep(150); return fs.readFileSync(node.log, 'utf8'); }; // lines are batched
  const viaProxy = (text) => (text.match(/^.*127\.0\.0\.2 via 127\.0\.0\.1 GET \/healthz 200.*$/gm) || []).length;

  async function waitHealthy(what, port, alive) {
    for (const deadline = Date.now() + 20000; ;) {
      if (!alive()) return false;
      const h = await on(port, () => req('GET', '/healthz')).catch(() => null);
      if (h && h.status === 200) return true;
      if (Date.now() > deadline) fail(`${what} did not answer /healthz within 20 s`);
      await sleep(50);
    }
  }

  test(NAMES[0], async () => {
    fs.mkdirSync(files, { recursive: true });
    for (const name of ['a', 'b']) {
      const port = await freePort();
      const log = path.join(dir, `${name}.log`);
      const srv = startServer(BIN, DB, log, port, 2, {
        args: ['--trusted-proxy', '127.0.0.1'], env: { NGOAIVU_FILES_DIR: files },
      });
      const node = { name, port, log, ...srv };
      M.nodes[name] = node;
      process.on('exit', () => { if (srv.child.exitCode === null) srv.child.kill('SIGKILL'); });
      if (!(await waitHealthy(`node ${name}`, port, () => srv.child.exitCode === null)))
        fail(`node ${name} exited at start`, ...logTail(log, 20));
    }
    const port = await freePort();
    const { a, b } = M.nodes;
    const conf = path.join(dir, 'nginx.conf');
    // as root nginx's workers would run as nobody, who may not enter this test's directory
    // (mode 0700) to keep an upload's body: they stay root
    fs.writeFileSync(conf, `${process.getuid && process.getuid() === 0 ? 'user root;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/nginx-access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 25m;
  upstream ngoaivu {
    server 127.0.0.1:${a.port};
    server 127.0.0.1:${b.port};
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://ngoaivu;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # a request goes to one node, once: a failure is not hidden by a retry on the other
      proxy_next_upstream off;
    }
  }
}
`);
    const child = spawn('nginx', ['-p', dir, '-c', conf, '-e', path.join(dir, 'nginx-error.log'), '-g', 'daemon off;'],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    M.nginx = { port, child, exited };
    process.on('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
    if (!(await waitHealthy('nginx', port, () => child.exitCode === null)))
      fail('nginx exited at start', stderr, fs.existsSync(path.join(dir, 'nginx-error.log')) ? fs.readFileSync(path.join(dir, 'nginx-error.log'), 'utf8') : '');
    // round-robin: six requests from 127.0.0.2 through nginx reach both nodes, each of which
    // logs the client nginx names in X-Forwarded-For, and the proxy
    const before = { a: viaProxy(await logOf(a)), b: viaProxy(await logOf(b)) };
    for (let i = 0; i < 6; i++)
      status(await on(port, () => req('GET', '/healthz', { localAddress: '127.0.0.2' })), 200, `request ${i + 1} through nginx`);
    const got = { a: viaProxy(await logOf(a)) - before.a, b: viaProxy(await logOf(b)) - before.b };
    eq(got.a + got.b, 6, 'requests logged as "127.0.0.2 via 127.0.0.1" by the two nodes');
    ok(got.a >= 1 && got.b >= 1, 'nginx sends requests to both nodes', JSON.stringify(got));
  });

  test(NAMES[1], async () => {
    ok(M.nginx && M.nodes.b, 'the nodes and nginx of the test before');
    const { a, b } = M.nodes;
    const list = '/api/v1/partners?country=NZ&limit=200';
    const search = `/api/v1/search?q=${tag}`;
    const web = await on(M.nginx.port, () => webLogin(U.officer, PW.officer)); // a session of the database: every node knows it
    const names = (r) => r.json().items.map((x) => x.name_vi);
    const seen = async (what, wanted, unwanted) => {
      await everywhere(async (where) => {
        let r = await req('GET', list, { token: S.officer });
        status(r, 200, `list through ${where}`);
        if (wanted) ok(names(r).includes(wanted), `${what}: the list through ${where} has "${wanted}"`, JSON.stringify(names(r)));
        if (unwanted) ok(!names(r).includes(unwanted), `${what}: the list through ${where} still has "${unwanted}"`);
        r = await req('GET', search, { token: S.officer });
        status(r, 200, `search through ${where}`);
        const titles = r.json().items.map((x) => x.title);
        if (wanted) ok(titles.includes(wanted), `${what}: the search through ${where} finds "${wanted}"`, JSON.stringify(titles));
        if (unwanted) ok(!titles.includes(unwanted), `${what}: the search through ${where} still finds "${unwanted}"`);
        r = await req('GET', '/partners?country=NZ', { cookie: web.cookie });
        status(r, 200, `list page through ${where}`);
        if (wanted) includes(r.text, wanted, `${what}: the list page through ${where}`);
        if (unwanted) excludes(r.text, unwanted, `${what}: the list page through ${where}`);
      });
    };
    const name = `Vùng Otago ${tag}`;
    await seen('before the write', null, name);
    // ETags: the same answer has the same ETag on both nodes; each node answers 304 to it
    // while nothing is written (once it holds the answer itself)
    const etagOf = async (port, url) => {
      const r = await on(port, () => req('GET', url, { token: S.officer }));
      status(r, 200, `GET ${url} on ${port}`);
      ok(r.headers.etag, `GET ${url}: an ETag`);
      return r.headers.etag;
    };
    const tagA = await etagOf(a.port, list), tagB = await etagOf(b.port, list);
    eq(tagA, tagB, 'the same list has the same ETag on both nodes');
    const dashB = await etagOf(b.port, '/api/v1/dashboard');
    eq(await etagOf(a.port, '/api/v1/dashboard'), dashB, 'the same dashboard has the same ETag on both nodes');
    await everywhere(async (where) => {
      status(await req('GET', list, { token: S.officer, headers: { 'If-None-Match': tagB } }), 304, `list with its ETag through ${where}, nothing written`);
      status(await req('GET', '/api/v1/dashboard', { token: S.officer, headers: { 'If-None-Match': dashB } }), 304, `dashboard with its ETag through ${where}, nothing written`);
    });
    const dash0 = (await on(b.port, () => req('GET', '/api/v1/dashboard', { token: S.officer }))).json();

    // create through a: every node serves it at once
    let r = await on(a.port, () => req('POST', '/api/v1/partners', {
      token: S.officer, json: { kind: 'locality', name_vi: name, country: 'NZ', subdivision: 'NZ-OTA' },
    }));
    status(r, 201, 'create through a');
    const p = r.json();
    await seen('created through a', name, null);
    r = await on(b.port, () => req('GET', list, { token: S.officer, headers: { 'If-None-Match': tagB } }));
    status(r, 200, "b, asked with the ETag it gave before a's write");
    ok(names(r).includes(name), "b's answer is the new list");
    ok(r.headers.etag && r.headers.etag !== tagB, 'with a new ETag', `${tagB} → ${r.headers.etag}`);
    const tagB2 = r.headers.etag;
    status(await on(b.port, () => req('GET', list, { token: S.officer, headers: { 'If-None-Match': tagB2 } })), 304,
      'b answers 304 to its new ETag while nothing more is written');

    // update through b: a and nginx serve the new name at once
    const renamed = `Vùng Otago (đã sửa) ${tag}`;
    r = await on(b.port, () => req('PUT', `/api/v1/partners/${p.id}`, { token: S.officer, json: { version: p.version, name_vi: renamed } }));
    status(r, 200, 'update through b');
    await seen('updated through b', renamed, name);
    await everywhere(async (where) => {
      r = await req('GET', list, { token: S.officer, headers: { 'If-None-Match': tagB2 } });
      status(r, 200, `the ETag of before b's write, through ${where}`);
      ok(names(r).includes(renamed), `through ${where}: the new name`);
      r = await req('GET', `/api/v1/partners/${p.id}`, { token: S.officer });
      eq(r.json().version, 2, `the record through ${where}: version after the update`);
    });

    // the dashboard: an agreement expiring within 90 days, made through a, counted by b at once
    r = await on(a.port, () => req('POST', '/api/v1/agreements', {
      token: S.officer, json: { title_vi: `Thoả thuận ${tag}`, kind: 'mou', partner_ids: [p.id], signed_date: '2024-01-01', valid_to: shift(today, 30) },
    }));
    status(r, 201, 'an expiring agreement through a');
    eq(r.json().status, 'expiring', 'its status');
    M.agreement = r.json().id;
    await everywhere(async (where) => {
      r = await req('GET', '/api/v1/dashboard', { token: S.officer, headers: { 'If-None-Match': dashB } });
      status(r, 200, `the dashboard with its ETag of before the write, through ${where}`);
      eq(r.json().expiring_agreements.count, dash0.expiring_agreements.count + 1, `expiring agreements on the dashboard through ${where}`);
    });
  });

  test(NAMES[2], async () => {
    ok(M.nginx && M.nodes.b, 'the nodes and nginx of the test before');
    const { a, b } = M.nodes;
    const pairs = Array.from({ length: 10 }, (_, i) => `Tỉnh Trùng ${tag} số ${i + 1}`);
    const create = (port, name_vi) => reqAt(port, 'POST', '/api/v1/partners', {
      token: S.officer, json: { kind: 'ngo', name_vi, country: 'LA' },
    });
    // all 20 at once: each request holds its own connection, so the two of a pair race
    const res = await Promise.all(pairs.flatMap((n) => [create(a.port, n), create(b.port, n)]));
    for (let i = 0; i < pairs.length; i++) {
      const [ra, rb] = [res[2 * i], res[2 * i + 1]];
      const sts = [ra.status, rb.status].sort().join(' and ');
      ok(sts === '201 and 422', `"${pairs[i]}" through a and b at once: expected 201 and 422, got ${sts}`,
        `a: ${ra.text.slice(0, 300)}`, `b: ${rb.text.slice(0, 300)}`);
      const refused = ra.status === 422 ? ra : rb;
      eq(apiError(refused, 422, 'invalid', `the refused "${pairs[i]}"`).fields?.name_vi?.code, 'duplicate', 'fields.name_vi.code');
    }
    await everywhere(async (where) => {
      const r = await req('GET', `/api/v1/partners?q=${tag}&country=LA&limit=100`, { token: S.officer });
      status(r, 200, `list through ${where}`);
      for (const n of pairs)
        eq(r.json().items.filter((x) => x.name_vi === n).length, 1, `"${n}" in the list through ${where}`);
    });
    const q = dbQuery(DB, `SELECT count(*) FROM partners WHERE name_vi LIKE 'Tỉnh Trùng ${tag} số %'`);
    eq(q.status, 0, `psql: ${q.stderr}`);
    eq(q.stdout.trim(), String(pairs.length), 'rows in the database');
  });

  test(NAMES[3], async () => {
    ok(M.agreement, 'the agreement of the test before');
    const { a, b } = M.nodes;
    const pdf = (n) => Buffer.concat([Buffer.from(`%PDF-1.4\n% biên bản đã ký ${tag} ${n}\n`), crypto.randomBytes(900 * 1024), Buffer.from('\n%%EOF\n')]);
    const url = `/api/v1/agreements/${M.agreement}/attachments`;
    for (const [from, port, others] of [['a', a.port, [['b', b.port], ['nginx', M.nginx.port]]],
      ['nginx', M.nginx.port, [['a', a.port], ['b', b.port]]]]) {
      const data = pdf(from);
      const m = multipart({ name: `Biên bản qua ${from}.pdf`, data });
      let r = await on(port, () => req('POST', url, { token: S.officer, body: m.body, headers: m.headers }));
      status(r, 201, `upload through ${from}`);
      const att = r.json();
      eq(att.sha256, sha256(data), `the sha256 of the upload through ${from}`);
      const file = path.join(files, att.sha256.slice(0, 2), att.sha256.slice(2));
      ok(fs.existsSync(file), `the file is in the shared NGOAIVU_FILES_DIR (${file})`);
      for (const [where, p] of others) {
        r = await on(p, () => req('GET', att.url, { token: S.viewer }));
        status(r, 200, `download through ${where} of what was uploaded through ${from}`);
        eq(r.body.length, data.length, `bytes through ${where}`);
        eq(sha256(r.body), att.sha256, `sha256 of the download through ${where}`);
        r = await on(p, () => req('GET', url, { token: S.viewer }));
        ok(r.json().items.some((x) => x.sha256 === att.sha256), `listed on the agreement through ${where}`);
      }
    }
  });

  test(NAMES[4], async () => {
    ok(M.nodes.b, 'the nodes of the first test');
    const { a, b } = M.nodes;
    const q = dbQuery(DB, "SELECT holder, expires - CAST(extract(epoch FROM now()) AS BIGINT) FROM leases WHERE name = 'remind'");
    eq(q.status, 0, `psql: ${q.stderr}`);
    const rows = q.stdout.trim().split('\n').filter(Boolean);
    eq(rows.length, 1, 'rows of the lease');
    const [holder, left] = rows[0].split('|');
    ok(Number(left) > 0, 'the lease is current', rows[0]);
    const pid = Number(holder.split(':')[1]);
    const logs = { a: await logOf(a), b: await logOf(b), suite: fs.readFileSync(LOG, 'utf8') };
    const sweeps = Object.entries(logs).filter(([, t]) => t.includes(`reminders: this node sweeps (lease 'remind' held by ${holder} `)).map(([k]) => k);
    eq(sweeps.length, 1, `servers whose log says they hold the lease ${holder}`);
    if (sweeps[0] !== 'suite') eq(pid, M.nodes[sweeps[0]].child.pid, `the holder's pid is ${sweeps[0]}'s`);
    else ok(pid !== a.child.pid && pid !== b.child.pid, 'the suite’s server holds it, not a or b');
    for (const n of ['a', 'b'])
      if (sweeps[0] !== n) excludes(logs[n], 'reminders: this node sweeps', `${n}, which does not hold the lease, has never swept`);
    // a commitment due in two days written through a: its "due soon" notice (made by the
    // holder, whichever server it is) is listed through b and nginx at once
    let r = await on(b.port, () => req('POST', '/api/v1/agencies', { token: S.officer, json: { name_vi: `Sở Y tế ${tag}`, kind: 'health' } }));
    status(r, 201, 'an agency through b');
    r = await on(a.port, () => req('POST', '/api/v1/commitments', {
      token: S.officer, json: { title: `Cam kết ${tag}`, source: 'meeting', meeting: 'Họp giao ban', agency_id: r.json().id, deadline: shift(today, 2) },
    }));
    status(r, 201, 'a commitment through a');
    const id = r.json().id;
    await everywhere(async (where) => {
      const n = await req('GET', '/api/v1/notifications?limit=200', { token: S.officer });
      status(n, 200, `notifications through ${where}`);
      ok(n.json().items.some((x) => x.record_id === id && x.kind === 'due_soon'), `the notice through ${where}`);
    });
  });

  test(NAMES[5], async () => {
    for (const node of Object.values(M.nodes)) {
      if (node.child.exitCode !== null) fail(`${node.name} had already exited with ${node.child.exitCode}`, ...logTail(node.log));
      node.child.kill('SIGTERM');
      const res = await Promise.race([node.exited, sleep(10000).then(() => null)]);
      ok(res, `${node.name} stops within 10 s of SIGTERM`);
      eq(res.signal, null, `${node.name}: terminating signal`);
      eq(res.code, 0, `${node.name}: exit code (86: LeakSanitizer found a leak)`);
      const reports = fs.readFileSync(node.log, 'utf8').split('\n').filter((x) => /AddressSanitizer|LeakSanitizer|runtime error:/.test(x));
      eq(reports.length, 0, `sanitizer reports in ${node.name}'s log`);
    }
    ok(M.nginx && M.nginx.child.exitCode === null, 'nginx still runs');
    M.nginx.child.kill('SIGTERM');
    const res = await Promise.race([M.nginx.exited, sleep(10000).then(() => null)]);
    ok(res, 'nginx stops within 10 s of SIGTERM');
    ok(!fs.existsSync(path.join(dir, 'nginx.pid')), 'nginx removed its pid file');
  });
}
