/* Stateless nodes: several servers on one database. Of them one sweeps the reminders, under a
 * lease in the database; when it dies another takes the lease over once it has expired, and
 * when it stops cleanly it gives the lease up. A name or a setting changed through one server
 * is shown by the other at its next request. Behind a trusted proxy failed logins count per
 * address in X-Forwarded-For; from any other peer the header is ignored.
 * Its own database and servers (a lease of 3 s), beside the suite's. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { test, ok, eq, includes, excludes, status, req, cli, describeRun, freePort, sleep, server, fail } from './lib.mjs';

const LEASE = 3; // seconds; renewed every second

export function register({ BIN, DIR }) {
  const dir = path.join(DIR, 'nodes');
  const db = path.join(dir, 'n.db');
  const N = { nodes: {} };
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);

  /* A server on db: {child, port, log, exited}; resolves once /healthz answers. */
  async function start(name, extra = []) {
    const port = await freePort();
    const log = path.join(dir, `${name}.log`);
    const fd = fs.openSync(log, 'a');
    const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--threads', '2', ...extra],
      { stdio: ['ignore', fd, fd], env: { ...process.env, NGOAIVU_LEASE_SECONDS: String(LEASE) } });
    fs.closeSync(fd);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const node = { name, child, port, log, exited };
    N.nodes[name] = node;
    process.on('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
    for (const deadline = Date.now() + 20000; ;) {
      if (child.exitCode !== null) fail(`server ${name} exited at start`, fs.readFileSync(log, 'utf8').slice(-1500));
      const h = await on(node, () => req('GET', '/healthz')).catch(() => null);
      if (h && h.status === 200) return node;
      if (Date.now() > deadline) fail(`server ${name} did not answer /healthz`);
      await sleep(50);
    }
  }
  /* Runs fn with the requests of lib.mjs going to node. */
  async function on(node, fn) {
    const saved = server.port;
    server.port = node.port;
    try { return await fn(); } finally { server.port = saved; }
  }
  const logOf = async (node) => { await sleep(120); return fs.readFileSync(node.log, 'utf8'); }; // lines are batched
  /* The lease's row, by the database's clock: {holder, pid, left} or null. */
  const lease = () => {
    const r = cli('sqlite3', [db, "SELECT holder, expires - CAST(strftime('%s','now') AS INTEGER) FROM leases WHERE name = 'remind'"]);
    ok(r.code === 0, 'sqlite3 reads the lease', ...describeRun('sqlite3', r));
    const line = r.stdout.trim();
    if (!line) return null;
    const [holder, left] = line.split('|');
    return { holder, pid: Number(holder.split(':')[1]), left: Number(left) };
  };
  const login = async (node, username, password) => {
    const r = await on(node, () => req('POST', '/api/v1/login', { json: { username, password } }));
    status(r, 200, `login of ${username} on ${node.name}`);
    return r.json().token;
  };
  /* A commitment due in two days (a "due soon" notice for officers), made through node. */
  const commitment = async (node, title) => {
    const r = await on(node, () => req('POST', '/api/v1/commitments', {
      token: N.tok[node.name], json: { title, source: 'meeting', meeting: 'Họp giao ban', agency_id: N.agency, deadline: shift(today, 2) },
    }));
    status(r, 201, `commitment through ${node.name}`);
    return r.json().id;
  };
  const dueSoon = async (node, id) => {
    const r = await on(node, () => req('GET', '/api/v1/notifications?limit=200', { token: N.tok[node.name] }));
    status(r, 200, `notifications on ${node.name}`);
    return r.json().items.some((n) => n.record_id === id && n.kind === 'due_soon');
  };

  test('nodes: of two servers on one database one holds the reminders’ lease; the other lists what it sweeps', async () => {
    fs.mkdirSync(dir, { recursive: true });
    let r = cli(BIN, ['init', '--db', db]);
    ok(r.code === 0, 'init', ...describeRun('init', r));
    for (const [u, role] of [['nut-admin', 'admin'], ['nut-cv', 'officer'], ['nut-cv2', 'officer']]) {
      r = cli(BIN, ['user', 'add', u, '--role', role, '--db', db], `${u}-matkhau-1\n`);
      ok(r.code === 0, `user add ${u}`, ...describeRun('user add', r));
    }
    const a = await start('a', ['--trusted-proxy', '127.0.0.1,::1']);
    const b = await start('b');
    let l = lease();
    ok(l, 'a lease row once a server runs');
    eq(l.pid, a.child.pid, 'the first server holds the lease');
    ok(l.left > 0 && l.left <= LEASE, `it runs ${LEASE} s at most from now`, JSON.stringify(l));
    includes(await logOf(a), 'reminders: this node sweeps', 'a says it sweeps');
    excludes(await logOf(b), 'this node sweeps', 'b does not');
    await sleep((LEASE + 1) * 1000); // past one lease: a has renewed it, b has not taken it
    l = lease();
    eq(l.pid, a.child.pid, 'a still holds it after the first lease ran out (renewed)');
    ok(l.left > 0, 'and it is not expired', JSON.stringify(l));
    excludes(await logOf(b), 'this node sweeps', 'b has not swept');
    N.tok = { a: await login(a, 'nut-cv', 'nut-cv-matkhau-1'), b: await login(b, 'nut-cv', 'nut-cv-matkhau-1') };
    r = await on(b, () => req('POST', '/api/v1/agencies', { token: N.tok.b, json: { name_vi: 'Sở Công Thương (nút)', kind: 'industry_trade' } }));
    status(r, 201, 'agency through b');
    N.agency = r.json().id;
    // written through b, swept by a, listed by b (which waits for a's progress)
    const id = await commitment(b, 'Cam kết ghi qua máy b');
    ok(await dueSoon(b, id), 'b lists the notice a made right after the write');
    ok(await dueSoon(a, id), 'a lists it too');
  });

  test('nodes: the holder killed, the other takes the lease over once it has expired, and sweeps', async () => {
    const { a, b } = N.nodes;
    ok(a && b, 'the servers of the test before');
    const before = lease();
    eq(before.pid, a.child.pid, 'a holds the lease');
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await a.exited;
    let took = null;
    for (const deadline = Date.now() + (LEASE + 4) * 1000; Date.now() < deadline; await sleep(100)) {
      const l = lease();
      if (l && l.pid === b.child.pid) { took = l; break; }
      ok(l && l.pid === a.child.pid, 'only a or b ever holds it', JSON.stringify(l));
    }
    ok(took, `b took the lease within ${LEASE + 4} s`, JSON.stringify(lease()));
    // not before a's lease had run out (by the database's clock, in whole seconds)
    ok(Date.now() - killedAt >= (before.left - 1) * 1000, 'b waited for the expiry',
      `a's lease had ${before.left} s left; b took it after ${Date.now() - killedAt} ms`);
    includes(await logOf(b), 'reminders: this node sweeps', 'b says it sweeps now');
    const id = await commitment(b, 'Cam kết sau khi máy a dừng');
    ok(await dueSoon(b, id), 'b makes and lists the notice itself');
  });

  test('nodes: a server stopped cleanly gives the lease up at once', async () => {
    const { b } = N.nodes;
    const c = await start('c');
    eq(lease().pid, b.child.pid, 'b holds the lease while c starts');
    b.child.kill('SIGTERM');
    const res = await b.exited;
    eq(res.code, 0, 'b stops cleanly');
    const l = lease();
    ok(!l || l.pid === c.child.pid, 'the lease is given up, not left to expire', JSON.stringify(l));
    for (const deadline = Date.now() + 2500; Date.now() < deadline && !(lease() && lease().pid === c.child.pid);)
      await sleep(100);
    eq((lease() || {}).pid, c.child.pid, 'c holds it within its next renewal');
    N.tok.c = await login(c, 'nut-cv', 'nut-cv-matkhau-1');
    const id = await commitment(c, 'Cam kết ghi qua máy c');
    ok(await dueSoon(c, id), 'c sweeps');
  });

  test('nodes: a name and a setting changed through one server are shown by another at its next request', async () => {
    const { c } = N.nodes;
    const d = await start('d');
    const admin = { c: await login(c, 'nut-admin', 'nut-admin-matkhau-1'), d: await login(d, 'nut-admin', 'nut-admin-matkhau-1') };
    const nameOn = async (node) => {
      const r = await on(node, () => req('GET', '/api/v1/names?country=NZ&limit=1', { token: admin[node.name] }));
      status(r, 200, `names on ${node.name}`);
      eq(r.json().items[0].code, 'NZ', 'the country first');
      return r.json().items[0].name_vi;
    };
    const settingOn = async (node) => {
      const r = await on(node, () => req('GET', '/api/v1/settings', { token: admin[node.name] }));
      status(r, 200, `settings on ${node.name}`);
      return r.json().remind_days.value;
    };
    const name = 'Niu Di-lân (sửa qua máy c)';
    ok(await nameOn(d) !== name, 'd shows the name it started with');
    const days = (await settingOn(d)) === 9 ? 10 : 9;
    let r = await on(c, () => req('POST', '/api/v1/names', { token: admin.c, json: { code: 'NZ', name } }));
    status(r, 200, 'name corrected through c');
    r = await on(c, () => req('PUT', '/api/v1/settings', { token: admin.c, json: { remind_days: days } }));
    status(r, 200, 'setting changed through c');
    eq(await nameOn(d), name, 'd shows the corrected name at once');
    eq(await settingOn(d), days, 'd has the new setting at once');
    eq(await nameOn(c), name, 'c, which made the change');
  });

  test('proxy: behind a trusted proxy failed logins lock the address in X-Forwarded-For, not the proxy; from another peer the header is ignored', async () => {
    const a = await start('e', ['--trusted-proxy', '127.0.0.1,::1']);
    const plain = N.nodes.d; // no trusted proxy
    const attempt = (node, user, password, xff, opts = {}) => on(node, () => req('POST', '/api/v1/login', {
      json: { username: user, password }, headers: xff ? { 'X-Forwarded-For': xff } : {}, ...opts,
    }));
    for (let i = 0; i < 5; i++)
      status(await attempt(a, 'nut-cv2', 'sai-mat-khau', '198.51.100.1'), 401, `wrong password ${i + 1} from A`);
    let r = await attempt(a, 'nut-cv2', 'nut-cv2-matkhau-1', '198.51.100.1');
    status(r, 429, 'A is held back, even with the right password');
    ok(Number(r.headers['retry-after']) > 0, 'with Retry-After');
    status(await attempt(a, 'nut-cv2', 'nut-cv2-matkhau-1', '198.51.100.77, 198.51.100.1'), 429,
      'an address A puts in front of its own changes nothing');
    status(await attempt(a, 'nut-cv2', 'nut-cv2-matkhau-1', '198.51.100.2'), 200, 'B behind the same proxy gets in');
    status(await attempt(a, 'nut-cv2', 'nut-cv2-matkhau-1', null), 200, 'the proxy itself is not held back');
    // a peer that is not a trusted proxy: its header is not believed
    status(await attempt(a, 'nut-cv2', 'nut-cv2-matkhau-1', '198.51.100.1', { localAddress: '127.0.0.2' }), 200,
      'a client at 127.0.0.2 naming A in the header is not A');
    let log = await logOf(a);
    includes(log, '198.51.100.1 via 127.0.0.1 POST /api/v1/login 401', 'the access log names the client and the proxy');
    includes(log, '127.0.0.2 POST /api/v1/login 200', 'and an untrusted peer as itself');
    // without the option: the header is ignored, every client behind the proxy is one
    for (let i = 0; i < 5; i++)
      status(await attempt(plain, 'nut-cv', 'sai-mat-khau', '198.51.100.3'), 401, `wrong password ${i + 1} (no trusted proxy)`);
    status(await attempt(plain, 'nut-cv', 'nut-cv-matkhau-1', '198.51.100.4'), 429, 'another address in the header is the same client');
    log = await logOf(plain);
    excludes(log, '198.51.100.3', 'the access log shows the peer, not the header');
    includes(log, '127.0.0.1 POST /api/v1/login 429', 'the peer in the access log');
    // /healthz: the process's memory to a client on the machine, not to one behind the proxy
    const health = async (xff) => {
      const h = await on(a, () => req('GET', '/healthz', { headers: xff ? { 'X-Forwarded-For': xff } : {} }));
      status(h, 200, `/healthz${xff ? ' for ' + xff : ''}`);
      return h.json();
    };
    const mine = await health(null);
    ok(mine.memory && Number.isInteger(mine.memory.heap) && mine.memory.engine > 0 && mine.memory.caches >= 0,
      `/healthz from the machine gives the heap in use, SQLite's part and the caches': ${JSON.stringify(mine.memory)}`);
    // (a sanitizer build's allocator is not malloc's: its heap is not glibc's to count)
    if (!/asan/.test(BIN)) ok(mine.memory.engine < mine.memory.heap, "SQLite's part is less than the whole heap");
    eq((await health('198.51.100.9')).memory, undefined, 'not to a client behind the proxy');
    ok((await health('127.0.0.1')).memory, 'to the proxy forwarding for the machine itself');
    // a bad list stops the server with the entry named
    r = cli(BIN, ['serve', '--db', db, '--port', '1', '--trusted-proxy', '127.0.0.1,proxy.local']);
    ok(r.code !== 0, 'a list with a host name is refused', ...describeRun('serve', r));
    includes(r.stderr, "trusted proxy 'proxy.local' is not an address", 'the entry named');
  });

  test('nodes: every server stops cleanly', async () => {
    for (const node of Object.values(N.nodes)) {
      if (node.child.exitCode !== null || node.child.signalCode) continue;
      node.child.kill('SIGTERM');
      const res = await Promise.race([node.exited, sleep(10000).then(() => null)]);
      ok(res, `${node.name} stops within 10 s`);
      eq(res.code, 0, `${node.name} exit code (86: LeakSanitizer found a leak)`);
      const reports = fs.readFileSync(node.log, 'utf8').split('\n').filter((x) => /AddressSanitizer|LeakSanitizer|runtime error:/.test(x));
      eq(reports.length, 0, `sanitizer reports in ${node.name}'s log`);
    }
  });
}
