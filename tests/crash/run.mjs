// The crash test: a server killed with SIGKILL at a random moment of a concurrent write
// load, then started again on the same database, round after round; after each restart
// every write the clients were answered 2xx for must be there with its audit entry, and a
// write whose answer never came must be whole or absent (an import all its rows or none,
// an upload listed with all its bytes or not at all, a record with its audit entry or
// neither); then the engine's own integrity check.
//   node tests/crash/run.mjs                       SQLite, and PostgreSQL when it can
//   CRASH_ROUNDS=10 NGOAIVU_BIN=build-asan/ngoaivu node tests/crash/run.mjs
// The writes: partners created, updated, a delegation's workflow steps, PDF uploads, CSV
// imports of partners, logins (a session row: an autocommit statement outside any unit).
// Environment: CRASH_ROUNDS (100 per engine), CRASH_CLIENTS (4 concurrent writers),
// CRASH_SEED (the random choices: kill times, operations, sizes), NGOAIVU_BIN (build/ngoaivu),
// NGOAIVU_TEST_PG_URI (a PostgreSQL database whose role may make databases: the test makes
// and drops one of its own beside it); without it a throw-away cluster is started with
// scripts/pg-cluster.sh when PostgreSQL is installed; CRASH_PG=0: SQLite only.
// NGOAIVU_CRASH_KEEP=1 keeps the temporary directory (databases, server logs).
// Prints "ok   ENGINE round N: ..." or "FAIL ..." (details indented) per round and engine,
// then "N passed, N failed"; exits non-zero when anything failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { req, server, freePort, cli, describeRun, startServer, logTail, sleep, multipart } from '../e2e/lib.mjs';

const started = Date.now();
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.resolve(process.env.NGOAIVU_BIN || path.join(ROOT, 'build/ngoaivu'));
const ROUNDS = Number(process.env.CRASH_ROUNDS || 100);
const CLIENTS = Number(process.env.CRASH_CLIENTS || 4);
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ngoaivu-crash-'));
const LEADER_PW = 'lanhdao-crash-mk-1';

/* ---------------------------------------------------------------- randomness */

// seeded generators (mulberry32): one for the kill moments, one per client for its
// operations and sizes, so that CRASH_SEED gives a run the same kill moments and each client
// the same sequence of operations (how far a client gets before a kill depends on timing)
const SEED = Number(process.env.CRASH_SEED || (Date.now() % 2147483647));
function makeRng(s) {
  let state = s | 0;
  const rnd = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  rnd.between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  return rnd;
}

/* ---------------------------------------------------------------- databases */

function sqlOf(db, sql) {
  const pg = db.startsWith('postgres');
  const r = spawnSync(pg ? 'psql' : 'sqlite3', pg ? [db, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-f', '-'] : ['-bail', db],
    { input: sql, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${pg ? 'psql' : 'sqlite3'}: ${(r.stderr || (r.error && r.error.message) || '').slice(0, 500)}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

function pgBin(name) {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const dirs = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  for (const d of dirs) {
    const p = `/usr/lib/postgresql/${d}/bin/${name}`;
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/* The engine's own check of the whole database: [ok, what was run, details]. */
function integrity(eng) {
  if (!eng.pg) {
    const ic = sqlOf(eng.db, 'PRAGMA integrity_check;');
    const fk = sqlOf(eng.db, 'PRAGMA foreign_key_check;');
    return [ic.length === 1 && ic[0] === 'ok' && fk.length === 0, 'integrity_check',
      [...ic.slice(0, 10).map((l) => 'integrity_check: ' + l), ...fk.slice(0, 10).map((l) => 'foreign_key_check: ' + l)]];
  }
  if (!eng.amcheck) return [true, 'no pg_amcheck', []];
  const u = new URL(eng.db);
  // amcheck's functions are the superuser's (the extension is not trusted): as postgres
  // when the cluster lets it connect, else as the program's role
  for (const user of ['postgres', decodeURIComponent(u.username)]) {
    const r = spawnSync(eng.amcheck, ['-h', u.hostname, '-p', u.port || '5432', '-U', user, '-d', u.pathname.slice(1),
      '--install-missing', '--heapallindexed', '--no-password'], { encoding: 'utf8' });
    const out = (r.stdout + r.stderr).trim();
    if (r.status === 0) return [true, 'pg_amcheck', []];
    if (/permission denied|must be superuser|role .* does not exist|authentication failed/i.test(out)) continue;
    return [false, 'pg_amcheck', [`pg_amcheck as ${user}: exit ${r.status}`, ...out.split('\n').slice(0, 15)]];
  }
  eng.amcheck = null;
  eng.amcheckWhy = 'pg_amcheck could not connect as a role allowed to install amcheck';
  return [true, 'no pg_amcheck', []];
}

/* Row counts kept with the writes (table counts) against the tables: derived data written
 * in the same transaction as the rows. */
function countsMismatch(eng) {
  const names = sqlOf(eng.db, 'SELECT entity FROM counts ORDER BY entity;').filter((n) => /^[a-z_]+$/.test(n));
  const sql = names.map((n) => `SELECT '${n}', (SELECT n FROM counts WHERE entity = '${n}'), (SELECT count(*) FROM ${n})`)
    .join(' UNION ALL ') + ';';
  return sqlOf(eng.db, sql).map((l) => l.split('|')).filter(([, a, b]) => a !== b)
    .map(([n, a, b]) => `counts says ${n} = ${a}, the table has ${b}`);
}

/* ---------------------------------------------------------------- the server */

async function waitHealthy(eng, srv) {
  const deadline = Date.now() + 30000;
  for (;;) {
    if (srv.child.exitCode !== null || srv.child.signalCode !== null) throw new Error('the server exited at start');
    try {
      const h = await req('GET', '/healthz');
      if (h.status === 200) return;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz with 200 within 30 s');
    await sleep(20);
  }
}

const servers = new Set();

async function start(eng) {
  for (let attempt = 1; ; attempt++) {
    server.port = await freePort();
    eng.srv = startServer(BIN, eng.db, eng.log, server.port, 4);
    servers.add(eng.srv);
    try {
      return await waitHealthy(eng, eng.srv);
    } catch (e) {
      // the free port taken by another program meanwhile: another one
      const inUse = /address already in use|cannot listen|bind/i.test(logTail(eng.log, 5).join('\n'));
      if (!inUse || attempt === 3) throw e;
    }
  }
}

/* ---------------------------------------------------------------- the writes */

// One operation's outcome: 'acked' (a 2xx answer received), 'refused' (another answer
// received: nothing may be written), 'lost' (no answer: may be there, must be whole).
let onAnswer = null; // called at each 2xx answer while set (the kill of a round that waits for one)
async function send(method, p, opts) {
  try {
    const r = await req(method, p, opts);
    if (onAnswer && r.status >= 200 && r.status < 300) onAnswer();
    return { outcome: r.status >= 200 && r.status < 300 ? 'acked' : 'refused', res: r };
  } catch (e) {
    return { outcome: 'lost', error: e.message };
  }
}

const pdfOf = (n) => Buffer.concat([Buffer.from('%PDF-1.4\n%crash\n'), crypto.randomBytes(n), Buffer.from('\n%%EOF\n')]);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

/* One client's load in round R: operations one after another until one gets no answer
 * (the server was killed), so that only its last operation can be unanswered. */
async function client(eng, R, c, plan) {
  const me = eng.clients[c];
  const rnd = me.rnd, between = rnd.between;
  const ops = [];
  let n = 0;
  for (;;) {
    const tag = `${eng.name} r${R} c${c} s${++n}`;
    const x = rnd();
    let op;
    if (x < 0.30) {
      const name = `crash p ${tag}`;
      op = { kind: 'create', name };
      const r = await send('POST', '/api/v1/partners', { token: eng.admin, json: { kind: 'ngo', name_vi: name, country: 'LA', notes: 'n0' } });
      Object.assign(op, r);
      if (r.outcome === 'acked') { op.id = r.res.json().id; me.partners.push(op.id); }
    } else if (x < 0.50 && me.partners.length) {
      const id = me.partners[between(0, me.partners.length - 1)];
      const notes = `crash u ${tag}`;
      op = { kind: 'update', id, notes };
      Object.assign(op, await send('PUT', `/api/v1/partners/${id}`, { token: eng.admin, json: { notes } }));
    } else if (x < 0.68) {
      const to = me.status === 'proposed' ? 'approved' : 'proposed';
      op = { kind: 'step', id: me.delegation, to };
      Object.assign(op, await send('POST', `/api/v1/delegations/${me.delegation}/transition`,
        { token: eng.leader, json: { to, note: `crash step ${tag}` } }));
      if (op.outcome === 'acked') me.status = to;
    } else if (x < 0.86) {
      const data = pdfOf(between(1, 4) === 1 ? between(100000, 700000) : between(200, 20000));
      op = { kind: 'upload', id: me.agreement, sha: sha256(data), size: data.length };
      me.shas.add(op.sha);
      const m = multipart({}, { name: `crash-${tag.replace(/ /g, '-')}.pdf`, type: 'application/pdf', data });
      Object.assign(op, await send('POST', `/api/v1/agreements/${me.agreement}/attachments`,
        { token: eng.admin, body: m.body, headers: m.headers }));
    } else if (x < 0.95) {
      // a login: its session is written outside any write unit (an autocommit statement)
      op = { kind: 'login' };
      Object.assign(op, await send('POST', '/api/v1/login', { json: { username: 'lanhdao_crash', password: LEADER_PW } }));
      if (op.outcome === 'acked') op.token = op.res.json().token;
    } else {
      const k = between(2, 60);
      const prefix = `crash i ${tag} #`;
      op = { kind: 'import', prefix, k };
      let csv = 'name_vi,kind,country,notes\n';
      for (let i = 1; i <= k; i++) csv += `"${prefix}${i}",ngo,LA,"dòng ${i}"\n`;
      Object.assign(op, await send('POST', '/api/v1/import/partners', { token: eng.admin, body: csv, headers: { 'Content-Type': 'text/csv' } }));
      if (op.outcome === 'acked') {
        const j = op.res.json();
        if (j.imported !== k) op.answerWrong = `answered imported ${j.imported}, sent ${k} rows`;
      }
    }
    if (op.res) op.status = op.res.status;
    delete op.res;
    ops.push(op);
    plan.count[op.outcome]++;
    if (op.outcome === 'lost') return ops;
  }
}

/* ---------------------------------------------------------------- the test of the test */

// CRASH_SABOTAGE=1: after each kill the database is damaged the way a durability bug would
// (an answered record lost, an import half stored, a record without its audit entry, an
// upload's bytes cut short); each round must then FAIL, and is counted passed when it does.
const SABOTAGE = process.env.CRASH_SABOTAGE === '1';
const KINDS = ['lose', 'half import', 'no audit', 'short file'];

function sabotageRound(eng, R, ops) {
  const acked = (k) => ops.filter((o) => o.kind === k && o.outcome === 'acked');
  let kind = KINDS[(R - 1) % KINDS.length];
  const imports = acked('import'), creates = acked('create'), uploads = acked('upload');
  if (kind === 'half import' && !imports.length) kind = 'lose';
  if (kind === 'short file' && !uploads.length) kind = 'no audit';
  const dropPartner = (where) => {
    const ids = sqlOf(eng.db, `SELECT id FROM partners WHERE ${where};`).map(Number);
    sqlOf(eng.db, `DELETE FROM partners WHERE id IN (${ids.join(',')}); UPDATE counts SET n = n - ${ids.length} WHERE entity = 'partners';`);
    ids.forEach((id) => eng.sabotaged.add(id));
    for (const me of eng.clients) me.partners = me.partners.filter((id) => !eng.sabotaged.has(id));
  };
  const q = (v) => `'${v.replace(/'/g, "''")}'`;
  if (kind === 'lose' && creates.length) dropPartner(`name_vi = ${q(creates[creates.length - 1].name)}`);
  else if (kind === 'half import') dropPartner(`name_vi = ${q(imports[imports.length - 1].prefix + '1')}`);
  else if (kind === 'short file') {
    const sha = uploads[uploads.length - 1].sha;
    if (eng.pg) sqlOf(eng.db, `UPDATE blobs SET data = substring(data from 1 for 10) WHERE sha256 = '${sha}';`);
    else fs.truncateSync(path.join(eng.db + '.files', sha.slice(0, 2), sha.slice(2)), 10);
  } else {
    const c = creates[creates.length - 1];
    if (!c) return 'nothing answered to damage';
    sqlOf(eng.db, `DELETE FROM audit WHERE entity = 'partner' AND rid = ${c.id} AND action = 'create';`);
    kind = 'no audit';
  }
  return kind;
}

/* ---------------------------------------------------------------- one round */

async function auditSince(eng, baseline) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const r = await req('GET', `/api/v1/audit/log?limit=500&offset=${offset}`, { token: eng.admin });
    if (r.status !== 200) throw new Error(`audit log: ${r.status} ${r.text.slice(0, 200)}`);
    const items = r.json().items;
    let older = false;
    for (const e of items) {
      if (e.id <= baseline) { older = true; break; }
      out.push(e);
    }
    if (older || items.length < 500) break;
  }
  // an entry written while the pages were read (a background sweep) shifts the offsets:
  // one seen twice is one
  return [...new Map(out.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id);
}

async function partnersAfter(eng, after) {
  const out = [];
  for (;;) {
    const r = await req('GET', `/api/v1/partners?limit=500&after=${after}`, { token: eng.admin });
    if (r.status !== 200) throw new Error(`partners: ${r.status} ${r.text.slice(0, 200)}`);
    const j = r.json();
    out.push(...j.items);
    if (j.items.length < 500 || !j.next_after) break;
    after = j.next_after;
  }
  return out;
}

async function getJson(eng, p) {
  const r = await req('GET', p, { token: eng.admin });
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json();
}

async function round(eng, R) {
  const problems = [];
  const bad = (m) => problems.push(m);
  // where this round starts: the newest audit entry and partner
  const [maxAudit, maxPartner] = sqlOf(eng.db, 'SELECT coalesce(max(id), 0) FROM audit; SELECT coalesce(max(id), 0) FROM partners;').map(Number);
  for (const [c, me] of eng.clients.entries()) if (me.listed >= 150) await newAgreement(eng, me, c);
  const before = {};
  for (const me of eng.clients) before[me.delegation] = me.status;
  const notesBefore = new Map();
  for (const me of eng.clients) for (const id of me.partners) notesBefore.set(id, me.notes.get(id) ?? 'n0');

  // the load, and the kill at a random moment of it
  const plan = { count: { acked: 0, refused: 0, lost: 0 } };
  const killAfter = eng.rnd.between(eng.killMin, eng.killMax);
  const loads = eng.clients.map((_, c) => client(eng, R, c, plan));
  await sleep(killAfter);
  // every other round, the kill comes at the next answer of a client, while the others'
  // requests are being written: the moment a batch of writes is committed
  const onAck = R % 2 === 0;
  if (onAck) await Promise.race([new Promise((resolve) => { onAnswer = resolve; }), sleep(2000)]);
  onAnswer = null;
  const t0 = Date.now();
  eng.srv.child.kill('SIGKILL');
  const ex = await eng.srv.exited;
  const results = await Promise.all(loads);
  const killMs = Date.now() - t0;
  if (ex.signal !== 'SIGKILL') bad(`the server ended by ${ex.signal || 'exit ' + ex.code} before the kill`);
  const ops = results.flat();
  const sabotage = SABOTAGE ? sabotageRound(eng, R, ops) : null;

  await start(eng);

  const audit = await auditSince(eng, maxAudit);
  const auditOf = (entity, id) => audit.filter((e) => e.entity === entity && e.record === id);
  const partners = await partnersAfter(eng, maxPartner);
  const byName = new Map();
  for (const p of partners) byName.set(p.name_vi, [...(byName.get(p.name_vi) || []), p]);
  const known = new Set();
  let verified = 0;

  for (const op of ops) {
    if (op.answerWrong) bad(`${op.kind} ${op.prefix}: ${op.answerWrong}`);
    if (op.kind === 'create') {
      const rows = byName.get(op.name) || [];
      rows.forEach((p) => known.add(p.id));
      const want = op.outcome === 'acked' ? [1] : op.outcome === 'lost' ? [0, 1] : [0];
      if (!want.includes(rows.length)) bad(`create "${op.name}" (${op.outcome}${op.status ? ' ' + op.status : ''}): ${rows.length} records`);
      if (op.outcome === 'acked' && rows.length === 1 && rows[0].id !== op.id) bad(`create "${op.name}": answered id ${op.id}, stored as ${rows[0].id}`);
      for (const p of rows) {
        const a = auditOf('partner', p.id).filter((e) => e.action === 'create');
        if (a.length !== 1) bad(`create "${op.name}" (${op.outcome}): record ${p.id} has ${a.length} create entries in the audit log`);
        if (p.notes !== 'n0' && !ops.some((o) => o.kind === 'update' && o.id === p.id)) bad(`create "${op.name}": notes ${JSON.stringify(p.notes)}`);
        if (op.outcome === 'lost' && rows.length === 1) {
          op.there = true;
          // it is there: the client never heard, but now it is the client's
          eng.clients[Number(op.name.match(/ c(\d+) /)[1])].partners.push(p.id);
        }
      }
      if (op.outcome === 'acked' && rows.length === 1) { eng.acked.partners.push(op.id); verified++; }
    } else if (op.kind === 'import') {
      let rows = 0;
      for (let i = 1; i <= op.k; i++) {
        const r = byName.get(op.prefix + i) || [];
        rows += r.length;
        for (const p of r) {
          known.add(p.id);
          const a = auditOf('partner', p.id).filter((e) => e.action === 'create');
          if (a.length !== 1) bad(`import "${op.prefix}${i}" (${op.outcome}): record ${p.id} has ${a.length} create entries in the audit log`);
          if (op.outcome === 'acked') eng.acked.partners.push(p.id);
        }
      }
      const want = op.outcome === 'acked' ? [op.k] : op.outcome === 'lost' ? [0, op.k] : [0];
      if (op.outcome === 'lost' && rows) op.there = true;
      if (!want.includes(rows)) bad(`import "${op.prefix}*" of ${op.k} rows (${op.outcome}${op.status ? ' ' + op.status : ''}): ${rows} records stored`);
      else if (op.outcome === 'acked') verified++;
    }
  }
  // no record but those created: a partner nobody asked for is a write made twice or a ghost
  for (const p of partners) if (!known.has(p.id)) bad(`partner ${p.id} "${p.name_vi}" was created by no request of this round`);

  // updates: per record, its values in the order sent; what is stored is the last of a
  // prefix of them at least as long as the last one answered, the audit entries that prefix
  const updated = new Map();
  for (const op of ops) if (op.kind === 'update' && op.outcome !== 'refused') updated.set(op.id, [...(updated.get(op.id) || []), op]);
  for (const [id, seq] of updated) {
    const got = await req('GET', `/api/v1/partners/${id}`, { token: eng.admin });
    if (got.status !== 200) { bad(`partner ${id}, updated in this round: GET answers ${got.status}`); continue; }
    const p = got.json();
    const entries = auditOf('partner', id).filter((e) => e.action === 'update').map((e) => e.new && e.new.notes);
    const acked = seq.filter((o) => o.outcome === 'acked').length;
    const sent = seq.map((o) => o.notes);
    const okPrefix = entries.length >= acked && entries.length <= sent.length && entries.every((v, i) => v === sent[i]);
    if (entries.length > acked && seq[entries.length - 1]) seq[entries.length - 1].there = true;
    const now = entries.length ? sent[entries.length - 1] : (notesBefore.get(id) ?? 'n0');
    if (!okPrefix) bad(`partner ${id}: updates sent ${JSON.stringify(sent)} (${acked} answered), audited ${JSON.stringify(entries)}`);
    else if (p.notes !== now) bad(`partner ${id}: notes ${JSON.stringify(p.notes)}, the audit log says ${JSON.stringify(now)}`);
    else verified += acked;
    for (const me of eng.clients) if (me.partners.includes(id)) me.notes.set(id, p.notes);
  }

  // workflow steps: the same, per delegation, on its status
  for (const me of eng.clients) {
    const seq = ops.filter((o) => o.kind === 'step' && o.id === me.delegation);
    const sent = seq.filter((o) => o.outcome !== 'refused');
    const acked = sent.filter((o) => o.outcome === 'acked').length;
    const d = await getJson(eng, `/api/v1/delegations/${me.delegation}`);
    const entries = auditOf('delegation', me.delegation).map((e) => `${e.action}:${e.new && e.new.status}`);
    const want = sent.map((o) => `update:${o.to}`);
    const okPrefix = entries.length >= acked && entries.length <= want.length && entries.every((v, i) => v === want[i]);
    if (entries.length > acked && sent[entries.length - 1]) sent[entries.length - 1].there = true;
    const now = entries.length ? sent[entries.length - 1].to : before[me.delegation];
    if (!okPrefix) bad(`delegation ${me.delegation}: steps sent ${JSON.stringify(want)} (${acked} answered), audited ${JSON.stringify(entries)}`);
    else if (d.status !== now) bad(`delegation ${me.delegation}: status ${d.status}, the audit log says ${now}`);
    else verified += acked;
    me.status = d.status;
  }

  // uploads: listed with all their bytes, and audited, or not at all
  for (const me of eng.clients) {
    const list = (await getJson(eng, `/api/v1/agreements/${me.agreement}/attachments`)).items;
    const entries = auditOf('agreement', me.agreement);
    me.listed = list.length;
    for (const a of list) if (!me.shas.has(a.sha256)) bad(`agreement ${me.agreement} lists ${a.sha256}, which nobody uploaded`);
    for (const op of ops.filter((o) => o.kind === 'upload' && o.id === me.agreement)) {
      const rows = list.filter((a) => a.sha256 === op.sha);
      const want = op.outcome === 'acked' ? [1] : op.outcome === 'lost' ? [0, 1] : [0];
      if (!want.includes(rows.length)) { bad(`upload ${op.sha.slice(0, 12)} of ${op.size} bytes (${op.outcome}${op.status ? ' ' + op.status : ''}): listed ${rows.length} times`); continue; }
      const audited = entries.filter((e) => e.new && e.new.attachment && e.new.attachment.sha256 === op.sha).length;
      if (audited !== rows.length) bad(`upload ${op.sha.slice(0, 12)} (${op.outcome}): listed ${rows.length} times, audited ${audited}`);
      if (op.outcome === 'lost' && rows.length) op.there = true;
      for (const a of rows) {
        const r = await req('GET', a.url, { token: eng.admin });
        if (r.status !== 200) bad(`upload ${op.sha.slice(0, 12)} (${op.outcome}): listed, its file answers ${r.status}`);
        else if (r.body.length !== op.size || sha256(r.body) !== op.sha) bad(`upload ${op.sha.slice(0, 12)} (${op.outcome}): ${r.body.length} bytes of ${op.size}, SHA-256 ${sha256(r.body).slice(0, 12)}`);
        else if (op.outcome === 'acked') verified++;
      }
    }
  }

  // logins: an answered token opens the API after the restart
  for (const op of ops.filter((o) => o.kind === 'login' && o.outcome !== 'lost')) {
    if (op.outcome === 'refused') continue;
    const r = await req('GET', '/api/v1/account', { token: op.token });
    if (r.status !== 200) bad(`login answered a token that answers ${r.status} after the restart`);
    else verified++;
  }

  // no audit entry of these record types but of the records the clients wrote
  const ours = { partner: new Set([...known, ...eng.clients.flatMap((me) => me.partners)]),
    delegation: new Set(eng.clients.map((me) => me.delegation)), agreement: new Set(eng.clients.map((me) => me.agreement)) };
  for (const e of audit)
    if (ours[e.entity] && !ours[e.entity].has(e.record)) bad(`audit entry ${e.id} (${e.action} ${e.entity} ${e.record}) of a record no client of this round wrote`);

  // every write answered in an earlier round is still there
  if (eng.acked.partners.length) {
    const ids = [...new Set(eng.acked.partners)].filter((id) => !eng.sabotaged.has(id));
    const n = Number(sqlOf(eng.db, `SELECT count(*) FROM partners WHERE id IN (${ids.join(',')});`)[0]);
    if (n !== ids.length) bad(`${ids.length - n} of the ${ids.length} partners answered in this and earlier rounds are gone`);
  }
  problems.push(...countsMismatch(eng));
  const [iok, ihow, idetails] = integrity(eng);
  if (!iok) {
    bad(`${ihow} failed`);
    for (const l of idetails) bad('  ' + l);
  }

  let lostThere = 0, inFlight = 0;
  for (const op of ops) if (op.outcome === 'lost' && op.there) lostThere++;
  // an unanswered request that had reached the server (not one refused a connection)
  for (const op of ops) if (op.outcome === 'lost' && !/ECONNREFUSED/.test(op.error)) inFlight++;
  return { problems, plan, killAfter: onAck ? `${killAfter} ms and an answer` : `${killAfter} ms`, killMs, verified, ihow, ops: ops.length, lostThere, inFlight, sabotage };
}

/* ---------------------------------------------------------------- an engine */

async function resync(eng) {
  for (const me of eng.clients) {
    me.status = (await getJson(eng, `/api/v1/delegations/${me.delegation}`)).status;
    const alive = [];
    for (const id of me.partners) {
      const r = await req('GET', `/api/v1/partners/${id}`, { token: eng.admin });
      if (r.status === 200) { alive.push(id); me.notes.set(id, r.json().notes); }
    }
    me.partners = alive;
    me.listed = (await getJson(eng, `/api/v1/agreements/${me.agreement}/attachments`)).items.length;
  }
}

/* The agreement a client uploads to: a new one when it has 150 files (a record lists 200). */
async function newAgreement(eng, me, c) {
  const a = await req('POST', '/api/v1/agreements', { token: eng.admin, json: { title_vi: `crash thoả thuận ${c}`, kind: 'mou', partner_ids: [1] } });
  if (a.status !== 201) throw new Error(`an agreement to upload to: ${a.status} ${a.text.slice(0, 200)}`);
  me.agreement = a.json().id;
  me.shas = new Set();
  me.listed = 0;
}

async function setupEngine(eng) {
  let r = cli(BIN, ['init', '--db', eng.db]);
  if (r.code !== 0) throw new Error(describeRun('init', r).join('\n'));
  r = cli(BIN, ['demo', '--db', eng.db]);
  const m = r.stdout.match(/^demo login: admin \/ (\S+)$/m);
  if (r.code !== 0 || !m) throw new Error(describeRun('demo', r).join('\n'));
  r = cli(BIN, ['user', 'add', 'lanhdao_crash', '--role', 'leader', '--db', eng.db], LEADER_PW + '\n');
  if (r.code !== 0) throw new Error(describeRun('user add', r).join('\n'));
  await start(eng);
  const login = async (username, password) => {
    const res = await req('POST', '/api/v1/login', { json: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return res.json().token;
  };
  eng.admin = await login('admin', m[1]);
  eng.leader = await login('lanhdao_crash', LEADER_PW);
  // each client writes records of its own: its partners, one delegation, one agreement
  eng.clients = [];
  for (let c = 0; c < CLIENTS; c++) {
    const d = await req('POST', '/api/v1/delegations', { token: eng.admin, json: {
      title: `crash đoàn ${c}`, direction: 'outbound', level: 'department', channel: 'state',
      country: 'LA', start_date: '2027-03-10', end_date: '2027-03-12' } });
    if (d.status !== 201) throw new Error(`setup records: ${d.status} ${d.text.slice(0, 200)}`);
    const me = { delegation: d.json().id, status: 'proposed', partners: [], notes: new Map(), rnd: makeRng(SEED * 31 + c + 1) };
    await newAgreement(eng, me, c);
    eng.clients.push(me);
  }
  eng.rnd = makeRng(SEED);
  eng.acked = { partners: [] };
  eng.sabotaged = new Set();
  eng.totals = { acked: 0, refused: 0, lost: 0, lostThere: 0, inFlight: 0, verified: 0, ops: 0 };
}

async function runEngine(eng, results) {
  const t0 = Date.now();
  try {
    await setupEngine(eng);
  } catch (e) {
    console.log(`FAIL ${eng.name} setup`);
    for (const l of [e.message, ...logTail(eng.log, 20)]) console.log(`    ${l}`);
    results.failed++;
    return;
  }
  for (let R = 1; R <= ROUNDS; R++) {
    let out;
    try {
      out = await round(eng, R);
    } catch (e) {
      out = { problems: [e.stack || e.message, ...logTail(eng.log, 15)], plan: { count: { acked: 0, refused: 0, lost: 0 } } };
      // a server that no longer starts ends this engine's rounds
      if (!eng.srv || eng.srv.child.exitCode !== null || eng.srv.child.signalCode !== null) {
        try { await start(eng); } catch (e2) {
          console.log(`FAIL ${eng.name} round ${R}`);
          for (const l of [...out.problems, 'the server does not start again: ' + e2.message]) console.log(`    ${l}`);
          results.failed += ROUNDS - R + 1;
          break;
        }
      }
      // the round's checks stopped halfway: what the clients think they wrote is taken
      // from the server again
      try { await resync(eng); } catch (e3) { out.problems.push('resync: ' + e3.message); }
    }
    const c = out.plan.count;
    for (const k of ['acked', 'refused', 'lost']) eng.totals[k] += c[k];
    eng.totals.verified += out.verified || 0;
    eng.totals.ops += out.ops || 0;
    eng.totals.lostThere += out.lostThere || 0;
    eng.totals.inFlight += out.inFlight || 0;
    const what = `${eng.name} round ${R}: killed after ${out.killAfter}, ${c.acked} writes answered, ${c.lost} unanswered` +
      ` (${out.inFlight ?? '?'} in flight, ${out.lostThere ?? '?'} written)${c.refused ? `, ${c.refused} refused` : ''}; ${out.verified ?? 0} verified, ${out.ihow || '-'}`;
    if (SABOTAGE && out.sabotage) {
      // the damage must be found
      if (out.problems.length) { results.passed++; console.log(`ok   ${what}; damage "${out.sabotage}" found: ${out.problems[0]}`); }
      else { results.failed++; console.log(`FAIL ${what}; damage "${out.sabotage}" not found`); }
    } else if (out.problems.length) {
      results.failed++;
      console.log(`FAIL ${what}`);
      for (const l of out.problems.slice(0, 40)) console.log(`    ${l}`);
      if (out.problems.length > 40) console.log(`    ... ${out.problems.length - 40} more`);
    } else {
      results.passed++;
      console.log(`ok   ${what}`);
    }
  }
  if (eng.srv && eng.srv.child.exitCode === null) {
    eng.srv.child.kill('SIGTERM');
    await Promise.race([eng.srv.exited, sleep(10000)]);
    if (eng.srv.child.exitCode === null && eng.srv.child.signalCode === null) eng.srv.child.kill('SIGKILL');
  }
  const t = eng.totals;
  console.log(`== ${eng.name}: ${ROUNDS} rounds in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${t.ops} writes sent, ` +
    `${t.acked} answered 2xx, ${t.lost} unanswered (${t.inFlight} in flight at the kill, ${t.lostThere} of them written, whole), ${t.refused} refused; ${t.verified} answered writes verified after a restart` +
    `${eng.pg ? (eng.amcheck ? '; pg_amcheck after each round' : `; no pg_amcheck (${eng.amcheckWhy})`) : '; PRAGMA integrity_check after each round'}`);
}

/* ---------------------------------------------------------------- main */

let pgCluster = null;
let pgDrop = null;

function cleanup() {
  if (pgDrop) spawnSync('psql', [pgDrop.admin, '-XAtqc', `DROP DATABASE IF EXISTS ${pgDrop.name}`], { encoding: 'utf8' });
  if (pgCluster) spawnSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'stop', pgCluster], { encoding: 'utf8' });
  if (!process.env.NGOAIVU_CRASH_KEEP) fs.rmSync(DIR, { recursive: true, force: true });
  else console.log(`kept ${DIR}`);
}

/* The PostgreSQL database of the run: a new one beside NGOAIVU_TEST_PG_URI's (dropped at
 * the end), or the one it names when no other can be made; without it, a throw-away
 * cluster's. null (and why) when there is none. */
function pgDatabase() {
  if (process.env.CRASH_PG === '0') return [null, 'CRASH_PG=0'];
  let base = process.env.NGOAIVU_TEST_PG_URI;
  if (!base) {
    if (!pgBin('initdb') || !pgBin('psql')) return [null, 'no PostgreSQL installed and no NGOAIVU_TEST_PG_URI'];
    const dir = path.join(os.tmpdir(), `ngoaivu-crash-pg-${process.pid}`);
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'start', dir], { encoding: 'utf8' });
    if (r.status !== 0) return [null, `the throw-away cluster did not start: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`];
    pgCluster = dir;
    const m = r.stdout.match(/NGOAIVU_PG_URI=(\S+)/);
    base = m[1];
  }
  const name = `ngoaivu_crash_${process.pid}`;
  const r = spawnSync('psql', [base, '-XAtqc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) return [null, `cannot make a database beside ${base}: ${(r.stderr || '').trim()}`, true];
  pgDrop = { admin: base, name };
  const u = new URL(base);
  u.pathname = '/' + name;
  return [u.toString(), null];
}

async function main() {
  if (!fs.existsSync(BIN)) {
    console.log(`FAIL setup: no binary at ${BIN}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`crash test: ${BIN}, ${ROUNDS} rounds per engine, ${CLIENTS} clients, CRASH_SEED=${SEED}`);
  const results = { passed: 0, failed: 0 };
  // ASan's server is slower to start and to answer: no kill before its first writes
  const slow = /asan/.test(BIN);
  const engines = [{ name: 'sqlite', pg: false, db: path.join(DIR, 'crash.db'), log: path.join(DIR, 'sqlite.log') }];
  const [pgdb, why, broken] = pgDatabase();
  if (pgdb) engines.push({ name: 'postgres', pg: true, db: pgdb, log: path.join(DIR, 'postgres.log'), amcheck: pgBin('pg_amcheck'), amcheckWhy: 'not installed' });
  else if (broken) { console.log(`FAIL postgres setup: ${why}`); results.failed++; }
  else console.log(`(PostgreSQL not tested: ${why})`);
  for (const eng of engines) {
    eng.killMin = slow ? 100 : 50;
    eng.killMax = 1000;
    await runEngine(eng, results);
  }
  cleanup();
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}

// a server left running by a failure of this script itself
process.on('exit', () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});
main().catch((e) => {
  console.log(`FAIL crash test: ${e.stack || e}`);
  try { cleanup(); } catch { /* nothing more to do */ }
  console.log('0 passed, 1 failed');
  process.exit(1);
});
