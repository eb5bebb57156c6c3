// A tiny SMTP server on 127.0.0.1 for the tests: it accepts every message and keeps it.
//   const sink = await startSmtpSink();   // sink.port, sink.messages, await sink.close()
// Each message: {from, to: [...], raw} as received (dot-stuffing undone); parseMail(raw)
// gives {headers (lower-case names, folded lines joined), subject (RFC 2047 decoded),
// body (transfer encoding undone, UTF-8), lines (raw lines, to check they end in CRLF)}.
import net from 'node:net';

export function startSmtpSink() {
  const messages = [];
  const sockets = new Set();
  const srv = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    let inData = false;
    let cur = null;
    const say = (line) => sock.write(line + '\r\n');
    say('220 sink.test ESMTP ready');
    sock.setEncoding('latin1'); // bytes as they come; decoded once a message is whole
    sock.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          const at = buf.startsWith('.\r\n') ? 0 : end >= 0 ? end + 2 : -1;
          if (at < 0) return;
          const data = buf.slice(0, at);
          buf = buf.slice(at + 3);
          inData = false;
          const raw = Buffer.from(data.replace(/^\.\./gm, '.'), 'latin1').toString('utf8');
          messages.push({ ...cur, raw });
          cur = null;
          say('250 2.0.0 kept');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') { say('250-sink.test'); say('250-8BITMIME'); say('250 SIZE 10485760'); }
        else if (verb === 'HELO') say('250 sink.test');
        else if (verb === 'MAIL') { cur = { from: (line.match(/<([^>]*)>/) || [])[1] || '', to: [] }; say('250 2.1.0 ok'); }
        else if (verb === 'RCPT') { if (cur) cur.to.push((line.match(/<([^>]*)>/) || [])[1] || ''); say('250 2.1.5 ok'); }
        else if (verb === 'DATA') { inData = true; say('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'RSET') { cur = null; say('250 ok'); }
        else if (verb === 'NOOP') say('250 ok');
        else if (verb === 'QUIT') { say('221 bye'); sock.end(); return; }
        else say('502 5.5.2 not implemented');
      }
    });
  });
  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      resolve({
        port: srv.address().port,
        messages,
        close: () => new Promise((r) => { for (const s of sockets) s.destroy(); srv.close(() => r()); }),
      });
    });
  });
}

/* RFC 2047 encoded words (B and Q) of UTF-8 in a header value. */
export function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // white space between encoded words is not text
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, text) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

export function parseMail(raw) {
  const sep = raw.indexOf('\r\n\r\n');
  const head = sep >= 0 ? raw.slice(0, sep) : raw;
  const rawBody = sep >= 0 ? raw.slice(sep + 4) : '';
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
  const body = cte === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : rawBody;
  return { headers, subject: decodeWords(headers.subject || ''), body, lines: raw.split('\n') };
}
