/* Reference data in the pages: country names from ICU (CLDR), never iso-codes' garbled
 * Vietnamese catalogue; the partner countries first in every country list (the countries of
 * the partner provinces in the demo data: Laos, Cambodia, Thailand, Korea), then the others in
 * Vietnamese alphabetical order. */
import { test, ok, includes, excludes, status, req } from './lib.mjs';

/* The <select> of one field in a page, or null. */
function selectOf(html, name) {
  const i = html.indexOf(`<select name="${name}"`);
  if (i < 0) return null;
  const j = html.indexOf('</select>', i);
  return j < 0 ? null : html.slice(i, j);
}

/* Option values of a select, in order. */
const values = (sel) => [...sel.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);

export function register({ S, adminWeb, uniq }) {
  test('refdata: the partner form offers Campuchia, Hàn Quốc, Hoa Kỳ; no garbled name', async () => {
    const w = await adminWeb();
    const r = await req('GET', '/partners/new', { cookie: w.cookie });
    status(r, 200, 'partner form');
    const sel = selectOf(r.text, 'country');
    ok(sel, 'no country select in the partner form', r.text.slice(0, 300));
    includes(sel, '>Campuchia (KH)<', 'country select');
    includes(sel, '>Hàn Quốc (KR)<', 'country select');
    includes(sel, '>Triều Tiên (KP)<', 'country select');
    includes(sel, '>Hoa Kỳ (US)<', 'country select');
    includes(sel, '>Côte d’Ivoire (CI)<', 'country select');
    includes(sel, '>Đài Loan (Trung Quốc) (TW)<', 'country select');
    for (const bad of ['Căm Bốt', 'Nam Hàn', 'Bă-ba-đôxợ', 'Cốt đi-vouă', 'Chê-đ', 'Mợc-đo-nậ-đợ'])
      excludes(sel, bad, 'country select');
    const en = await req('GET', '/partners/new?lang=en', { cookie: w.cookie });
    includes(selectOf(en.text, 'country') || '', '>Cambodia (KH)<', 'English country select');
  });

  test('refdata: the partner countries come first in the country select, then A to Z', async () => {
    const w = await adminWeb();
    const r = await req('GET', '/partners/new', { cookie: w.cookie });
    status(r, 200, 'partner form');
    const v = values(selectOf(r.text, 'country') || '');
    const at = (c) => v.indexOf(c);
    ok(at('LA') > 0 && at('KH') > 0 && at('AF') > 0, 'LA, KH, AF offered', v.slice(0, 12).join(','));
    ok(at('LA') < at('AF') && at('KH') < at('AF'), 'Lào and Campuchia come before Afghanistan (Áp-ga-ni-xtan)',
      v.slice(0, 12).join(','));
    /* the demo's partner provinces: 4 in Laos, 2 in Cambodia, 1 in Thailand, 1 in Korea */
    ok(at('LA') < at('KH') && at('KH') < at('KR') && at('KH') < at('TH'), 'most partners first',
      v.slice(0, 12).join(','));
    /* then the Vietnamese alphabet: Đ after D */
    ok(at('DM') < at('DK') && at('DK') < at('DE') && at('DE') < at('EE'),
      'Dominica < Đan Mạch < Đức < E-xtô-ni-a', `${at('DM')} ${at('DK')} ${at('DE')} ${at('EE')}`);
  });

  test('refdata: a province is chosen by its name: Luang Prabang, not LA-LP', async () => {
    const w = await adminWeb();
    const r = await req('GET', '/partners/new', { cookie: w.cookie });
    const sel = selectOf(r.text, 'subdivision');
    ok(sel, 'the subdivision is a select');
    ok(/<option value="LA-LP">Luông Pha-bang<\/option>/.test(sel), 'Luang Prabang by its Vietnamese name', sel.slice(0, 300));
    const en = selectOf((await req('GET', '/partners/new?lang=en', { cookie: w.cookie })).text, 'subdivision') || '';
    ok(/<option value="LA-LP">Louangphabang<\/option>/.test(en) || /<option value="LA-LP">Luang Prabang<\/option>/.test(en), 'and by its English name', en.slice(0, 300));
    ok(sel.indexOf('<optgroup label="Lào">') >= 0, 'grouped by partner country');
    // a partner of Cambodia: the form offers Cambodia's provinces only
    const p = await req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'locality', name_vi: uniq('Tỉnh thử Ratanakiri'), country: 'KH', subdivision: 'KH-16' } });
    status(p, 201, 'a locality of Cambodia');
    const edit = await req('GET', `/partners/${p.json().id}/edit`, { cookie: w.cookie });
    const es = selectOf(edit.text, 'subdivision');
    ok(/<option value="KH-16" selected>/.test(es), 'its province selected', es.slice(0, 200));
    ok(!/value="LA-/.test(es), 'no province of another country');
  });

  test('refdata: a commitment started from a delegation takes its country and partner', async () => {
    const w = await adminWeb();
    const partner = await req('POST', '/api/v1/partners', { token: S.officer, json: { kind: 'ngo', name_vi: uniq('Tổ chức đi cùng đoàn'), country: 'KR' } });
    const d = await req('POST', '/api/v1/delegations', {
      token: S.officer,
      json: { title: uniq('Đoàn sang Hàn Quốc'), direction: 'outbound', level: 'department', channel: 'state', country: 'KR', partner_ids: [partner.json().id], start_date: '2026-04-01', end_date: '2026-04-03' },
    });
    status(d, 201, 'a delegation');
    const f = await req('GET', `/commitments/new?delegation_id=${d.json().id}&source=delegation`, { cookie: w.cookie });
    status(f, 200, 'the commitment form');
    ok(/<option value="KR" selected>/.test(selectOf(f.text, 'country') || ''), 'the delegation’s country');
    ok(new RegExp(`<option value="${partner.json().id}" selected`).test(selectOf(f.text, 'partner_id') || ''), 'its partner');
  });
}
