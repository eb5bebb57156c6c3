/* PostgreSQL's connections lost under a running server (the database restarted, a network
 * cut, an administrator's pg_terminate_backend): the requests that meet a lost connection
 * answer 503 with Retry-After (JSON under /api/), never 500 and never a login page; the
 * server goes on, drops the lost connections and opens new ones, and the next requests
 * succeed. A second server of its own on the suite's database, named by application_name
 * so that only its connections are cut. Only when the suite runs against PostgreSQL. */
import path from 'node:path';
import { test, ok, eq, req, startServer, logTail, freePort, sleep, server, fail, dbQuery } from './lib.mjs';

export function register({ BIN, DB, PG, DIR, S }) {
  if (!PG) return;
  const log = path.join(DIR, 'outage-server.log');
  const db = `${DB}${DB.includes('?') ? '&' : '?'}application_name=ngoaivu-outage`;

  test('PostgreSQL: connections lost under the server answer 503, and the server reconnects', async () => {
    const port = await freePort();
    const srv = startServer(BIN, db, log, port, 2);
    const suitePort = server.port;
    server.port = port; // lib's req talks to this server until the end of the test
    try {
      for (let i = 0; ; i++) {
        try { if ((await req('GET', '/healthz')).status === 200) break; } catch { /* not yet */ }
        if (i > 200) fail('the second server did not start', ...logTail(log));
        await sleep(50);
      }
      const token = S.admin;
      const list = () => req('GET', '/api/v1/partners?limit=5', { token });
      eq((await list()).status, 200, 'a list before the cut');
      const cut = dbQuery(DB, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'ngoaivu-outage'");
      eq(cut.status, 0, `pg_terminate_backend: ${cut.stderr}`);
      ok(Number(cut.stdout.trim()) >= 1, `connections cut: ${cut.stdout.trim()}`);
      const codes = [];
      let refused = null;
      for (let i = 0; i < 8; i++) {
        const r = i % 3 === 2
          ? await req('POST', '/api/v1/partners', { token, json: { kind: 'other', name_vi: `Mất kết nối ${Date.now()}-${i}`, country: 'LA' } })
          : await list();
        codes.push(r.status);
        if (r.status === 503 && !refused) refused = r;
      }
      ok(codes.every((c) => c === 200 || c === 201 || c === 503), `200, 201 or 503 only (statuses ${codes})`, ...logTail(log));
      ok(refused, `a request met a lost connection and was refused (statuses ${codes})`, ...logTail(log));
      eq(refused.headers['retry-after'], '5', 'Retry-After');
      eq(refused.json().error.code, 'unavailable', 'error code');
      ok(srv.child.exitCode === null, 'the server is still running', ...logTail(log));
      // the lost connections are gone: every request now succeeds
      const again = [];
      for (let i = 0; i < 6; i++) again.push((await list()).status);
      eq(JSON.stringify([...new Set(again)]), '[200]', `after the cut (statuses ${again})`);
    } finally {
      server.port = suitePort;
      srv.child.kill('SIGTERM');
      await Promise.race([srv.exited, sleep(10000)]);
      if (srv.child.exitCode === null) srv.child.kill('SIGKILL');
    }
    const res = await srv.exited;
    eq(res.code, 0, 'the second server stops cleanly (exit 0)');
  });
}
