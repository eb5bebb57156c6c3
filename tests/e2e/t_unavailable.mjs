/* The database out of reach: a request that needs a new connection and cannot open one is
 * answered 503 (JSON for the API, with Retry-After), the server goes on, and once the file
 * is back the same requests succeed. A second server on a database of its own, whose file
 * is moved away while it runs (its open connections keep working: new ones fail). */
import fs from 'node:fs';
import path from 'node:path';
import { test, ok, eq, server, req, cli, describeRun, startServer, logTail, freePort, sleep, fail } from './lib.mjs';

export function register({ BIN, DIR }) {
  const db = path.join(DIR, 'unavailable.db');
  const away = path.join(DIR, 'unavailable-away.db');
  const log = path.join(DIR, 'unavailable-server.log');

  test('database out of reach: 503 with Retry-After, the server goes on, and recovers', async () => {
    const r = cli(BIN, ['demo', '--db', db]);
    const m = r.stdout.match(/^demo login: admin \/ (\S+)$/m);
    if (r.code !== 0 || !m) fail('demo', ...describeRun('demo', r));
    const port = await freePort();
    // 8 request threads, each taking a connection of the pool for its request: 24 requests
    // at once need more than the one or two the start and the login opened
    const srv = startServer(BIN, db, log, port, 8);
    const suitePort = server.port;
    server.port = port; // lib's req talks to this server until the end of the test
    try {
      for (let i = 0; ; i++) {
        try { if ((await req('GET', '/healthz')).status === 200) break; } catch { /* not yet */ }
        if (i > 200) fail('the second server did not start', ...logTail(log));
        await sleep(50);
      }
      const login = await req('POST', '/api/v1/login', { json: { username: 'admin', password: m[1] } });
      eq(login.status, 200, 'login');
      const token = login.json().token;
      // the database file goes away: requests that need a connection not yet open fail
      fs.renameSync(db, away);
      // rounds of 24 at once until one overlaps the others enough to need a new connection
      // (a loaded machine may serve one round one by one)
      let many = [];
      for (let round = 0; round < 20 && !many.some((a) => a.status === 503); round++) {
        many = await Promise.all(Array.from({ length: 24 }, (_, i) => i % 2
          ? req('POST', '/api/v1/partners', { token, json: { kind: 'other', name_vi: `Ngoài tầm ${round}-${i}`, country: 'LA' } })
          : req('GET', `/api/v1/partners?limit=100&offset=${i}`, { token })));
      }
      const codes = many.map((a) => a.status);
      const refused = many.filter((a) => a.status === 503);
      ok(refused.length > 0, `some requests found no connection (statuses ${codes})`, ...logTail(log));
      ok(codes.every((c) => c === 200 || c === 201 || c === 503), `200, 201 or 503 only (statuses ${codes})`, ...logTail(log));
      const e = refused[0].json().error;
      eq(e.code, 'unavailable', 'error code');
      ok(/database/i.test(refused[0].json().error.message) || /dữ liệu/.test(e.message), `message: ${e.message}`);
      eq(refused[0].headers['retry-after'], '5', 'Retry-After');
      const page = await req('GET', '/login');
      ok(page.status === 200 || page.status === 503, `a page: ${page.status}`);
      ok(srv.child.exitCode === null, 'the server is still running', ...logTail(log));
      // the file is back: the same requests succeed, new connections open
      fs.renameSync(away, db);
      const again = await Promise.all(Array.from({ length: 24 }, (_, i) =>
        req('POST', '/api/v1/partners', { token, json: { kind: 'other', name_vi: `Trở lại ${i}`, country: 'LA' } })));
      eq(JSON.stringify([...new Set(again.map((a) => a.status))]), '[201]', 'every create after the file is back');
    } finally {
      server.port = suitePort;
      srv.child.kill('SIGTERM');
      await Promise.race([srv.exited, sleep(10000)]);
      if (srv.child.exitCode === null) srv.child.kill('SIGKILL');
    }
  });
}
