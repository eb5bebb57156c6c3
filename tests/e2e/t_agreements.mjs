/* Agreements: several partners, a status computed from the dates (and filtered on), signed
 * scans attached: size-limited, type-checked by content, names cleaned, readable only by
 * signed-in users. */
import { test, ok, eq, includes, excludes, status, apiError, req, multipart } from './lib.mjs';

export function register({ S, uniq, createPartner, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const pdf = Buffer.from('%PDF-1.4\n% biên bản đã ký\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

  test('agreements: several partners; the status follows the dates and filters the list', async () => {
    const p1 = await createPartner({ kind: 'ngo', name_vi: uniq('Đối tác A'), country: 'LA' });
    const p2 = await createPartner({ kind: 'ngo', name_vi: uniq('Đối tác B'), country: 'KH' });
    const mk = async (extra) => {
      const r = await req('POST', '/api/v1/agreements', { token: S.officer, json: { title_vi: uniq('Thoả thuận'), kind: 'mou', partner_ids: [p1.id, p2.id], ...extra } });
      status(r, 201, 'agreement');
      return r.json();
    };
    let r = await req('POST', '/api/v1/agreements', { token: S.officer, json: { title_vi: 'X', kind: 'mou', partner_ids: [999999] } });
    apiError(r, 422, 'invalid', 'unknown partner');
    r = await req('POST', '/api/v1/agreements', { token: S.officer, json: { title_vi: 'X', kind: 'mou', partner_ids: [p1.id], status: 'in_force' } });
    apiError(r, 422, 'invalid', 'status cannot be set');
    const draft = await mk({});
    eq(draft.status, 'draft', 'no signing date: draft');
    eq(JSON.stringify(draft.partner_ids), JSON.stringify([p1.id, p2.id]), 'partners in order');
    const expiring = await mk({ signed_date: '2024-01-01', valid_to: shift(today, 90) });
    eq(expiring.status, 'expiring', 'ends in 90 days');
    const inForce = await mk({ signed_date: '2024-01-01', valid_to: shift(today, 91) });
    eq(inForce.status, 'in_force', 'ends in 91 days');
    const expired = await mk({ signed_date: '2024-01-01', valid_to: shift(today, -1) });
    eq(expired.status, 'expired', 'ended yesterday');
    S.agreement = inForce.id;
    r = await req('GET', `/api/v1/agreements?status=expiring&partner_ids=${p1.id}`, { token: S.viewer });
    status(r, 200, 'filter by status and partner');
    eq(r.json().items.map((a) => a.id).join(), String(expiring.id), 'only the expiring one of these partners');
    apiError(await req('GET', '/api/v1/agreements?status=sleeping', { token: S.viewer }), 400, 'bad_request', 'unknown status');
    apiError(await req('DELETE', `/api/v1/partners/${p2.id}`, { token: S.admin }), 409, 'conflict', 'a partner named in agreements');
    const d = (await req('GET', '/api/v1/dashboard', { token: S.viewer })).json();
    ok(d.expiring_agreements.count >= 1, 'the dashboard counts expiring agreements');
  });

  test('attachments: a signed scan is stored by content, its name cleaned, its type checked', async () => {
    const id = S.agreement;
    const up = (file, token = S.officer) => { const m = multipart({}, file); return req('POST', `/api/v1/agreements/${id}/attachments`, { token, body: m.body, headers: m.headers }); };
    apiError(await up({ name: 'x.pdf', data: pdf }, S.viewer), 403, 'forbidden', 'viewer uploading');
    let r = await up({ name: 'notes.pdf', data: Buffer.from('<html><script>alert(1)</script>') });
    apiError(r, 422, 'invalid', 'HTML named .pdf');
    eq(r.json().error.fields.file.code, 'file_type', 'checked by content');
    r = await up({ name: 'empty.pdf', data: Buffer.alloc(0) });
    eq(r.json().error.fields.file.code, 'file_empty', 'empty file');
    r = await up({ name: 'big.pdf', data: Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]) });
    eq(r.json().error.fields.file.code, 'file_too_big', 'over 20 MB');
    r = await up({ name: 'huge.pdf', data: Buffer.alloc(21 * 1024 * 1024) });
    apiError(r, 413, 'too_large', 'body beyond the route limit');
    r = await up({ name: '../../../etc/Biên bản ký.pdf', data: pdf });
    status(r, 201, 'upload');
    const a = r.json();
    eq(a.name, 'Biên bản ký.pdf', 'folders dropped from the name');
    eq(a.type, 'application/pdf', 'type from content');
    ok(/^[0-9a-f]{64}$/.test(a.sha256), 'content address');
    r = await req('GET', a.url, { token: S.viewer });
    status(r, 200, 'download by a viewer');
    ok(r.body.equals(pdf), 'the same bytes back');
    eq(r.headers['content-type'], 'application/pdf', 'type');
    includes(r.headers['content-disposition'], "attachment; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20k%C3%BD.pdf".slice(12), 'UTF-8 file name');
    eq(r.headers['x-content-type-options'], 'nosniff', 'nosniff');
    apiError(await req('GET', a.url), 401, 'unauthorized', 'download without login');
    apiError(await req('GET', '/api/v1/attachments/' + '0'.repeat(64), { token: S.viewer }), 404, 'not_found', 'unknown content');
    status(await req('GET', '/api/v1/attachments/../../etc/passwd', { token: S.viewer }), 404, 'path tricks in the URL');
    r = await req('GET', `/api/v1/agreements/${id}/attachments`, { token: S.viewer });
    eq(r.json().items.length, 1, 'listed on the agreement');
    r = await req('GET', `/api/v1/audit?entity=agreement&id=${id}`, { token: S.admin });
    ok(r.json().items.some((e) => e.new && e.new.attachment && e.new.attachment.sha256 === a.sha256), 'the upload is audited');
  });

  test('attachments: the agreement page lists files and uploads through a form with CSRF', async () => {
    const w = await adminWeb();
    let m = multipart({}, { name: 'scan.png', data: Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(40), 'binary') });
    let r = await req('POST', `/agreements/${S.agreement}/attachments`, { cookie: w.cookie, body: m.body, headers: m.headers });
    status(r, 403, 'without CSRF');
    m = multipart({ csrf: w.csrf }, { name: 'scan.png', data: Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(40), 'binary') });
    r = await req('POST', `/agreements/${S.agreement}/attachments`, { cookie: w.cookie, body: m.body, headers: m.headers });
    status(r, 303, 'upload through the page');
    r = await req('GET', `/agreements/${S.agreement}`, { cookie: w.cookie });
    includes(r.text, 'scan.png', 'file listed');
    includes(r.text, 'Biên bản ký.pdf', 'API upload listed');
    includes(r.text, 'Đang hiệu lực', 'status shown');
    excludes(r.text, '../', 'no path in names');
  });
}
