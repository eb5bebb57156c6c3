// The soak test: a demo server under a steady mixed load of several signed-in clients for
// a long time (30 minutes by default), watched for what only time shows: a stall, memory
// that keeps growing, latency that creeps up, file descriptors or connections that pile up.
//   node tests/soak/run.mjs                          30 minutes, 6 clients, SQLite
//   SOAK_SECONDS=60 SOAK_CLIENTS=4 node tests/soak/run.mjs
//   SOAK_PG=1 SOAK_SECONDS=300 node tests/soak/run.mjs   SQLite, then PostgreSQL
// The load: each client is a user of its own (role leader) signed in twice, a browser
// session (cookie and CSRF token) and an API token, doing one thing after another with a
// short pause (0-40 ms) between: list pages and API lists with filters, sorts and pages,
// record pages, search, the dashboard, the calendar, CSV and XLSX exports, the audit of a
// record; and about one time in six a write: partners created, updated and deleted (page
// forms and API), delegations created, edited, stepped through the workflow (proposed <->
// approved) and deleted, PDF uploads to an agreement and their removal, now and then a CSV
// import of partners, a login and logout. What a client creates it deletes again later, so
// the data stays about the same size (the audit log grows). A tenth of the requests go on
// a new connection, the others on the client's keep-alive one. A watchdog asks /healthz
// every 100 ms on a connection of its own.
// Every 10 s (a shorter run: its length / 40, at least 1 s) a sample of the server: its RSS
// (/proc/PID/status VmRSS), its open file descriptors (/proc/PID/fd), how many of them are
// sockets, its established TCP connections on its port (/proc/net/tcp), and the latency of
// the clients' requests in that window (p50, p99, max); and, to tell the server's slowness
// from the machine's, the server's CPU time and its threads' time waiting for a processor
// (/proc/PID/task/*/schedstat), the load average, and this script's own event-loop delay.
// At the end the server's log (each request with its time) gives the server's own p50/p99
// by quarter, and each stall the server's time of it.
// Warm-up: the first 20% of the run (at least 10 s). The rest is cut in four quarters, Q1 to
// Q4. The checks, each counted:
//   stalls        no request (watchdog or client) took more than 1 s
//   errors        no answer 5xx, no connection error or timeout
//   answers       every answer is the one the request expects (a 4xx would mean the load
//                 is not doing what it says: a lost session, a refused write)
//   memory        the mean RSS of Q4's samples is at most max(10%, 8 MB) above the mean of
//                 Q1's: a leak grows steadily after warm-up, a cache that fills stops
//   heap          what the server's own code holds: the heap in use (malloc's, not what it
//                 keeps free) less the database library's (SQLite's page caches, schemas,
//                 statements) and the answer caches', as /healthz gives them to a client
//                 on the machine: Q4's mean at most max(10%, 4 MB) above Q1's. The RSS
//                 grows as the caches fill with a growing database; this must not
//   latency       the p99 of Q4's requests is at most 2 x Q1's p99 + 20 ms (the floor:
//                 a server answering in 2 ms may have 5 ms of noise)
//   descriptors   those that are neither sockets nor the database connections' (SQLite:
//                 the file and its log; the pool opens a connection when the load first
//                 needs one): Q4's most at most Q1's most + 3, and once the clients closed
//                 their connections at most as many as at the warm-up's end + 3
//   connections   at no sample after warm-up more than 2 x clients + 3 established (a
//                 keep-alive one per client and the watchdog's, a new one per client at
//                 most, one closing); once the clients closed theirs none established or in
//                 CLOSE_WAIT and the sockets back to their number before the load (+1); the
//                 database connections (SQLite's or PostgreSQL's) never more than the
//                 server's pool (threads + 16 writers + 2)
//   alive         after the load the server answers /healthz and a signed-in page, stops
//                 on SIGTERM within 10 s with status 0, and its log has no sanitizer report
//   integrity     PRAGMA integrity_check and foreign_key_check are clean after it stopped
// With a sanitizer build (a path with "asan") the memory check is skipped: ASan's
// quarantine grows by design.
// Prints the samples as a table, the figures, "ok"/"FAIL" per check, then
// "N passed, N failed[, N skipped]"; exits non-zero when anything failed.
// Environment: SOAK_SECONDS (1800), SOAK_CLIENTS (6), SOAK_THREADS (the server's threads;
// its default: the number of processors), SOAK_SEED (the clients' random choices),
// NGOAIVU_BIN (build/ngoaivu), NGOAIVU_SOAK_KEEP=1 keeps the temporary directory
// (database, server log, samples.json). SOAK_PG=1: then the same run again on PostgreSQL,
// in a database made beside NGOAIVU_TEST_PG_URI's or in a throw-away cluster
// (scripts/pg-cluster.sh), dropped or stopped at the end; its integrity is pg_amcheck's, and
// its connections to PostgreSQL (the "db" column) must stay within the server's pool.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { req, server, freePort, cli, describeRun, startServer, logTail, sleep, multipart, getCookie, csrfOf } from '../e2e/lib.mjs';

const started = Date.now();
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.resolve(process.env.NGOAIVU_BIN || path.join(ROOT, 'build/ngoaivu'));
const SECONDS = Number(process.env.SOAK_SECONDS || 1800);
const CLIENTS = Math.max(1, Number(process.env.SOAK_CLIENTS || 6));
const THREADS = Number(process.env.SOAK_THREADS || os.availableParallelism?.() || os.cpus().length);
const SEED = Number(process.env.SOAK_SEED || (Date.now() % 2147483647));
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ngoaivu-soak-'));
const SANITIZED = /asan/.test(BIN);

const STALL_MS = 1000;
const WARMUP_S = Math.max(10, SECONDS * 0.2);
const SAMPLE_S = Math.min(10, Math.max(1, SECONDS / 40));
const PROBE_MS = 100;
const FRESH = 0.1; // the share of a client's requests sent on a new connection
const RSS_PCT = 0.10, RSS_MB = 8;
const P99_FACTOR = 2, P99_FLOOR_MS = 20;
const FD_SLACK = 3;
const HEAP_PCT = 0.10, HEAP_MB = 4;

/* ---------------------------------------------------------------- randomness */

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
  rnd.pick = (a) => a[Math.floor(rnd() * a.length)];
  return rnd;
}

/* ---------------------------------------------------------------- what is measured */

let M;
const freshM = () => ({
  lat: [], // every client request: [seconds since the load began, ms]
  window: [], // the client requests' ms since the last sample
  probeMax: 0, // the watchdog's slowest answer since the last sample
  requests: 0, probes: 0,
  stalls: [], errors: [], fivexx: [], unexpected: [],
  kinds: {}, // operations done, by kind
  routes: {}, // the clients' ms by route (numbers as N, no query)
});
let t0 = 0, t0Wall = 0; // performance.now() and Date.now() when the load began
const now = () => (performance.now() - t0) / 1000;

function note(list, item) {
  if (list.length < 200) list.push(item);
  list.total = (list.total || 0) + 1;
}

/* One request, timed: the answer, or null when none came (counted as an error). expect:
 * the statuses it should get. probe: the watchdog's (not in the clients' percentiles). */
async function call(me, method, p, opts = {}, expect = [200], probe = false) {
  const agent = probe ? me.agent : me.rnd() < FRESH ? undefined : me.agent;
  const at = now();
  const a = performance.now();
  let res = null, err = null;
  try {
    res = await req(method, p, { ...opts, agent });
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - a;
  const what = `${method} ${p.length > 120 ? p.slice(0, 120) + '…' : p}`;
  if (probe) {
    M.probes++;
    if (ms > M.probeMax) M.probeMax = ms;
  } else {
    M.requests++;
    M.lat.push([at, ms]);
    M.window.push(ms);
    const route = `${method} ${p.replace(/\?.*/, '').replace(/\/\d+/g, '/N')}`;
    (M.routes[route] ||= []).push(ms);
  }
  if (ms > STALL_MS) note(M.stalls, { at, ms, what: (probe ? 'watchdog ' : `client ${me.c} `) + what });
  if (err) { note(M.errors, { at, what, error: err.message }); return null; }
  if (res.status >= 500) note(M.fivexx, { at, what, status: res.status, body: res.text.slice(0, 200) });
  else if (!expect.includes(res.status)) note(M.unexpected, { at, what, status: res.status, expect, body: res.text.slice(0, 200) });
  return res;
}

/* ---------------------------------------------------------------- the server's figures */

function procFigures(pid, port, dbPort = 0, dbPath = null) {
  const st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number((st.match(/^VmRSS:\s+(\d+) kB/m) || [0, 0])[1]) / 1024;
  const threads = Number((st.match(/^Threads:\s+(\d+)/m) || [0, 0])[1]);
  // SQLite: its connections' descriptors (the database file, and its log) counted apart:
  // the pool opens a connection when the load first needs it, up to its size
  let fds = 0, socks = 0, db = 0, dbfds = 0;
  const inodes = new Set();
  for (const f of fs.readdirSync(`/proc/${pid}/fd`)) {
    let l;
    try { l = fs.readlinkSync(`/proc/${pid}/fd/${f}`); } catch { continue; } // closed meanwhile
    fds++;
    const m = l.match(/^socket:\[(\d+)\]$/);
    if (m) { socks++; inodes.add(m[1]); }
    else if (dbPath && l === dbPath) { db++; dbfds++; }
    else if (dbPath && l === dbPath + '-wal') dbfds++;
  }
  // the server's side of its TCP connections: local port its port, state ESTABLISHED (01)
  // or CLOSE_WAIT (08: the client closed, the server not yet); and its connections to
  // PostgreSQL (its sockets whose remote port is the database's), counted apart
  let conns = 0, closeWait = 0;
  const hex = ':' + port.toString(16).toUpperCase().padStart(4, '0');
  const dbHex = ':' + dbPort.toString(16).toUpperCase().padStart(4, '0');
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try { text = fs.readFileSync(f, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const c = line.trim().split(/\s+/);
      if (c.length < 10) continue;
      if (dbPort && c[2].endsWith(dbHex) && inodes.has(c[9])) db++;
      if (!c[1].endsWith(hex)) continue;
      if (c[3] === '01') conns++;
      else if (c[3] === '08') closeWait++;
    }
  }
  if (dbPort) { socks -= db; dbfds = db; }
  // the CPU time of all its threads and their time waiting for a CPU (ns): the second is
  // what other programs on the machine took from it
  let run = 0, wait = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const [r, w] = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      run += r; wait += w;
    } catch { /* a thread gone meanwhile */ }
  }
  const load = Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  return { rss, threads, fds, socks, conns, closeWait, db, other: fds - socks - (dbPort ? 0 : dbfds), run, wait, load };
}

function pct(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const sortNum = (a) => Float64Array.from(a).sort();

/* ---------------------------------------------------------------- the load */

const PDF = (n, rnd) => Buffer.concat([Buffer.from(`%PDF-1.4\n%soak ${rnd()}\n`), crypto.randomBytes(n), Buffer.from('\n%%EOF\n')]);
const WORDS = ['attapeu', 'lao', 'kon tum', 'hợp tác', 'ngoai vu', 'đoàn', 'campuchia', 'hàn quốc', 'sê kông', 'thoả thuận', 'biên giới', 'y tế', 'xyzkhongco'];
// each list: the filters and sorts it takes (checked at the start: a 400 stops the run)
const LISTS = {
  partners: { f: ['country=LA', 'country=KH', 'kind=ngo', 'kind=locality', 'q=attapeu', 'q=so'], s: ['name_vi', '-name_vi', 'country', 'kind', '-id'] },
  delegations: { f: ['direction=outbound', 'direction=inbound', 'status=approved', 'country=LA', 'start_date_from=2024-01-01', 'q=kon%20tum'], s: ['-start_date', 'start_date', 'title', '-id'] },
  agreements: { f: ['kind=mou', 'country=LA'], s: ['title_vi', '-id'] },
  commitments: { f: ['status=overdue', 'status=done'], s: ['deadline', '-deadline'] },
  contacts: { f: ['country=LA'], s: ['full_name'] },
  agencies: { f: ['q=so'], s: ['name_vi'] },
  gates: { f: ['state=open'], s: ['name_vi'] },
  incidents: { f: ['status=closed'], s: ['-date'] },
  trade_reports: { f: ['latest=1'], s: ['-period_start'] },
  projects: { f: [], s: ['-id'] },
  markers: { f: ['flag=ok'], s: ['number'] },
};
const EXPORTS = ['partners', 'delegations', 'commitments', 'agreements', 'contacts'];
const SEEN = {}; // the ids of each list's first rows (record pages)

function listQuery(rnd, e, api) {
  const L = LISTS[e], q = [];
  if (L.f.length && rnd() < 0.7) q.push(rnd.pick(L.f));
  if (rnd() < 0.6) q.push('sort=' + rnd.pick(L.s));
  const limit = rnd.pick([10, 20, 50]);
  if (api || rnd() < 0.5) q.push(`limit=${limit}`);
  if (rnd() < 0.4) q.push(`offset=${limit * rnd.between(1, 3)}`);
  if (!api && rnd() < 0.2) q.push('lang=en');
  return q.length ? '?' + q.join('&') : '';
}

function month(rnd) {
  return `${rnd.between(2019, 2027)}-${String(rnd.between(1, 12)).padStart(2, '0')}`;
}

async function read(me) {
  const { rnd } = me;
  const w = { cookie: me.web.cookie }, t = { token: me.token };
  const x = rnd();
  const e = rnd.pick(Object.keys(LISTS));
  if (x < 0.18) return ['list page', await call(me, 'GET', `/${e}${listQuery(rnd, e, false)}`, w)];
  if (x < 0.32) return ['API list', await call(me, 'GET', `/api/v1/${e}${listQuery(rnd, e, true)}`, t)];
  if (x < 0.46) {
    // a record page: one of the demo's, or one of the client's own partners
    const own = rnd() < 0.3 && me.partners.length;
    const ent = own ? 'partners' : e;
    const rid = own ? rnd.pick(me.partners).id : rnd.pick(SEEN[e]);
    if (rnd() < 0.6) return ['record page', await call(me, 'GET', `/${ent}/${rid}${rnd() < 0.2 ? '?lang=en' : ''}`, w)];
    return ['API record', await call(me, 'GET', `/api/v1/${ent}/${rid}`, t)];
  }
  if (x < 0.56) {
    const q = encodeURIComponent(rnd.pick(WORDS));
    return ['search', rnd() < 0.6 ? await call(me, 'GET', `/search?q=${q}`, w) : await call(me, 'GET', `/api/v1/search?q=${q}`, t)];
  }
  if (x < 0.66) return ['dashboard', rnd() < 0.7 ? await call(me, 'GET', '/', w) : await call(me, 'GET', '/api/v1/dashboard', t)];
  if (x < 0.74) {
    if (rnd() < 0.6) return ['calendar', await call(me, 'GET', `/calendar${rnd() < 0.5 ? '' : '?month=' + month(rnd)}`, w)];
    const y = rnd.between(2019, 2027);
    return ['calendar', await call(me, 'GET', `/api/v1/calendar?from=${y}-01-01&to=${y}-12-31`, t)];
  }
  if (x < 0.81) {
    const ex = rnd.pick(EXPORTS), fmt = rnd() < 0.5 ? 'csv' : 'xlsx';
    return ['export ' + fmt, rnd() < 0.5 ? await call(me, 'GET', `/${ex}?format=${fmt}`, w) : await call(me, 'GET', `/api/v1/${ex}?format=${fmt}&limit=500`, t)];
  }
  if (x < 0.86) {
    const p = me.partners.length ? me.partners[me.partners.length - 1].id : rnd.pick(SEEN.partners);
    return ['audit', await call(me, 'GET', `/api/v1/audit?entity=partner&id=${p}`, t)];
  }
  if (x < 0.90) return ['attachments', await call(me, 'GET', `/api/v1/agreements/${me.agreement}/attachments`, t)];
  if (x < 0.94) return ['agreement page', await call(me, 'GET', `/agreements/${me.agreement}`, w)];
  if (x < 0.97) return ['notifications', rnd() < 0.5 ? await call(me, 'GET', '/notifications', w) : await call(me, 'GET', '/api/v1/notifications', t)];
  return ['map', await call(me, 'GET', rnd() < 0.5 ? '/map' : '/trade', w)];
}

const partnerForm = (p) => ({
  kind: p.kind, name_vi: p.name_vi, name_en: p.name_en ?? '', name_native: p.name_native ?? '',
  country: p.country, subdivision: p.subdivision ?? '', address: p.address ?? '', website: p.website ?? '',
  email: p.email ?? '', phone: p.phone ?? '', notes: p.notes ?? '',
});

async function partnerRecord(me, id) {
  const r = await call(me, 'GET', `/api/v1/partners/${id}`, { token: me.token });
  return r && r.status === 200 ? r.json() : null;
}

const MAX_PARTNERS = 12, MAX_DELEGATIONS = 4, MAX_FILES = 6;

async function write(me) {
  const { rnd } = me;
  const tag = `soak c${me.c} n${++me.n}`;
  const t = { token: me.token };
  const x = rnd();
  if (me.partners.length > MAX_PARTNERS) {
    // the oldest of the client's partners goes
    const p = me.partners.shift();
    if (rnd() < 0.5) await call(me, 'DELETE', `/api/v1/partners/${p.id}`, t, [204]);
    else await call(me, 'POST', `/partners/${p.id}/delete`, { cookie: me.web.cookie, form: { csrf: me.web.csrf } }, [303]);
    return 'partner deleted';
  }
  if (x < 0.22) {
    const f = rnd() < 0.7 ? { kind: 'ngo', country: rnd.pick(['LA', 'KH', 'TH', 'KR', 'JP']) } : { kind: 'locality', country: 'LA', subdivision: rnd.pick(['LA-AT', 'LA-XE', 'LA-CH']) };
    Object.assign(f, { name_vi: `Đối tác ${tag}`, notes: `ghi chú ${tag}` });
    if (rnd() < 0.5) {
      const r = await call(me, 'POST', '/api/v1/partners', { ...t, json: f }, [201]);
      if (r && r.status === 201) me.partners.push({ id: r.json().id, rec: r.json() });
    } else {
      const r = await call(me, 'POST', '/partners', { cookie: me.web.cookie, form: { csrf: me.web.csrf, ...partnerForm(f) } }, [303]);
      const m = r && (r.headers.location || '').match(/^\/partners\/(\d+)\?saved=1$/);
      if (m) me.partners.push({ id: Number(m[1]), rec: null });
      else if (r && r.status === 303) note(M.unexpected, { at: now(), what: 'POST /partners', status: 303, body: `Location ${r.headers.location}` });
    }
    return 'partner created';
  }
  if (x < 0.44 && me.partners.length) {
    const p = rnd.pick(me.partners);
    if (rnd() < 0.5) {
      const r = await call(me, 'PUT', `/api/v1/partners/${p.id}`, { ...t, json: { notes: `sửa ${tag}`, ...(p.rec ? { version: p.rec.version } : {}) } });
      p.rec = r && r.status === 200 ? r.json() : null;
    } else {
      const rec = p.rec || (await partnerRecord(me, p.id));
      if (!rec) return 'partner updated';
      await call(me, 'POST', `/partners/${p.id}`, { cookie: me.web.cookie, form: { csrf: me.web.csrf, version: rec.version, ...partnerForm({ ...rec, notes: `sửa trang ${tag}` }) } }, [303]);
      p.rec = null; // its version moved: read again before the next form
    }
    return 'partner updated';
  }
  if (x < 0.62) {
    // a workflow step of one of its delegations: proposed <-> approved (the client is a leader)
    const d = rnd.pick(me.delegations);
    const to = d.status === 'proposed' ? 'approved' : 'proposed';
    let r;
    if (rnd() < 0.5) r = await call(me, 'POST', `/api/v1/delegations/${d.id}/transition`, { ...t, json: { to, note: `bước ${tag}` } });
    else r = await call(me, 'POST', `/delegations/${d.id}/transition`, { cookie: me.web.cookie, form: { csrf: me.web.csrf, to, note: `bước ${tag}` } }, [303]);
    if (r && (r.status === 200 || r.status === 303)) d.status = to;
    return 'workflow step';
  }
  if (x < 0.70) {
    if (me.delegations.length > MAX_DELEGATIONS) {
      const d = me.delegations.shift();
      await call(me, 'DELETE', `/api/v1/delegations/${d.id}`, t, [204]);
      return 'delegation deleted';
    }
    if (rnd() < 0.6) {
      const d = rnd.pick(me.delegations);
      const r = await call(me, 'PUT', `/api/v1/delegations/${d.id}`, { ...t, json: { title: `Đoàn ${tag}` } });
      if (r && r.status === 200) d.status = r.json().status;
      return 'delegation updated';
    }
    const r = await call(me, 'POST', '/api/v1/delegations', { ...t, json: newDelegation(tag, rnd) }, [201]);
    if (r && r.status === 201) me.delegations.push({ id: r.json().id, status: 'proposed' });
    return 'delegation created';
  }
  if (x < 0.92) {
    if (me.files >= MAX_FILES) {
      const r = await call(me, 'GET', `/api/v1/agreements/${me.agreement}/attachments`, t);
      const items = r && r.status === 200 ? r.json().items : [];
      for (const a of items.slice(0, items.length - 2)) await call(me, 'DELETE', `/api/v1/agreements/${me.agreement}/attachments/${a.id}`, t, [204]);
      me.files = Math.min(items.length, 2);
      return 'attachments deleted';
    }
    const data = PDF(rnd() < 0.15 ? rnd.between(100000, 400000) : rnd.between(500, 30000), rnd);
    const name = `soak-${tag.replace(/ /g, '-')}.pdf`;
    if (rnd() < 0.5) {
      const m = multipart({}, { name, type: 'application/pdf', data });
      await call(me, 'POST', `/api/v1/agreements/${me.agreement}/attachments`, { ...t, body: m.body, headers: m.headers }, [201]);
    } else {
      const m = multipart({ csrf: me.web.csrf }, { name, type: 'application/pdf', data });
      await call(me, 'POST', `/agreements/${me.agreement}/attachments`, { cookie: me.web.cookie, body: m.body, headers: m.headers }, [303]);
    }
    me.files++;
    return 'upload';
  }
  if (x < 0.96) {
    // a CSV import of a few partners; the client finds them again and deletes them later
    const k = rnd.between(2, 12), key = `sic${me.c}x${me.n}`;
    let csv = 'name_vi,kind,country,notes\n';
    for (let i = 1; i <= k; i++) csv += `"Nhập ${key} ${i}",ngo,LA,"dòng ${i}"\n`;
    const r = await call(me, 'POST', '/api/v1/import/partners', { ...t, body: csv, headers: { 'Content-Type': 'text/csv' } });
    if (r && r.status === 200) {
      const l = await call(me, 'GET', `/api/v1/partners?q=${key}&limit=50`, t);
      const found = l && l.status === 200 ? l.json().items.filter((p) => p.name_vi.startsWith(`Nhập ${key} `)) : [];
      if (found.length !== k) note(M.unexpected, { at: now(), what: `import ${key}`, status: found.length, body: `${k} rows imported, ${found.length} found by ?q=${key}` });
      for (const p of found) me.partners.push({ id: p.id, rec: p });
    }
    return 'import';
  }
  // a login and a logout: a session written and ended
  const r = await call(me, 'POST', '/api/v1/login', { json: { username: me.user, password: me.password } });
  if (r && r.status === 200) {
    const tok = r.json().token;
    await call(me, 'GET', '/api/v1/account', { token: tok });
    await call(me, 'POST', '/api/v1/logout', { token: tok });
  }
  return 'login';
}

function newDelegation(tag, rnd) {
  const y = rnd.between(2027, 2028), m = String(rnd.between(1, 12)).padStart(2, '0');
  return { title: `Đoàn ${tag}`, direction: rnd.pick(['outbound', 'inbound']), level: 'department', channel: 'state',
    country: rnd.pick(['LA', 'KH']), start_date: `${y}-${m}-10`, end_date: `${y}-${m}-12` };
}

let stopping = false;

async function client(me) {
  while (!stopping) {
    let kind;
    try {
      if (me.rnd() < 0.16) kind = await write(me);
      else [kind] = await read(me);
    } catch (e) {
      note(M.errors, { at: now(), what: `client ${me.c}`, error: e.stack || e.message });
      kind = 'error';
    }
    M.kinds[kind] = (M.kinds[kind] || 0) + 1;
    await sleep(me.rnd.between(0, 40));
  }
}

async function watchdog(probe) {
  let next = performance.now();
  while (!stopping) {
    const res = await call(probe, 'GET', '/healthz', {}, [200], true);
    try { const m = res && JSON.parse(res.text).memory; if (m) M.mem = m; } catch { /* counted by call */ }
    next += PROBE_MS;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    else next = performance.now(); // it took longer than 100 ms: the next one now
  }
}

/* ---------------------------------------------------------------- setup */

async function webLogin(user, password) {
  const form = await req('GET', '/login');
  const l = getCookie(form, 'lcsrf');
  if (form.status !== 200 || !l) throw new Error(`GET /login: ${form.status}, lcsrf ${!!l}`);
  const r = await req('POST', '/login', { cookie: `lcsrf=${l.value}`, form: { csrf: csrfOf(form.text), username: user, password, next: '/' } });
  const sid = getCookie(r, 'sid');
  if (r.status !== 303 || !sid) throw new Error(`web login of ${user}: ${r.status} ${r.text.slice(0, 200)}`);
  const cookie = `sid=${sid.value}`;
  const home = await req('GET', '/', { cookie });
  const csrf = csrfOf(home.text);
  if (home.status !== 200 || !csrf) throw new Error(`the home page after the login of ${user}: ${home.status}`);
  return { cookie, csrf };
}

async function apiLogin(username, password) {
  const r = await req('POST', '/api/v1/login', { json: { username, password } });
  if (r.status !== 200) throw new Error(`API login of ${username}: ${r.status} ${r.text.slice(0, 200)}`);
  return r.json().token;
}

let srv = null;

async function startAndWait(db, log) {
  for (let attempt = 1; ; attempt++) {
    server.port = await freePort();
    // statements slower than 100 ms go to its log (store/sqlite.c): a slow request's why
    srv = startServer(BIN, db, log, server.port, THREADS, { env: { NGOAIVU_SQL_SLOW_US: '100000' } });
    const deadline = Date.now() + 30000;
    try {
      for (;;) {
        if (srv.child.exitCode !== null || srv.child.signalCode !== null) throw new Error('the server exited at start');
        try { if ((await req('GET', '/healthz')).status === 200) return; } catch { /* not yet */ }
        if (Date.now() > deadline) throw new Error('no 200 from /healthz within 30 s');
        await sleep(20);
      }
    } catch (e) {
      if (!/address already in use|cannot listen|bind/i.test(logTail(log, 5).join('\n')) || attempt === 3) throw e;
    }
  }
}

async function setup(eng) {
  let r = cli(BIN, ['init', '--db', eng.db]);
  if (r.code !== 0) throw new Error(describeRun('init', r).join('\n'));
  r = cli(BIN, ['demo', '--db', eng.db]);
  const m = r.stdout.match(/^demo login: admin \/ (\S+)$/m);
  if (r.code !== 0 || !m) throw new Error(describeRun('demo', r).join('\n'));
  const clients = [];
  for (let c = 0; c < CLIENTS; c++) {
    const user = `soak_c${c}`, password = `soak-${crypto.randomBytes(6).toString('hex')}-mk`;
    r = cli(BIN, ['user', 'add', user, '--role', 'leader', '--db', eng.db], password + '\n');
    if (r.code !== 0) throw new Error(describeRun('user add', r).join('\n'));
    clients.push({ c, user, password });
  }
  await startAndWait(eng.db, eng.log);
  const admin = await apiLogin('admin', m[1]);
  // the lists' filters and sorts answer 200, and their first rows are the record pages'
  for (const [e, L] of Object.entries(LISTS)) {
    for (const q of ['', ...L.f.map((f) => '?' + f), ...L.s.map((s) => '?sort=' + s)]) {
      const l = await req('GET', `/api/v1/${e}${q}${q ? '&' : '?'}limit=50`, { token: admin });
      if (l.status !== 200) throw new Error(`GET /api/v1/${e}${q}: ${l.status} ${l.text.slice(0, 200)}`);
      if (!q) SEEN[e] = l.json().items.map((i) => i.id);
    }
    if (!SEEN[e].length) throw new Error(`the demo has no ${e}`);
  }
  for (const me of clients) {
    me.rnd = makeRng(SEED * 31 + me.c + 1);
    me.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    me.web = await webLogin(me.user, me.password);
    me.token = await apiLogin(me.user, me.password);
    me.n = 0;
    me.partners = [];
    me.delegations = [];
    me.files = 0;
    r = await req('POST', '/api/v1/agreements', { token: me.token, json: { title_vi: `Thoả thuận soak ${me.c}`, kind: 'mou', partner_ids: [SEEN.partners[0]] } });
    if (r.status !== 201) throw new Error(`an agreement to upload to: ${r.status} ${r.text.slice(0, 200)}`);
    me.agreement = r.json().id;
    r = await req('POST', '/api/v1/delegations', { token: me.token, json: newDelegation(`c${me.c} start`, me.rnd) });
    if (r.status !== 201) throw new Error(`a delegation: ${r.status} ${r.text.slice(0, 200)}`);
    me.delegations.push({ id: r.json().id, status: 'proposed' });
  }
  return clients;
}

/* ---------------------------------------------------------------- the run */

function fileMB(f) {
  try { return fs.statSync(f).size / 1048576; } catch { return 0; }
}

function duMB(dir) {
  let n = 0;
  try {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }))
      n += e.isDirectory() ? duMB(path.join(dir, e.name)) : fileMB(path.join(dir, e.name));
  } catch { /* none */ }
  return n;
}

function sqlOf(db, sql) {
  const r = spawnSync('sqlite3', ['-bail', db], { input: sql, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`sqlite3: ${(r.stderr || (r.error && r.error.message) || '').slice(0, 500)}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

const fmt = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : String(v));
const mean = (a) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN);

async function runEngine(eng, results) {
  const check = (name, good, detail, lines = []) => {
    if (good === null) { results.skipped++; console.log(`skip ${eng.name} ${name}: ${detail}`); return; }
    if (good) results.passed++; else results.failed++;
    console.log(`${good ? 'ok  ' : 'FAIL'} ${eng.name} ${name}: ${detail}`);
    for (const l of lines) console.log(`    ${l}`);
  };
  let clients;
  M = freshM();
  try {
    clients = await setup(eng);
  } catch (e) {
    check('setup', false, e.message, logTail(eng.log, 20));
    return;
  }
  const pid = srv.child.pid, port = server.port;
  if (!eng.pg) { eng.size0 = fileMB(eng.db) + fileMB(eng.db + '-wal'); eng.files0 = duMB(eng.db + '.files'); }
  await sleep(300); // the setup's connections closed
  const idle = procFigures(pid, port, eng.dbPort, eng.pg ? null : eng.db);
  console.log(`${eng.name}: server pid ${pid} on 127.0.0.1:${port}, ${THREADS} threads; ${CLIENTS} clients for ${SECONDS} s, ` +
    `warm-up ${WARMUP_S.toFixed(0)} s, a sample every ${SAMPLE_S} s; before the load: RSS ${idle.rss.toFixed(1)} MB, ${idle.fds} fds (${idle.socks} sockets)`);

  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const samples = [];
  t0 = performance.now();
  t0Wall = Date.now();
  stopping = false;
  const probe = { c: 'w', agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), rnd: Math.random };
  const running = [watchdog(probe), ...clients.map((me) => client(me))];
  // cpu: the server's CPU time in the window (% of one processor); wait: its threads' time
  // ready to run but waiting for a processor; load: the machine's 1-minute load average;
  // probe: the watchdog's slowest answer; lag: this script's own event-loop delay (a slow
  // answer with a long lag was partly this side's)
  const header = '  time(s)  rss(MB) heap(MB) own(MB)  fds socks conns  db thr  requests   p50(ms)  p99(ms)  max(ms) probe(ms) lag(ms)  cpu%  wait% load' + (eng.pg ? '' : ' wal(MB)');
  console.log(header);
  let lastReq = 0, prev = idle, prevAt = 0;
  for (let k = 1; k * SAMPLE_S <= SECONDS + 1e-9; k++) {
    const wait = k * SAMPLE_S * 1000 - (performance.now() - t0);
    if (wait > 0) await sleep(wait);
    if (srv.child.exitCode !== null || srv.child.signalCode !== null) break;
    let f;
    try { f = procFigures(pid, port, eng.dbPort, eng.pg ? null : eng.db); } catch (e) { break; }
    const w = sortNum(M.window);
    const at = now(), dt = (at - prevAt) * 1e9;
    if (!eng.pg) f.wal = fileMB(eng.db + '-wal');
    const mb = (n) => (n > 0 ? n / 1048576 : 0);
    const mem = M.mem || { heap: 0, engine: -1, caches: 0 };
    f.heap = mb(mem.heap);
    f.own = mb(mem.heap - Math.max(mem.engine, 0) - mem.caches);
    const s = { t: at, ...f, requests: M.requests - lastReq, p50: pct(w, 50), p99: pct(w, 99), max: w.length ? w[w.length - 1] : 0,
      probe: M.probeMax, lag: lag.max / 1e6, cpu: (100 * (f.run - prev.run)) / dt, waitPct: (100 * (f.wait - prev.wait)) / dt };
    lastReq = M.requests;
    prev = f;
    prevAt = at;
    M.window = [];
    M.probeMax = 0;
    lag.reset();
    samples.push(s);
    console.log(`  ${fmt(s.t, 0).padStart(7)} ${fmt(s.rss).padStart(8)} ${fmt(s.heap).padStart(8)} ${fmt(s.own).padStart(7)} ${String(s.fds).padStart(4)} ${String(s.socks).padStart(5)} ${String(s.conns).padStart(5)} ${String(s.db).padStart(3)} ${String(s.threads).padStart(3)} ` +
      `${String(s.requests).padStart(9)} ${fmt(s.p50, 2).padStart(9)} ${fmt(s.p99, 2).padStart(8)} ${fmt(s.max).padStart(8)} ${fmt(s.probe).padStart(9)} ${fmt(s.lag).padStart(7)} ${fmt(s.cpu, 0).padStart(5)} ${fmt(s.waitPct, 0).padStart(5)} ${fmt(s.load, 2).padStart(5)} ${s.wal === undefined ? '' : fmt(s.wal).padStart(6)}`);
  }
  stopping = true;
  await Promise.all(running);
  const loadSeconds = now();
  lag.disable();
  for (const me of [...clients, probe]) me.agent.destroy();
  await sleep(1000);
  let end = null;
  try { end = procFigures(pid, port, eng.dbPort, eng.pg ? null : eng.db); } catch { /* the server is gone: the check below says so */ }

  /* ---- the figures */
  const span = SECONDS - WARMUP_S;
  const qOf = (t) => (t < WARMUP_S ? 0 : Math.min(4, 1 + Math.floor(((t - WARMUP_S) / span) * 4)));
  const Q = [0, 1, 2, 3, 4].map((q) => ({ samples: samples.filter((s) => qOf(s.t - 1e-6) === q), lat: [] }));
  for (const [at, ms] of M.lat) Q[qOf(at)].lat.push(ms);
  for (const q of Q) {
    const l = sortNum(q.lat);
    q.n = l.length; q.p50 = pct(l, 50); q.p99 = pct(l, 99); q.max = l.length ? l[l.length - 1] : 0;
    q.rss = mean(q.samples.map((s) => s.rss));
    q.heap = mean(q.samples.map((s) => s.heap));
    q.own = mean(q.samples.map((s) => s.own));
    q.otherMax = Math.max(...q.samples.map((s) => s.other));
  }
  const warmEnd = Q[0].samples[Q[0].samples.length - 1] || samples[0];
  const last = samples[samples.length - 1];
  const all = sortNum(M.lat.map(([, ms]) => ms));
  const post = samples.filter((s) => s.t > WARMUP_S);
  // the trend of the RSS after warm-up (least squares), in MB per hour
  let slope = NaN;
  if (post.length >= 2) {
    const mx = mean(post.map((s) => s.t)), my = mean(post.map((s) => s.rss));
    const num = post.reduce((a, s) => a + (s.t - mx) * (s.rss - my), 0), den = post.reduce((a, s) => a + (s.t - mx) ** 2, 0);
    slope = den ? (num / den) * 3600 : NaN;
  }
  console.log(`quarters after warm-up (${WARMUP_S.toFixed(0)} s): ` + [1, 2, 3, 4].map((q) =>
    `Q${q} ${Q[q].n} req p50 ${fmt(Q[q].p50, 2)} p99 ${fmt(Q[q].p99, 2)} max ${fmt(Q[q].max)} ms, RSS ${fmt(Q[q].rss)} MB, heap ${fmt(Q[q].heap)} MB (own ${fmt(Q[q].own)})`).join('; '));
  console.log(`operations: ${Object.entries(M.kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  // the server's own time for each request (its log: "... METHOD PATH STATUS BYTES NNNus"),
  // by quarter (the watchdog's left out), and for each stall the server's time of it
  const served = [];
  try {
    for (const line of fs.readFileSync(eng.log, 'utf8').split('\n')) {
      const m = line.match(/^(\S+Z) info \S+ ([A-Z]+) (\S+) (\d{3}) \d+ (\d+)us$/);
      if (m) served.push({ end: Date.parse(m[1]), what: `${m[2]} ${m[3]}`, ms: Number(m[5]) / 1000 });
    }
  } catch { /* no log */ }
  const SQ = [0, 1, 2, 3, 4].map(() => []);
  for (const r of served) if (r.what !== 'GET /healthz') SQ[qOf((r.end - r.ms - t0Wall) / 1000)].push(r.ms);
  const sq = SQ.map((a) => { const l = sortNum(a); return { p50: pct(l, 50), p99: pct(l, 99), max: l.length ? l[l.length - 1] : 0 }; });
  console.log(`the server's own time (its log) after warm-up: ` + [1, 2, 3, 4].map((q) => `Q${q} p50 ${fmt(sq[q].p50, 2)} p99 ${fmt(sq[q].p99, 2)} max ${fmt(sq[q].max)} ms`).join('; '));
  for (const st of M.stalls) {
    const done = t0Wall + (st.at * 1000 + st.ms);
    const what = st.what.replace(/^(watchdog|client \S+) /, '').replace(/\?.*/, '');
    let best = null;
    for (const r of served) if (r.what === what && Math.abs(r.end - done) < 500 && (!best || Math.abs(r.end - done) < Math.abs(best.end - done))) best = r;
    st.server = best ? best.ms : null;
  }
  const slowSql = served.length ? fs.readFileSync(eng.log, 'utf8').split('\n').filter((l) => / slow sql \d+us/.test(l)) : [];
  if (slowSql.length) console.log(`statements over 100 ms (the server's log): ${slowSql.length}; ${slowSql.slice(0, 5).map((l) => l.replace(/^\S+ info slow sql /, '').slice(0, 160)).join(' | ')}`);
  if (!eng.pg) console.log(`the database: ${fmt(eng.size0)} MB with its log before the load, ${fmt(fileMB(eng.db))} MB + ${fmt(fileMB(eng.db + '-wal'))} MB of log at the end (most ${fmt(Math.max(...samples.map((s) => s.wal)))} MB); its files ${fmt(eng.files0)} MB before, ${fmt(duMB(eng.db + '.files'))} MB after`);
  const slow = Object.entries(M.routes).map(([r, a]) => { const l = sortNum(a); return [r, l.length, pct(l, 50), pct(l, 99), l[l.length - 1]]; })
    .sort((a, b) => b[3] - a[3]).slice(0, 8);
  console.log(`the slowest routes (p99): ${slow.map(([r, n, p50, p99, mx]) => `${r} ×${n} p50 ${fmt(p50, 1)} p99 ${fmt(p99, 1)} max ${fmt(mx, 0)} ms`).join('; ')}`);
  console.log(`figures ${eng.name}: ${M.requests} requests in ${loadSeconds.toFixed(0)} s (${(M.requests / loadSeconds).toFixed(1)}/s) + ${M.probes} watchdog; ` +
    `latency p50 ${fmt(pct(all, 50), 2)} p99 ${fmt(pct(all, 99), 2)} max ${fmt(all[all.length - 1] || 0)} ms; p99 Q1 ${fmt(Q[1].p99, 2)} Q4 ${fmt(Q[4].p99, 2)} ms; ` +
    `RSS ${fmt(idle.rss)} MB before, ${fmt(warmEnd?.rss)} at the warm-up's end, ${fmt(last?.rss)} at the end (Q1 mean ${fmt(Q[1].rss)}, Q4 mean ${fmt(Q[4].rss)}, trend ${fmt(slope)} MB/h); ` +
    `fds ${idle.fds} before, ${warmEnd?.fds} at the warm-up's end, ${last?.fds} at the end of the load, ${end ? end.fds : '?'} after the clients closed; ` +
    `conns ${warmEnd?.conns} at the warm-up's end, max ${Math.max(...post.map((s) => s.conns))} after it, ${end ? end.conns : '?'} after the clients closed; ` +
    `server CPU ${fmt(mean(post.map((s) => s.cpu)), 0)}% of a processor after warm-up, waiting for one ${fmt(mean(post.map((s) => s.waitPct)), 0)}% (most ${fmt(Math.max(...post.map((s) => s.waitPct)), 0)}% in a window), load average ${fmt(mean(post.map((s) => s.load)), 2)}; ` +
    `stalls ${M.stalls.total || 0}, 5xx ${M.fivexx.total || 0}, connection errors ${M.errors.total || 0}, unexpected answers ${M.unexpected.total || 0}`);
  if (process.env.NGOAIVU_SOAK_KEEP) fs.writeFileSync(path.join(DIR, `samples-${eng.name}.json`), JSON.stringify({ samples, quarters: Q.map(({ lat, ...q }) => q) }, null, 1));

  /* ---- the checks */
  const list = (l, f) => [...l.slice(0, 20).map(f), ...(l.total > 20 ? [`... ${l.total - 20} more`] : [])];
  check('stalls', !M.stalls.total, `${M.stalls.total || 0} requests over ${STALL_MS} ms (watchdog every ${PROBE_MS} ms: ${M.probes} answers)`,
    list(M.stalls, (s) => `at ${s.at.toFixed(1)} s: ${s.what} took ${s.ms.toFixed(0)} ms (the server's log: ${s.server == null ? 'not found' : s.server.toFixed(0) + ' ms'})`));
  const bad = [...M.fivexx, ...M.errors];
  check('errors', !bad.length, `${M.fivexx.total || 0} answers 5xx, ${M.errors.total || 0} connection errors of ${M.requests + M.probes} requests`,
    list(bad, (s) => `at ${s.at.toFixed(1)} s: ${s.what}: ${s.status || ''} ${s.error || s.body || ''}`));
  check('answers', !M.unexpected.total, `${M.unexpected.total || 0} answers other than expected`,
    list(M.unexpected, (s) => `at ${s.at.toFixed(1)} s: ${s.what}: ${s.status}${s.expect ? ' (expected ' + s.expect.join('|') + ')' : ''} ${s.body || ''}`));
  const rssAllow = Math.max(RSS_PCT * Q[1].rss, RSS_MB);
  if (SANITIZED) check('memory', null, 'a sanitizer build (its quarantine grows by design)');
  else if (!Q[1].samples.length || !Q[4].samples.length) check('memory', false, 'no samples in the first or the last quarter');
  else check('memory', Q[4].rss <= Q[1].rss + rssAllow,
    `RSS mean Q4 ${fmt(Q[4].rss)} MB vs Q1 ${fmt(Q[1].rss)} MB (allowed +${fmt(rssAllow)} MB); ${fmt(warmEnd.rss)} MB at the warm-up's end, ${fmt(last.rss)} at the end, trend ${fmt(slope)} MB/h`);
  const heapAllow = Math.max(HEAP_PCT * Q[1].own, HEAP_MB);
  if (SANITIZED) check('heap', null, 'a sanitizer build (its allocator is not malloc\'s)');
  else if (!Q[1].samples.length || !Q[4].samples.length || !(Q[1].heap > 0)) check('heap', false, 'no heap figures from /healthz in the first or the last quarter');
  else check('heap', Q[4].own <= Q[1].own + heapAllow,
    `the server's own heap (in use, less the database library's and the answer caches') mean Q4 ${fmt(Q[4].own)} MB vs Q1 ${fmt(Q[1].own)} MB (allowed +${fmt(heapAllow)} MB); the whole heap in use Q1 ${fmt(Q[1].heap)}, Q4 ${fmt(Q[4].heap)} MB`);
  check('latency', Q[1].n > 0 && Q[4].n > 0 && Q[4].p99 <= P99_FACTOR * Q[1].p99 + P99_FLOOR_MS,
    `p99 Q4 ${fmt(Q[4].p99, 2)} ms vs Q1 ${fmt(Q[1].p99, 2)} ms (allowed ${fmt(P99_FACTOR * Q[1].p99 + P99_FLOOR_MS, 2)}); p99 by quarter ${[1, 2, 3, 4].map((q) => fmt(Q[q].p99, 2)).join(' / ')} ms, max ${fmt(all[all.length - 1] || 0)} ms`);
  {
    // the descriptors that are neither sockets nor the database connections' (those: the
    // connections check)
    const allowEnd = warmEnd ? warmEnd.other + FD_SLACK : 0;
    const good = end && Q[1].samples.length && Q[4].otherMax <= Q[1].otherMax + FD_SLACK && end.other <= allowEnd;
    check('descriptors', !!good, `other than sockets and database connections: at most ${Q[1].otherMax} in Q1, ${Q[4].otherMax} in Q4 (allowed ${Q[1].otherMax + FD_SLACK}); ` +
      `${end ? end.other : '?'} after the clients closed (allowed ${allowEnd}; ${idle.other} before the load); all fds: ${idle.fds} before the load, ${end ? end.fds : '?'} after it`);
  }
  {
    const most = Math.max(...post.map((s) => s.conns)), bound = 2 * CLIENTS + 3;
    // the database: never more connections than the server's pool holds (its threads, the
    // 16 writers, 2 more: app_open's size)
    const dbMost = Math.max(...post.map((s) => s.db)), dbBound = THREADS + 16 + 2;
    const good = end && post.length && most <= bound && end.socks <= idle.socks + 1 && end.closeWait === 0 && dbMost <= dbBound && end.db <= dbBound;
    check('connections', !!good, `at most ${most} established after warm-up (allowed ${bound}); after the clients closed: ${end ? end.conns : '?'} established, ` +
      `${end ? end.closeWait : '?'} in CLOSE_WAIT, ${end ? end.socks : '?'} sockets (allowed ${idle.socks + 1}, as before the load)` +
      `; database connections ${idle.db} before the load, at most ${dbMost} after warm-up, ${end ? end.db : '?'} at the end (allowed ${dbBound}, the pool)`);
  }
  /* ---- alive, and a clean stop */
  {
    const why = [];
    if (srv.child.exitCode !== null || srv.child.signalCode !== null) why.push(`the server exited during the run (${srv.child.exitCode ?? srv.child.signalCode})`);
    else {
      try {
        const h = await req('GET', '/healthz');
        if (h.status !== 200) why.push(`/healthz answered ${h.status}`);
        const p = await req('GET', '/', { cookie: clients[0].web.cookie });
        if (p.status !== 200) why.push(`the dashboard answered ${p.status}`);
      } catch (e) { why.push(`no answer after the load: ${e.message}`); }
      srv.child.kill('SIGTERM');
      const ex = await Promise.race([srv.exited, sleep(10000).then(() => null)]);
      if (!ex) { why.push('it did not stop within 10 s of SIGTERM'); srv.child.kill('SIGKILL'); await srv.exited; }
      else if (ex.code !== 0) why.push(`it stopped with ${ex.code ?? ex.signal}`);
    }
    const log = fs.existsSync(eng.log) ? fs.readFileSync(eng.log, 'utf8') : '';
    const san = log.split('\n').filter((l) => /ERROR: (Address|Leak|Thread)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/.test(l));
    if (san.length) why.push(...san.slice(0, 10));
    check('alive', !why.length, why.length ? why[0] : 'answered after the load, stopped on SIGTERM with 0, no sanitizer report in its log', [...why.slice(1), ...(why.length ? logTail(eng.log, 10) : [])]);
  }
  try {
    if (eng.pg) {
      const [good, what, lines] = pgIntegrity(eng);
      check('integrity', what ? good : null, what || eng.amcheckWhy, lines);
    } else {
      const ic = sqlOf(eng.db, 'PRAGMA integrity_check;');
      const fk = sqlOf(eng.db, 'PRAGMA foreign_key_check;');
      check('integrity', ic.length === 1 && ic[0] === 'ok' && !fk.length, `integrity_check ${ic.slice(0, 1).join('')}, ${fk.length} foreign key problems`, [...ic.slice(1, 10), ...fk.slice(0, 10)]);
    }
  } catch (e) {
    check('integrity', false, e.message);
  }
}

/* ---------------------------------------------------------------- PostgreSQL */

function pgBin(name) {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const dirs = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  for (const d of dirs) if (fs.existsSync(`/usr/lib/postgresql/${d}/bin/${name}`)) return `/usr/lib/postgresql/${d}/bin/${name}`;
  return null;
}

/* pg_amcheck of the whole database (as postgres when the cluster lets it connect: amcheck is
 * the superuser's): [ok, what ran (null: nothing could), details]. */
function pgIntegrity(eng) {
  const amcheck = pgBin('pg_amcheck');
  if (!amcheck) { eng.amcheckWhy = 'no pg_amcheck installed'; return [true, null, []]; }
  const u = new URL(eng.db);
  for (const user of ['postgres', decodeURIComponent(u.username)]) {
    const r = spawnSync(amcheck, ['-h', u.hostname, '-p', u.port || '5432', '-U', user, '-d', u.pathname.slice(1),
      '--install-missing', '--heapallindexed', '--no-password'], { encoding: 'utf8' });
    const out = (r.stdout + r.stderr).trim();
    if (r.status === 0) return [true, `pg_amcheck --heapallindexed as ${user}: clean`, []];
    if (/permission denied|must be superuser|role .* does not exist|authentication failed/i.test(out)) continue;
    return [false, `pg_amcheck as ${user}: exit ${r.status}`, out.split('\n').slice(0, 15)];
  }
  eng.amcheckWhy = 'pg_amcheck could not connect as a role allowed to install amcheck';
  return [true, null, []];
}

let pgCluster = null, pgDrop = null;

/* The run's PostgreSQL database: a new one beside NGOAIVU_TEST_PG_URI's, else in a
 * throw-away cluster (scripts/pg-cluster.sh), dropped or stopped at the end. [uri, why not]. */
function pgDatabase() {
  let base = process.env.NGOAIVU_TEST_PG_URI;
  if (!base) {
    if (!pgBin('initdb') || !pgBin('psql')) return [null, 'no PostgreSQL installed and no NGOAIVU_TEST_PG_URI'];
    const dir = path.join(os.tmpdir(), `ngoaivu-soak-pg-${process.pid}`);
    const r = spawnSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'start', dir], { encoding: 'utf8' });
    if (r.status !== 0) return [null, `the throw-away cluster did not start: ${(r.stderr || '').trim().split('\n').slice(-3).join(' ')}`];
    pgCluster = dir;
    base = r.stdout.match(/NGOAIVU_PG_URI=(\S+)/)[1];
  }
  const name = `ngoaivu_soak_${process.pid}`;
  const r = spawnSync('psql', [base, '-XAtqc', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) return [null, `cannot make a database beside ${base}: ${(r.stderr || '').trim()}`];
  pgDrop = { admin: base, name };
  const u = new URL(base);
  u.pathname = '/' + name;
  return [u.toString(), null];
}

function cleanup() {
  if (pgDrop) spawnSync('psql', [pgDrop.admin, '-XAtqc', `DROP DATABASE IF EXISTS ${pgDrop.name}`], { encoding: 'utf8' });
  if (pgCluster) spawnSync('bash', [path.join(ROOT, 'scripts/pg-cluster.sh'), 'stop', pgCluster], { encoding: 'utf8' });
  pgDrop = pgCluster = null;
  if (process.env.NGOAIVU_SOAK_KEEP) console.log(`kept ${DIR}`);
  else fs.rmSync(DIR, { recursive: true, force: true });
}

/* ---------------------------------------------------------------- main */

async function main() {
  const results = { passed: 0, failed: 0, skipped: 0 };
  if (!fs.existsSync(BIN)) {
    console.log(`FAIL setup: no binary at ${BIN}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`soak test: ${BIN}, ${SECONDS} s, ${CLIENTS} clients, SOAK_SEED=${SEED}`);
  const engines = [{ name: 'sqlite', db: path.join(DIR, 'soak.db'), log: path.join(DIR, 'server.log') }];
  if (process.env.SOAK_PG === '1') {
    const [uri, why] = pgDatabase();
    if (!uri) { console.log(`FAIL postgres setup: ${why}`); results.failed++; }
    else engines.push({ name: 'postgres', pg: true, db: uri, dbPort: Number(new URL(uri).port || 5432), log: path.join(DIR, 'server-pg.log') });
  }
  for (const eng of engines) await runEngine(eng, results);
  cleanup();
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
  process.exit(results.failed ? 1 : 0);
}

process.on('exit', () => {
  if (srv && srv.child.exitCode === null && srv.child.signalCode === null) srv.child.kill('SIGKILL');
});
main().catch((e) => {
  console.log(`FAIL soak test: ${e.stack || e}`);
  try { cleanup(); } catch { /* nothing more to do */ }
  console.log('0 passed, 1 failed');
  process.exit(1);
});
