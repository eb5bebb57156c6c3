/* The backup and restore drill: `ngoaivu backup` of the suite's database (SQLite, or
 * PostgreSQL in the PostgreSQL run) while four clients write to the server (partners made
 * and changed, agreements with them, PDFs uploaded to those), then `ngoaivu restore` of that backup into a fresh
 * SQLite file, and in the PostgreSQL run into a fresh PostgreSQL schema too.
 *
 * What must hold: no write fails while the backup runs (it does not hold writers off);
 * the backup is one state of the database: every write acknowledged before it began is in
 * it, each partner it holds has its audit entry, its audit log is the source's up to its last
 * entry, row for row; every upload acknowledged before it began is in it with all its bytes;
 * the command's own report says every table and the files are the same. The restore's report
 * says the same of the restored copy, which answers the same exports as the backup; a second
 * restore into the now full target is refused and changes nothing; a damaged backup is
 * refused before anything is written. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { test, ok, eq, deepEq, includes, req, cli, describeRun, multipart, sleep } from './lib.mjs';

export function register({ S, BIN, DB, PG, DIR, uniq }) {
  const dir = path.join(DIR, 'drill');
  const backup = path.join(dir, 'backup.db');
  const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
  const D = { acks: [], failures: [] };

  const query = (db, sql) => {
    const pg = db.startsWith('postgres');
    const q = spawnSync(pg ? 'psql' : 'sqlite3', pg ? [db, '-XAtqc', sql] : [db, sql], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const r = { status: q.status, stdout: q.stdout || '', stderr: q.stderr || (q.error ? q.error.message : '') };
    ok(r.status === 0, `query ${sql} on ${db}`, r.stderr);
    return r.stdout.trim();
  };
  /* The command's report: { table: {rows, ok} }, and its last line. */
  const report = (out) => {
    const lines = {};
    for (const m of out.matchAll(/^(\w+)\s+(\d+) (?:rows|files)\s+checksum ([0-9a-f]{16})\s+(.*)$/gm))
      lines[m[1]] = { rows: Number(m[2]), ok: m[4] === 'ok' };
    return { lines, last: out.trim().split('\n').pop() || '' };
  };
  const run = (args) => new Promise((resolve) => {
    const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const pdf = (tag, n) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${tag}\n`), crypto.randomBytes(n), Buffer.from('\n%%EOF\n')]);

  /* One client: makes a partner and an agreement with it, then over and over until stop:
   * changes the partner, uploads a PDF to the agreement; a new pair every eighth turn, at
   * most six pairs (the suite's later modules read lists the load must not swamp). */
  async function writer(k, stop) {
    let id = 0, agreement = 0, pairs = 0;
    for (let turn = 0; !stop.done; turn++) {
      if (!id || (turn % 8 === 0 && pairs < 6)) {
        const name = uniq(`Đối tác sao lưu ${k}`);
        const c = await req('POST', '/api/v1/partners', { token: S.admin, json: { name_vi: name, kind: 'locality', country: 'LA', subdivision: 'LA-AT' } });
        if (c.status !== 201) { D.failures.push(`create: ${c.status} ${c.text.slice(0, 200)}`); break; }
        id = c.json().id;
        D.acks.push({ kind: 'create', id, at: Date.now() });
        const g = await req('POST', '/api/v1/agreements', { token: S.admin, json: { title_vi: `Thoả thuận với ${name}`, kind: 'mou', partner_ids: [id] } });
        if (g.status !== 201) { D.failures.push(`agreement: ${g.status} ${g.text.slice(0, 200)}`); break; }
        agreement = g.json().id;
        D.acks.push({ kind: 'agreement', id: agreement, at: Date.now() });
        pairs++;
      }
      const u = await req('PUT', `/api/v1/partners/${id}`, { token: S.admin, json: { notes: `đã sửa ${k} lần ${turn}` } });
      if (u.status !== 200) D.failures.push(`update: ${u.status} ${u.text.slice(0, 200)}`);
      if (turn >= 150) continue; // uploads to 150 (a record lists at most 200); changes go on
      const data = pdf(`${k} ${turn}`, 2000 + 97 * k + turn);
      const m = multipart({}, { name: `sao-luu-${agreement}-${turn}.pdf`, type: 'application/pdf', data });
      const a = await req('POST', `/api/v1/agreements/${agreement}/attachments`, { token: S.admin, body: m.body, headers: m.headers });
      if (a.status !== 201) D.failures.push(`upload: ${a.status} ${a.text.slice(0, 200)}`);
      else D.acks.push({ kind: 'upload', id: agreement, sha: sha256(data), at: Date.now() });
    }
  }

  test('backup: under a write load of four clients, every write goes on and the command checks its copy', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const stop = { done: false };
    const writers = [0, 1, 2, 3].map((k) => writer(k, stop));
    await sleep(700);
    D.began = Date.now();
    const acked = D.acks.length;
    D.b = await run(['backup', backup, '--db', DB]);
    D.ended = Date.now();
    await sleep(300);
    stop.done = true;
    await Promise.all(writers);
    ok(D.b.code === 0, 'backup failed', ...describeRun('backup', D.b));
    const r = report(D.b.stdout);
    for (const t of ['partners', 'audit', 'attachments', 'users', 'search_docs', 'files'])
      ok(r.lines[t] && r.lines[t].ok, `the report's line for ${t}`, D.b.stdout);
    ok(Object.values(r.lines).every((l) => l.ok), 'every table the same', D.b.stdout);
    ok(/^backup written to .* and verified: \d+ tables, \d+ rows and [1-9]\d* files the same as in (sqlite|postgres) at one moment; integrity check ok$/.test(r.last),
      `the last line: ${r.last}`);
    deepEq(D.failures, [], 'writes that failed during the drill');
    ok(acked > 0 && D.acks.length > acked, `writes before (${acked}) and after (${D.acks.length}) the backup began`);
    for (const f of fs.readdirSync(dir)) ok(!f.includes('.part-'), `a partial backup left behind: ${f}`);
  });

  test('backup: one state of the database, with every write acknowledged before it began', async () => {
    ok(D.b && D.b.code === 0, 'no backup to read');
    const before = D.acks.filter((a) => a.at < D.began);
    const ids = new Set(query(backup, 'SELECT id FROM partners').split('\n').map(Number));
    for (const a of before.filter((x) => x.kind === 'create')) ok(ids.has(a.id), `partner ${a.id} made before the backup began is not in it`);
    const agreements = new Set(query(backup, 'SELECT id FROM agreements').split('\n').map(Number));
    for (const a of before.filter((x) => x.kind === 'agreement')) ok(agreements.has(a.id), `agreement ${a.id} made before the backup began is not in it`);
    // every partner the load made that the backup holds, with its audit entry (one unit)
    const made = D.acks.filter((a) => a.kind === 'create').map((a) => a.id);
    const inBackup = made.filter((id) => ids.has(id));
    const audited = new Set(query(backup, `SELECT rid FROM audit WHERE entity = 'partner' AND action = 'create' AND rid IN (${made.join(',')})`).split('\n').map(Number));
    for (const id of inBackup) ok(audited.has(id), `partner ${id} is in the backup without its audit entry`);
    // its audit log is the source's up to its last entry, row for row
    const last = Number(query(backup, 'SELECT max(id) FROM audit'));
    const sql = `SELECT id, at, username, entity, rid, action, old, new FROM audit WHERE id <= ${last} ORDER BY id`;
    const mine = query(backup, sql), theirs = query(DB, sql);
    eq(mine.split('\n').length, theirs.split('\n').length, 'audit entries up to the backup\'s last');
    ok(mine === theirs, 'the audit log differs from the source\'s up to the backup\'s last entry');
    // every upload acknowledged before, listed with its file's bytes
    const listed = new Set(query(backup, 'SELECT sha256 FROM attachments').split('\n'));
    for (const a of before.filter((x) => x.kind === 'upload')) {
      ok(listed.has(a.sha), `upload ${a.sha.slice(0, 12)} to partner ${a.id} is not in the backup`);
      const file = path.join(`${backup}.files`, a.sha.slice(0, 2), a.sha.slice(2));
      ok(fs.existsSync(file), `the backup has no file ${file}`);
      eq(sha256(fs.readFileSync(file)), a.sha, `the SHA-256 of ${file}`);
    }
    eq(query(backup, 'PRAGMA integrity_check'), 'ok', 'the backup\'s integrity check by sqlite3');
  });

  test('backup: never over an existing one', async () => {
    const again = cli(BIN, ['backup', backup, '--db', DB]);
    ok(again.code !== 0, 'a backup over an existing file exited 0', ...describeRun('backup', again));
    includes(again.stderr, 'exists', 'its message');
  });

  const restored = path.join(dir, 'restored.db');
  const exportOf = (db, what) => {
    const e = cli(BIN, ['export', what, '--format', 'json', '--db', db]);
    ok(e.code === 0, `export ${what} from ${db}`, ...describeRun('export', e));
    return JSON.parse(e.stdout);
  };

  test('restore: into a fresh SQLite file, every table read back the same; it answers as the backup does', async () => {
    ok(D.b && D.b.code === 0, 'no backup to restore');
    const r = await run(['restore', backup, '--db', restored]);
    ok(r.code === 0, 'restore failed', ...describeRun('restore', r));
    const rep = report(r.stdout);
    ok(Object.keys(rep.lines).length > 20 && Object.values(rep.lines).every((l) => l.ok), 'every table the same', r.stdout);
    ok(/^(\d+) of \1 the same: \d+ rows and [1-9]\d* files copied from sqlite to sqlite, committed$/.test(rep.last), `the last line: ${rep.last}`);
    for (const what of ['partners', 'contacts', 'delegations', 'agreements'])
      deepEq(exportOf(restored, what), exportOf(backup, what), `${what} restored`);
    eq(query(restored, 'SELECT count(*) FROM audit'), query(backup, 'SELECT count(*) FROM audit'), 'audit entries restored');
  });

  test('restore: refused into a database that holds data, which it leaves as it was', async () => {
    const before = query(restored, 'SELECT count(*) FROM partners');
    const r = await run(['restore', backup, '--db', restored]);
    ok(r.code !== 0, 'a restore into a full database exited 0', ...describeRun('restore', r));
    includes(r.stderr, 'not empty', 'its message');
    eq(query(restored, 'SELECT count(*) FROM partners'), before, 'partners of the target');
  });

  test('restore: a damaged backup is refused before anything is written', async () => {
    const damaged = path.join(dir, 'damaged.db'), target = path.join(dir, 'from-damaged.db');
    const bytes = fs.readFileSync(backup);
    const page = 4096, at = Math.floor(bytes.length / page / 2) * page;
    bytes.fill(0x5a, at + 100, at + page); // a page of the middle overwritten
    fs.writeFileSync(damaged, bytes);
    const r = await run(['restore', damaged, '--db', target]);
    ok(r.code !== 0, 'a restore from a damaged backup exited 0', ...describeRun('restore', r));
    ok(/damaged|malformed|integrity/.test(r.stderr), `its message: ${r.stderr.slice(0, 300)}`);
    ok(!fs.existsSync(target), 'a target was made from a damaged backup');
  });

  if (PG) {
    test('restore: into a fresh PostgreSQL schema, every table read back the same', async () => {
      query(DB, 'DROP SCHEMA IF EXISTS drill CASCADE; CREATE SCHEMA drill');
      const target = `${DB}${DB.includes('?') ? '&' : '?'}options=-csearch_path%3Ddrill`;
      const r = await run(['restore', backup, '--db', target]);
      ok(r.code === 0, 'restore into PostgreSQL failed', ...describeRun('restore', r));
      const rep = report(r.stdout);
      ok(Object.values(rep.lines).every((l) => l.ok), 'every table the same', r.stdout);
      ok(/^(\d+) of \1 the same: \d+ rows and [1-9]\d* files copied from sqlite to postgres, committed$/.test(rep.last), `the last line: ${rep.last}`);
      for (const what of ['partners', 'agreements'])
        deepEq(exportOf(target, what), exportOf(backup, what), `${what} restored into PostgreSQL`);
      query(DB, 'DROP SCHEMA drill CASCADE');
    });
  }
}
