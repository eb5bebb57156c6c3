/* migrate-db: a department's whole database copied into another, read back and compared.
 * A fresh SQLite demo of its own, with an attachment uploaded through a server, is copied
 * into another SQLite file, and into the PostgreSQL database NGOAIVU_TEST_PG_URI names (an
 * empty database or schema; those tests are skipped without it). A copy whose rows come out
 * changed (a trigger in the target) is found out and leaves nothing behind; a second run
 * refuses the full target; the PostgreSQL copy, served beside the original, answers the
 * same API calls with the same bodies. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test, skip, ok, eq, deepEq, includes, status, req, describeRun, freePort, sleep, server, fail, dbQuery } from './lib.mjs';

export function register({ BIN, DIR }) {
  const dir = path.join(DIR, 'migrate');
  const src = path.join(dir, 'f.db');
  const URI = process.env.NGOAIVU_TEST_PG_URI;
  // the PostgreSQL copy's attachments: in its database (pg.c: no NGOAIVU_FILES_DIR)
  const env = { ...process.env };
  delete env.NGOAIVU_FILES_DIR;
  const M = {};
  const pdf = Buffer.from('%PDF-1.4\n% biên bản chuyển sang PostgreSQL\n%%EOF\n');

  const run = (args) => {
    const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000, env, input: '' });
    return { code: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
  };
  const sqlite = (db, sql) => {
    const r = dbQuery(db, sql);
    ok(r.status === 0, `sqlite3 ${sql}`, r.stderr);
    return r.stdout.trim();
  };
  const psql = (sql) => {
    const r = dbQuery(URI, sql);
    ok(r.status === 0, `psql ${sql}`, r.stderr);
    return r.stdout.trim();
  };
  /* The report's lines: { table: {rows, sum, ok} }, and its last line. */
  const report = (out) => {
    const lines = {};
    for (const m of out.matchAll(/^(\w+)\s+(\d+) (?:rows|files)\s+checksum ([0-9a-f]{16})\s+(.*)$/gm))
      lines[m[1]] = { rows: Number(m[2]), sum: m[3], ok: m[4] === 'ok', text: m[0] };
    return { lines, last: out.trim().split('\n').pop() };
  };
  const migrate = (to, ...more) => run(['migrate-db', '--from', src, '--to', to, ...more]);

  /* A server on db: resolves once /healthz answers. */
  async function start(name, db) {
    const port = await freePort();
    const log = path.join(dir, `${name}.log`);
    const fd = fs.openSync(log, 'a');
    const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--threads', '2'],
      { stdio: ['ignore', fd, fd], env });
    fs.closeSync(fd);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    process.on('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
    const node = { name, child, port, log, exited };
    for (const deadline = Date.now() + 20000; ;) {
      if (child.exitCode !== null) fail(`server ${name} exited at start`, fs.readFileSync(log, 'utf8').slice(-1500));
      const h = await on(node, () => req('GET', '/healthz')).catch(() => null);
      if (h && h.status === 200) return node;
      if (Date.now() > deadline) fail(`server ${name} did not answer /healthz`);
      await sleep(50);
    }
  }
  async function stop(node) {
    node.child.kill('SIGTERM');
    const r = await Promise.race([node.exited, sleep(10000).then(() => null)]);
    if (!r) node.child.kill('SIGKILL');
    eq(r && r.code, 0, `server ${node.name} stopped cleanly`);
  }
  /* Runs fn with the requests of lib.mjs going to node. */
  async function on(node, fn) {
    const saved = server.port;
    server.port = node.port;
    try { return await fn(); } finally { server.port = saved; }
  }

  test('migrate-db: a demo of its own, with an attachment uploaded through a server', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const r = run(['demo', '--db', src]);
    const m = r.stdout.match(/^demo login: admin \/ (\S+)$/m);
    ok(r.code === 0 && m, 'demo', ...describeRun('demo', r));
    M.pw = m[1];
    M.demoFiles = Number(sqlite(src, 'SELECT count(*) FROM attachments')); /* the demo's pictures */
    const node = await start('original', src);
    try {
      const l = await on(node, () => req('POST', '/api/v1/login', { json: { username: 'admin', password: M.pw } }));
      status(l, 200, 'login');
      M.token = l.json().token;
      const ag = await on(node, () => req('GET', '/api/v1/agreements?limit=1', { token: M.token }));
      status(ag, 200, 'an agreement');
      M.agreement = ag.json().items[0].id;
      const boundary = '----ngoaivu-migrate';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Biên bản.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const up = await on(node, () => req('POST', `/api/v1/agreements/${M.agreement}/attachments`,
        { token: M.token, body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } }));
      status(up, 201, 'upload');
      M.sha = up.json().sha256;
      M.url = up.json().url;
    } finally {
      await stop(node);
    }
    eq(sqlite(src, 'SELECT count(*) FROM attachments'), String(M.demoFiles + 1), 'the demo\'s attachments and the one uploaded');
    // the files a copy carries: the attachments', and those records name (an issued report's)
    M.files = Number(sqlite(src, `SELECT count(*) FROM (SELECT sha256 FROM attachments${['frozen_sha', 'pdf_sha', 'docx_sha', 'xlsx_sha', 'html_sha'].map((f) => ` UNION SELECT ${f} FROM reports WHERE ${f} IS NOT NULL`).join('')})`));
    ok(M.files > M.demoFiles + 1, 'an issued report\'s files among them', M.files);
  });

  test('migrate-db: refuses a password on the command line, and the same database twice', async () => {
    const r = migrate('postgres://ngoaivu:bimat@127.0.0.1:1/x');
    ok(r.code !== 0, 'a password in the URI was taken', ...describeRun('migrate-db', r));
    includes(r.stderr, 'PGPASSWORD', 'message');
    const same = migrate(src);
    ok(same.code !== 0, 'a copy onto itself was taken', ...describeRun('migrate-db', same));
  });

  test('migrate-db: SQLite to SQLite, every table, the search index and the files the same', async () => {
    const to = path.join(dir, 'copy.db');
    const r = migrate(to);
    ok(r.code === 0, 'migrate-db failed', ...describeRun('migrate-db', r));
    const { lines, last } = report(r.stdout);
    const bad = Object.values(lines).filter((l) => !l.ok).map((l) => l.text);
    deepEq(bad, [], 'tables not the same');
    for (const t of ['partners', 'audit', 'users', 'search_docs', 'files'])
      ok(lines[t], `no line for ${t}`, r.stdout);
    includes(last, ' the same: ', 'summary');
    eq(lines.files.rows, M.files, 'files copied: the attachments\' and the reports\'');
    ok(fs.readFileSync(path.join(`${to}.files`, M.sha.slice(0, 2), M.sha.slice(2))).equals(pdf), 'the attachment beside the copy');
    eq(sqlite(to, 'PRAGMA integrity_check'), 'ok', 'the copy passes its integrity check');
    eq(sqlite(to, "SELECT value FROM meta WHERE key = 'data_version'"),
      sqlite(src, "SELECT value FROM meta WHERE key = 'data_version'"), 'data version');
    const again = migrate(to);
    ok(again.code !== 0, 'a second copy into the full target exited 0', ...describeRun('migrate-db', again));
    includes(again.stderr, 'not empty', 'message of the second copy');
    const replace = migrate(to, '--replace');
    ok(replace.code === 0, 'migrate-db --replace failed', ...describeRun('migrate-db --replace', replace));
  });

  test('migrate-db: a target whose rows come out changed is found out, and nothing is written', async () => {
    if (!URI) skip('NGOAIVU_TEST_PG_URI names no PostgreSQL database');
    const init = run(['init', '--db', URI]);
    ok(init.code === 0, 'init of the PostgreSQL database', ...describeRun('init', init));
    eq(psql('SELECT count(*) FROM partners'), '0', 'the PostgreSQL database is empty');
    // a new database holds its first records (the incident categories) and their creation
    eq(psql('SELECT count(*) FROM incident_categories'), '5', 'the first records of a new database');
    const audit0 = psql('SELECT count(*) FROM audit');
    psql(`CREATE FUNCTION migrate_test_tamper() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN NEW.notes := coalesce(NEW.notes, '') || ' (changed)'; RETURN NEW; END $$;
          CREATE TRIGGER migrate_test_tamper BEFORE INSERT ON partners
            FOR EACH ROW EXECUTE FUNCTION migrate_test_tamper()`);
    try {
      const r = migrate(URI);
      ok(r.code !== 0, 'a copy that differs exited 0', ...describeRun('migrate-db', r));
      const { lines } = report(r.stdout);
      ok(lines.partners && !lines.partners.ok, 'partners not reported different', r.stdout);
      includes(lines.partners.text, 'DIFFERENT', 'the line of partners');
      ok(lines.audit && lines.audit.ok, 'audit is the same', r.stdout);
      includes(r.stderr, 'nothing was written', 'message');
      eq(psql('SELECT count(*) FROM partners'), '0', 'partners after the failed copy');
      eq(psql('SELECT count(*) FROM audit'), audit0, 'audit after the failed copy: as it was');
      eq(psql('SELECT count(*) FROM incident_categories'), '5', 'the first records still there');
    } finally {
      psql('DROP TRIGGER migrate_test_tamper ON partners; DROP FUNCTION migrate_test_tamper()');
    }
  });

  test('migrate-db: SQLite to PostgreSQL copies everything, and refuses a second time', async () => {
    if (!URI) skip('NGOAIVU_TEST_PG_URI names no PostgreSQL database');
    const r = migrate(URI);
    ok(r.code === 0, 'migrate-db failed', ...describeRun('migrate-db', r));
    const { lines, last } = report(r.stdout);
    const bad = Object.values(lines).filter((l) => !l.ok).map((l) => l.text);
    deepEq(bad, [], 'tables not the same');
    includes(last, 'from sqlite to postgres', 'summary');
    includes(r.stderr, 'copied  partners: ', 'progress on stderr');
    // every table but the search index and the files (blobs: copied as files, line "files")
    const tables = sqlite(src, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search%' AND name <> 'blobs'").split('\n');
    deepEq(Object.keys(lines).filter((t) => t !== 'search_docs' && t !== 'files').sort(), tables.sort(), 'a line for every table');
    for (const t of ['partners', 'delegations', 'audit', 'attachments', 'users', 'search_docs', 'delegations_partner_ids'])
      eq(lines[t].rows, Number(sqlite(src, `SELECT count(*) FROM ${t}`)), `rows of ${t} in the report`);
    eq(lines.files.rows, M.files, 'files');
    eq(psql('SELECT count(*) FROM audit'), String(lines.audit.rows), 'audit rows in PostgreSQL');
    // identities moved past the ids: a new row takes the next id
    const next = psql("SELECT nextval(pg_get_serial_sequence('audit', 'id'))");
    eq(next, String(Number(sqlite(src, 'SELECT max(id) FROM audit')) + 1), 'the next id of audit');
    const before = psql("SELECT value FROM meta WHERE key = 'data_version'") + ' ' + psql('SELECT count(*) FROM partners');
    const again = migrate(URI);
    ok(again.code !== 0, 'a second copy exited 0', ...describeRun('migrate-db', again));
    includes(again.stderr, 'not empty', 'message of the second copy');
    eq(psql("SELECT value FROM meta WHERE key = 'data_version'") + ' ' + psql('SELECT count(*) FROM partners'), before,
      'data version and partners after the refused copy');
  });

  test('migrate-db: the PostgreSQL copy answers as the original', async () => {
    if (!URI) skip('NGOAIVU_TEST_PG_URI names no PostgreSQL database');
    const a = await start('sqlite', src), b = await start('postgres', URI);
    try {
      // the original's session was copied too
      status(await on(b, () => req('GET', '/api/v1/partners?limit=1', { token: M.token })), 200, "the original's session on the copy");
      const get = async (url) => {
        const [x, y] = [await on(a, () => req('GET', url, { token: M.token })), await on(b, () => req('GET', url, { token: M.token }))];
        status(x, 200, `${url} on SQLite`);
        status(y, 200, `${url} on PostgreSQL`);
        return [x, y];
      };
      const same = async (url) => {
        const [x, y] = await get(url);
        deepEq(y.json(), x.json(), url);
        return x.json();
      };
      const partners = await same('/api/v1/partners?sort=name_vi&limit=500');
      ok(partners.items.length > 10, 'partners listed');
      const hits = await same(`/api/v1/search?q=${encodeURIComponent('tinh')}`);
      ok(JSON.stringify(hits).length > 100, 'the search finds something', JSON.stringify(hits).slice(0, 200));
      await same('/api/v1/dashboard');
      const dels = await same('/api/v1/delegations?limit=200&sort=start_date');
      const d = dels.items.find((x) => x.partner_ids && x.partner_ids.length > 0);
      ok(d, 'a delegation with its partners');
      await same(`/api/v1/delegations/${d.id}`);
      await same(`/api/v1/audit?entity=delegation&id=${d.id}`);
      await same(`/api/v1/audit?entity=agreement&id=${M.agreement}`);
      await same(`/api/v1/agreements/${M.agreement}/attachments`);
      const [x, y] = await get(M.url);
      ok(x.body.equals(pdf) && y.body.equals(pdf), 'the attachment downloads the same bytes from both');
    } finally {
      await stop(a);
      await stop(b);
    }
  });
}
