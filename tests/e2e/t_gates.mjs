/* Border gates: the demo's pairs, search without diacritics (on the gate and on its
 * counterpart), the class filter, coordinates checked (a pair, degrees in range, near the
 * province), the counterpart's province belonging to its country, and the page. */
import { test, ok, eq, includes, status, apiError, req } from './lib.mjs';

export function register({ S, uniq, adminWeb }) {
  test('gates: the demo pairs, found without diacritics, filtered by class', async () => {
    const all = (await req('GET', '/api/v1/gates?limit=50&sort=name_vi', { token: S.viewer })).json();
    const boY = all.items.find((g) => g.name_vi === 'Cửa khẩu quốc tế Bờ Y');
    ok(boY, 'the demo holds Bờ Y', all.items.map((g) => g.name_vi).join());
    eq(`${boY.class} ${boY.state} ${boY.counterpart_name} ${boY.counterpart_subdivision}`, 'international open Phou Keua LA-AT', 'Bờ Y – Phou Keua');
    eq(typeof boY.lat, 'number', 'coordinates are numbers in JSON');
    const planned = all.items.filter((g) => g.state === 'planned').map((g) => g.counterpart_subdivision);
    eq(planned.join(), 'KH-16,KH-16', 'the two secondary pairs with Ratanakiri still to open');
    // the list's words (the gates only), and the search of everything (the other records
    // of the suite that name Bờ Y may fill a page of it: a word only the gate holds)
    const listed = async (q) => (await req('GET', `/api/v1/gates?q=${encodeURIComponent(q)}`, { token: S.viewer })).json().items
      .map((g) => g.name_vi);
    includes((await listed('bo y')).join('|'), 'Cửa khẩu quốc tế Bờ Y', '"bo y" finds Bờ Y');
    includes((await listed('dak bar')).join('|'), 'Cửa khẩu Đăk Blô', '"dak bar" finds the gate paired with Dak Bar');
    const hits = (await req('GET', '/api/v1/search?q=phou%20keua&limit=100', { token: S.viewer })).json().items;
    includes(hits.filter((h) => h.type === 'gate').map((h) => h.title).join('|'), 'Cửa khẩu quốc tế Bờ Y', 'the search of everything: "phou keua"');
    const intl = (await req('GET', '/api/v1/gates?class=international', { token: S.viewer })).json();
    ok(intl.items.length >= 1 && intl.items.every((g) => g.class === 'international'), 'class filter');
    apiError(await req('GET', '/api/v1/gates?class=harbour', { token: S.viewer }), 400, 'bad_request', 'unknown class');
  });

  test('gates: coordinates come as a pair, in range and near the province; a counterpart province of its country', async () => {
    const base = { name_vi: uniq('Lối mở thử'), class: 'crossing_point', state: 'planned', counterpart_country: 'LA' };
    const post = (extra) => req('POST', '/api/v1/gates', { token: S.officer, json: { ...base, ...extra } });
    const field = async (extra, name) => { const r = await post(extra); apiError(r, 422, 'invalid', JSON.stringify(extra)); return r.json().error.fields[name]; };
    eq((await field({ lat: 14.7 }, 'lon')).code, 'coord_pair', 'a latitude without its longitude');
    eq((await field({ lat: 91, lon: 107.5 }, 'lat')).code, 'coord_range', 'latitude over 90');
    eq((await field({ lat: 14.7, lon: -181 }, 'lon')).code, 'coord_range', 'longitude under -180');
    eq((await field({ lat: 107.5, lon: 14.7 }, 'lat')).code, 'coord_range', 'swapped: a latitude of 107.5');
    const far = await field({ lat: 21.03, lon: 105.85 }, 'lat'); // Hà Nội
    eq(far.code, 'coord_area', 'far outside the province');
    includes(far.message, 'xa ngoài địa bàn tỉnh', 'said in Vietnamese');
    eq((await field({ counterpart_subdivision: 'KH-16' }, 'counterpart_subdivision')).code, 'subdiv_country', 'Ratanakiri is not in Laos');
    // across the border, a few km into Attapeu: in the margin
    const r = await post({ lat: 14.69, lon: 107.47, counterpart_subdivision: 'LA-AT' });
    status(r, 201, 'a gate by the border');
    const g = r.json();
    eq(`${g.lat},${g.lon}`, '14.69,107.47', 'stored as given');
    S.gateByBorder = g.id;
    const again = await req('GET', `/api/v1/gates/${g.id}`, { token: S.viewer });
    includes(again.text, '"lat":14.69,', 'the record as JSON: the number as given, not 14.689999999999999');
    apiError(await post({}), 422, 'invalid', 'the same name again');
    apiError(await req('POST', '/api/v1/gates', { token: S.viewer, json: { ...base, name_vi: uniq('x') } }), 403, 'forbidden', 'a viewer');
    apiError(await req('POST', '/api/v1/gates', { token: S.agency, json: { ...base, name_vi: uniq('x') } }), 403, 'forbidden', 'an agency user');
  });

  test('gates: the list page and a gate\'s page, in both languages', async () => {
    const web = await adminWeb();
    let r = await req('GET', '/gates', { cookie: web.cookie });
    status(r, 200, 'list page');
    includes(r.text, 'Cửa khẩu quốc tế Bờ Y', 'Bờ Y listed');
    includes(r.text, 'Phou Keua', 'with its counterpart');
    const id = (await req('GET', '/api/v1/gates?class=international', { token: S.viewer })).json().items[0].id;
    r = await req('GET', `/gates/${id}?lang=en`, { cookie: web.cookie });
    status(r, 200, 'gate page');
    includes(r.text, 'International', 'class in English');
    includes(r.text, 'Counterpart gate', 'labels in English');
    // its history shows the coordinates as they were given (a number in the audit entry)
    r = await req('GET', `/gates/${S.gateByBorder}`, { cookie: web.cookie });
    includes(r.text, '<b>Vĩ độ (độ thập phân)</b>: 14,69</li>', 'the latitude in the history');
    includes(r.text, '<b>Kinh độ (độ thập phân)</b>: 107,47</li>', 'the longitude in the history');
  });
}
