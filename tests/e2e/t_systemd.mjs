/* Running under systemd, seen from outside: a second server, started the way systemd starts
 * deploy/ngoaivu.service (NOTIFY_SOCKET, WATCHDOG_USEC), tells a stand-in for systemd
 * (notify_sink.py: node has no unix datagram sockets) READY=1, then WATCHDOG=1 while its
 * /healthz answers 200, none while it answers 503 (its database's meta row taken away and
 * put back with the sqlite3 command line), and STOPPING=1 on SIGTERM before exiting 0. The
 * unit file that ships has the restart, watchdog and hardening settings, and
 * `systemd-analyze verify` accepts it where systemd is installed. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { test, ok, eq, fail, includes, freePort, cli, describeRun, logTail, sleep } from './lib.mjs';

const UNIT = new URL('../../deploy/ngoaivu.service', import.meta.url);
const SINK = new URL('./notify_sink.py', import.meta.url);

/* The stand-in for systemd: sink.messages (each datagram as received, with the time it came)
 * and sink.wait(predicate, ms). */
function startSink(socketPath) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [SINK.pathname, socketPath], { stdio: ['pipe', 'pipe', 'pipe'] });
    const sink = { child, messages: [], stderr: '', waiters: [] };
    let buf = '', listening = false;
    child.on('error', (e) => reject(new Error(`python3: ${e.message}`)));
    child.stderr.setEncoding('utf8').on('data', (d) => { sink.stderr += d; });
    child.on('exit', (code) => { if (!listening) reject(new Error(`notify_sink.py exited ${code}: ${sink.stderr}`)); });
    child.stdout.setEncoding('utf8').on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!listening && line === 'listening') { listening = true; resolve(sink); continue; }
        sink.messages.push({ at: Date.now(), text: JSON.parse(line) });
        for (const w of [...sink.waiters]) w();
      }
    });
    /* resolves to true once pred(messages) holds, false after ms */
    sink.wait = (pred, ms) => new Promise((res) => {
      if (pred(sink.messages)) return res(true);
      const check = () => { if (pred(sink.messages)) done(true); };
      const timer = setTimeout(() => done(false), ms);
      const done = (v) => { clearTimeout(timer); sink.waiters.splice(sink.waiters.indexOf(check), 1); res(v); };
      sink.waiters.push(check);
    });
    sink.close = () => { child.stdin.end(); };
  });
}

const count = (msgs, text, since = 0) => msgs.filter((m) => m.at >= since && m.text === text).length;

/* `KEY=VALUE` lines of a unit file, by key (a key set twice keeps every value). */
function unitSettings(text) {
  const out = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
    const i = line.indexOf('=');
    if (i < 0) continue;
    (out[line.slice(0, i)] ??= []).push(line.slice(i + 1));
  }
  return out;
}

export function register({ BIN, DIR }) {
  const T = {}; // the second server and its sink, shared by the tests below, in order
  const db = path.join(DIR, 'systemd.db');
  const log = path.join(DIR, 'systemd-server.log');
  const sockPath = path.join(DIR, 'notify.sock');
  const details = () => [`datagrams: ${JSON.stringify((T.sink?.messages ?? []).map((m) => m.text).slice(-12))}`, ...logTail(log, 12)];
  process.on('exit', () => {
    if (T.child && T.child.exitCode === null && T.child.signalCode === null) T.child.kill('SIGKILL');
    if (T.sink) T.sink.child.kill('SIGKILL');
  });
  // the second server's /healthz (lib's req talks to the suite's server)
  const healthz = () => new Promise((resolve, reject) => {
    const r = http.get({ host: '127.0.0.1', port: T.port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    r.on('error', (e) => reject(new Error(`GET /healthz of the second server: ${e.message}`)));
    r.setTimeout(10000, () => r.destroy(new Error('no answer within 10 s')));
  });
  const sqlite = (sql) => {
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, sql], { encoding: 'utf8', timeout: 20000 });
    ok(r.status === 0, `sqlite3 ${sql}: exit ${r.status}`, r.stderr || '', r.error ? r.error.message : '');
  };

  test('systemd: the unit file restarts, watches /healthz and confines the server', async () => {
    const text = fs.readFileSync(UNIT, 'utf8');
    const s = unitSettings(text);
    const want = {
      Type: 'notify', Restart: 'on-failure', RestartSec: '2', WatchdogSec: '30', NoNewPrivileges: 'yes',
      ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', PrivateDevices: 'yes',
      MemoryDenyWriteExecute: 'yes', CapabilityBoundingSet: '', User: 'ngoaivu', StateDirectory: 'ngoaivu',
      UMask: '0077', RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX', SystemCallArchitectures: 'native',
    };
    for (const [k, v] of Object.entries(want)) eq(s[k]?.[0], v, `${k}= in deploy/ngoaivu.service`);
    includes(s.SystemCallFilter?.[0] ?? '', '@system-service', 'SystemCallFilter=');
    eq(s.DynamicUser, undefined, 'DynamicUser (the database must keep its owner)');
    const exec = s.ExecStart?.[0] ?? '';
    includes(exec, '/usr/local/bin/ngoaivu serve --db /var/lib/ngoaivu/ngoaivu.db', 'ExecStart=');
    includes(exec, '--addr 127.0.0.1', 'ExecStart= (the watchdog asks 127.0.0.1; nginx is in front)');
    ok((s.ReadWritePaths ?? []).some((p) => p.split(/\s+/).includes('/var/lib/ngoaivu')), 'ReadWritePaths= has /var/lib/ngoaivu');

    const which = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' });
    if (which.status !== 0) {
      console.log('    (systemd-analyze is not installed: `systemd-analyze verify` skipped)');
      return;
    }
    // the copy runs the binary under test: the installed path need not exist here
    const copy = path.join(DIR, 'ngoaivu.service');
    fs.writeFileSync(copy, text.replace(/^ExecStart=\/usr\/local\/bin\/ngoaivu /m, `ExecStart=${BIN} `));
    const v = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8', timeout: 60000 });
    ok(v.status === 0 && !/\S/.test(v.stderr + v.stdout), `systemd-analyze verify: exit ${v.status}`,
      `stdout: ${v.stdout}`, `stderr: ${v.stderr}`);
  });

  test('systemd: READY=1 once it listens, then WATCHDOG=1 every WATCHDOG_USEC/3', async () => {
    let r = cli(BIN, ['init', '--db', db]);
    ok(r.code === 0, 'init of the second database', describeRun('init', r));
    try { fs.unlinkSync(sockPath); } catch { /* none left */ }
    T.sink = await startSink(sockPath);
    T.port = await freePort();
    const fd = fs.openSync(log, 'a');
    const env = { ...process.env, NOTIFY_SOCKET: sockPath, WATCHDOG_USEC: '300000' };
    delete env.WATCHDOG_PID;
    T.child = spawn(BIN, ['serve', '--db', db, '--port', String(T.port), '--addr', '127.0.0.1', '--threads', '2'],
      { stdio: ['ignore', fd, fd], env });
    fs.closeSync(fd);
    T.exited = new Promise((res) => T.child.on('exit', (code, signal) => res({ code, signal })));

    const ready = await T.sink.wait((m) => count(m, 'READY=1') > 0, 20000);
    ok(ready, 'no READY=1 within 20 s', ...details());
    const readyAt = T.sink.messages.find((m) => m.text === 'READY=1').at;
    eq(count(T.sink.messages.filter((m) => m.at <= readyAt), 'WATCHDOG=1'), 0, 'WATCHDOG=1 before READY=1');
    // it listens when it says so
    eq((await healthz()).status, 200, 'GET /healthz right after READY=1');
    const two = await T.sink.wait((m) => count(m, 'WATCHDOG=1', readyAt) >= 2, 2000);
    ok(two, 'fewer than two WATCHDOG=1 within 2 s of READY=1 (WATCHDOG_USEC=300000)', ...details());
    eq(count(T.sink.messages, 'READY=1'), 1, 'READY=1 datagrams');
  });

  test('systemd: no WATCHDOG=1 while /healthz answers 503, again once it answers 200', async () => {
    ok(T.child && T.child.exitCode === null, 'no second server (see the test before)', ...details());
    // /healthz reads the database's data_version row: without it, it answers 503 (the same as
    // an unreadable database), and the server itself keeps running
    sqlite("UPDATE meta SET key = 'data_version.off' WHERE key = 'data_version'");
    eq((await healthz()).status, 503, 'GET /healthz without the row');
    await sleep(300); // a probe already under way may still have seen 200
    const since = Date.now();
    await sleep(1200); // 12 intervals of 100 ms
    eq(count(T.sink.messages, 'WATCHDOG=1', since), 0, 'WATCHDOG=1 while /healthz answers 503');
    ok(T.child.exitCode === null, 'the server is still running (systemd, not the server, ends it)');
    includes(fs.readFileSync(log, 'utf8'), 'answered 503', 'the server log says why it stopped the pings');

    sqlite("UPDATE meta SET key = 'data_version' WHERE key = 'data_version.off'");
    eq((await healthz()).status, 200, 'GET /healthz with the row back');
    const back = Date.now();
    ok(await T.sink.wait((m) => count(m, 'WATCHDOG=1', back) >= 2, 2000),
      'fewer than two WATCHDOG=1 within 2 s of /healthz answering 200 again', ...details());
  });

  test('systemd: SIGTERM sends STOPPING=1 and exits 0 without waiting an interval', async () => {
    ok(T.child && T.child.exitCode === null, 'no second server (see the tests before)', ...details());
    const t0 = Date.now();
    T.child.kill('SIGTERM');
    const stopping = await T.sink.wait((m) => count(m, 'STOPPING=1') > 0, 10000);
    ok(stopping, 'no STOPPING=1 within 10 s of SIGTERM', ...details());
    const ex = await Promise.race([T.exited, sleep(15000).then(() => null)]);
    if (!ex) fail('the server did not exit within 15 s of SIGTERM', ...details());
    eq(ex.signal, null, 'killed by a signal');
    eq(ex.code, 0, 'exit code after SIGTERM');
    ok(Date.now() - t0 < 5000, `stopping took ${Date.now() - t0} ms`, ...details());
    const stopAt = T.sink.messages.find((m) => m.text === 'STOPPING=1').at;
    eq(count(T.sink.messages, 'WATCHDOG=1', stopAt + 50), 0, 'WATCHDOG=1 after STOPPING=1');
    T.sink.close(); // it removes its socket and exits
  });
}
