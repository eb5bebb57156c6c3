// Starts a throw-away ngoaivu server for the browser tests: a fresh database in a temp
// directory, the demo data set, a free port on 127.0.0.1. stop() ends it with SIGTERM.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitHealthy(base, child, ms) {
  const end = Date.now() + ms;
  let last = '';
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.status === 200) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`server not healthy after ${ms} ms (${last})`);
}

export async function startServer() {
  const bin = resolve(process.env.NGOAIVU_BIN || 'build/ngoaivu');
  const dir = mkdtempSync(join(tmpdir(), 'ngoaivu-browser-'));
  const db = join(dir, 't.db');
  let m;
  try {
    execFileSync(bin, ['init', '--db', db], { stdio: 'pipe' });
    const demo = execFileSync(bin, ['demo', '--db', db], { encoding: 'utf8' });
    m = /demo login: (\S+) \/ (\S+)/.exec(demo);
    if (!m) throw new Error(`no demo login in: ${demo}`);
    // a leader: only leaders approve delegations
    execFileSync(bin, ['user', 'add', 'lanhdao', '--role', 'leader', '--name', 'Lãnh đạo Sở', '--db', db],
      { input: 'lanhdao-mk-123\n', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', db, '--port', String(port), '--addr', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base, child, 10000);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${e.message}\n${log}`);
  }
  async function stop() {
    if (child.exitCode === null) {
      const done = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return { base, user: m[1], password: m[2], leader: 'lanhdao', leaderPassword: 'lanhdao-mk-123', stop, log: () => log };
}
