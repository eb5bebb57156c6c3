// Helpers for the HTTP end-to-end suite: a tiny test runner, an HTTP client built on
// node:http (raw bytes, every header, keep-alive control), the server process, the CLI.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';

/* ---------------------------------------------------------------- assertions */

export class Failure extends Error {
  constructor(message, details = []) {
    super(message);
    this.details = details;
  }
}

/* A test that cannot run here (what it needs is not given): skip(why) ends it, counted as
 * skipped, not passed. */
export class Skip extends Error {}

export function skip(why) {
  throw new Skip(why);
}

export function fail(message, ...details) {
  throw new Failure(message, details.flat());
}

export function ok(cond, message, ...details) {
  if (!cond) fail(message, ...details);
}

const show = (v) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 300 ? s.slice(0, 300) + '…' : s;
};

export function eq(actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEq(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function includes(haystack, needle, what) {
  if (typeof haystack !== 'string' || !haystack.includes(needle))
    fail(`${what}: expected to contain ${show(needle)}`, `got: ${show(haystack)}`);
}

export function excludes(haystack, needle, what) {
  if (typeof haystack === 'string' && haystack.includes(needle)) {
    const i = haystack.indexOf(needle);
    fail(`${what}: must not contain ${show(needle)}`,
      `found at ${i}: ${show(haystack.slice(Math.max(0, i - 80), i + needle.length + 80))}`);
  }
}

/* A response's status; on a mismatch the failure names the request and shows the body. */
export function status(res, expected, what = '') {
  const want = Array.isArray(expected) ? expected : [expected];
  if (!want.includes(res.status))
    fail(`${what ? what + ': ' : ''}${res.method} ${res.path} answered ${res.status}, expected ${want.join(' or ')}`,
      `body: ${show(res.text.slice(0, 600))}`);
}

/* The JSON error body {"error":{"code","message",...}}; checks its code. */
export function apiError(res, httpStatus, code, what = '') {
  status(res, httpStatus, what);
  let j;
  try { j = JSON.parse(res.text); } catch { fail(`${what}: error body is not JSON`, `body: ${show(res.text)}`); }
  ok(j && j.error && typeof j.error.message === 'string' && j.error.message.length > 0,
    `${what}: error body lacks error.message`, `body: ${show(res.text)}`);
  eq(j.error.code, code, `${what}: error.code`);
  ok(/^application\/json/.test(res.headers['content-type'] || ''), `${what}: error Content-Type is ${res.headers['content-type']}`);
  return j.error;
}

/* ---------------------------------------------------------------- runner */

const tests = [];
let group = 'core';
/* Tests registered from now on belong to group (a t_*.mjs file's name, "core" for run.mjs's
 * own): runAll({groups}) runs only those of the groups named. */
export function testGroup(name) {
  group = name;
}
/* opts.timeoutMs: a test that waits for the clock (a publication time) may take longer than
 * runAll's limit for every other. */
export function test(name, fn, opts = {}) {
  tests.push({ name, fn, group, timeoutMs: opts.timeoutMs });
}
/* A test that cannot run here (why: what it needs), registered so that the summary counts
 * it: "skip NAME (why)", then ", N skipped". A skipped test fails nothing. (skip(why)
 * above ends a test that found out only once running.) */
export function skipTest(name, why) {
  tests.push({ name, why, group, skip: true });
}

export async function runAll({ timeoutMs = 30000, onFailure, groups = null } = {}) {
  let passed = 0, failed = 0, skipped = 0;
  for (const t of tests) {
    if (groups && !groups.includes(t.group)) continue;
    if (t.skip) {
      console.log(`skip ${t.name} (${t.why})`);
      skipped++;
      continue;
    }
    let timer;
    const limit = t.timeoutMs || timeoutMs;
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, rej) => { timer = setTimeout(() => rej(new Failure(`timed out after ${limit} ms`)), limit); }),
      ]);
      clearTimeout(timer);
      console.log(`ok   ${t.name}`);
      passed++;
    } catch (e) {
      clearTimeout(timer);
      if (e instanceof Skip) {
        console.log(`skip ${t.name}: ${e.message}`);
        skipped++;
        continue;
      }
      failed++;
      console.log(`FAIL ${t.name}`);
      const lines = [e instanceof Failure ? e.message : (e && e.stack) || String(e)];
      if (e instanceof Failure) lines.push(...e.details);
      if (onFailure) lines.push(...onFailure());
      for (const block of lines) for (const l of String(block).split('\n')) console.log(`    ${l}`);
    }
  }
  return { passed, failed, skipped };
}

/* ---------------------------------------------------------------- HTTP */

export const server = { port: 0, host: '127.0.0.1' };
const closeAgent = new http.Agent({ keepAlive: false });

/*
 * req(method, path, opts) → {status, headers, body (Buffer), text, json(), method, path,
 *                             reusedSocket, localPort}
 * opts: token (bearer), cookie, headers, json (object, sent as JSON), body (string|Buffer),
 *       form (object or [[k,v],...], sent url-encoded), chunks (array of Buffers, sent chunked),
 *       agent (an http.Agent; default: a new connection per request),
 *       localAddress (the client's address: 127.0.0.2 is another client of the same machine)
 */
export function req(method, path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  let body = null;
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  if (opts.cookie) headers['Cookie'] = opts.cookie;
  if (opts.json !== undefined) {
    body = Buffer.from(JSON.stringify(opts.json));
    headers['Content-Type'] ??= 'application/json';
  } else if (opts.form !== undefined) {
    const pairs = Array.isArray(opts.form) ? opts.form : Object.entries(opts.form);
    body = Buffer.from(pairs.filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  } else if (opts.body !== undefined) {
    body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (body && !opts.chunks) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const r = http.request({
      host: server.host, port: server.port, method, path, headers,
      agent: opts.agent || closeAgent, localAddress: opts.localAddress,
    }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        const buf = Buffer.concat(parts);
        const text = buf.toString('utf8');
        resolve({
          status: res.statusCode, headers: res.headers, body: buf, text, method, path,
          reusedSocket: r.reusedSocket, localPort: res.socket && res.socket.localPort,
          json() {
            try { return JSON.parse(text); } catch { fail(`${method} ${path}: body is not JSON`, `body: ${show(text.slice(0, 400))}`); }
          },
        });
      });
      res.on('error', reject);
    });
    r.on('error', (e) => reject(new Failure(`${method} ${path}: ${e.message}`)));
    r.setTimeout(20000, () => r.destroy(new Error('no answer within 20 s')));
    if (opts.chunks) {
      for (const c of opts.chunks) r.write(c);
      r.end();
    } else {
      r.end(body || undefined);
    }
  });
}

/*
 * raw(bytes, {timeoutMs}) → {text, closed, statuses}: writes bytes as they are on a new
 * connection (for requests node's client will not send: doubled headers, both framings)
 * and reads until the server closes it or timeoutMs passes; statuses are the status codes
 * of every answer seen.
 */
export function raw(bytes, { timeoutMs = 3000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(server.port, server.host);
    const parts = [];
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(parts).toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ text, closed, statuses });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (d) => parts.push(d));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', () => finish(true));
  });
}

/* A multipart/form-data body of fields and at most one file {name, type, data}: {body, headers}. */
export function multipart(fields, file) {
  const boundary = '----ngoaivu' + Math.random().toString(16).slice(2);
  const parts = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`), Buffer.from(file.data), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

export function getCookie(res, name) {
  const list = res.headers['set-cookie'] || [];
  for (const c of list) {
    const m = c.match(/^([^=]+)=([^;]*)/);
    if (m && m[1] === name) return { value: m[2], raw: c };
  }
  return null;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/* ---------------------------------------------------------------- processes */

export function cli(bin, args, input) {
  const r = spawnSync(bin, args, { input: input ?? '', encoding: 'utf8', timeout: 60000, env: process.env });
  return { code: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

export function describeRun(what, r) {
  return [`${what}: exit ${r.code}${r.signal ? ' signal ' + r.signal : ''}${r.error ? ' ' + r.error.message : ''}`,
    `stdout: ${show(r.stdout.slice(0, 400))}`, `stderr: ${show(r.stderr.slice(0, 800))}`];
}

/* `serve` on db; opts: args (more options, e.g. ['--trusted-proxy', '127.0.0.1']), env
 * (variables added to this process's). */
export function startServer(bin, db, logFile, port, threads = 2, { args = [], env = {} } = {}) {
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--db', db, '--port', String(port), '--addr', '127.0.0.1', '--threads', String(threads), ...args],
    { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  fs.closeSync(fd);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited };
}

export function logTail(logFile, n = 15) {
  try {
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    return ['server log (last lines):', ...lines.slice(-n).map((l) => '  ' + l)];
  } catch {
    return [];
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* ---------------------------------------------------------------- CSV and HTML */

/* RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF line ends). */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([^"]*)"/);
  return m ? m[1] : null;
}

/* One query of the suite's database with the engine's own command-line tool (sqlite3 for a
 * file, psql for a postgres:// database): { status, stdout, stderr }, rows one per line. */
export function dbQuery(db, sql) {
  const pg = db.startsWith('postgres');
  const r = spawnSync(pg ? 'psql' : 'sqlite3', pg ? [db, '-XAtqc', sql] : [db, sql], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || (r.error ? r.error.message : '') };
}
