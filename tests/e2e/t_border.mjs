/* Border markers and incidents: a section's demarcation progress kept from its markers; a
 * marker's latest condition and date kept from its inspections, and its flag; bad
 * coordinates refused; a border guard station enters its own markers' inspections and its
 * own incidents, and nobody else's; an incident's workflow and action log; the five
 * categories; GeoJSON checked by a real validator, with the list's filters; the map page as
 * SVG with its points; the dashboard's counts by category. */
import { getIssues } from '@placemarkio/check-geojson';
import { test, ok, eq, includes, excludes, status, apiError, req, cli, describeRun } from './lib.mjs';

export function register({ S, BIN, DB, uniq, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // Vietnam
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const B = {};
  const post = async (table, json, token = S.officer, code = 201) => {
    const r = await req('POST', `/api/v1/${table}`, { token, json });
    status(r, code, `${table} ${JSON.stringify(json)}`);
    return r.json();
  };
  const get = async (path, token = S.viewer) => (await req('GET', path, { token })).json();

  test('border: a section counts its planted markers and what remains of the plan', async () => {
    const s = await post('border_sections', { name_vi: uniq('Đoạn biên giới thử'), country: 'LA', subdivision: 'LA-AT', markers_planned: 4 });
    eq(`${s.planted} ${s.remaining}`, '0 4', 'a new section: none planted, all remaining');
    B.section = s.id;
    const marker = (number, extra = {}) => post('markers', { number, section_id: s.id, kind: 'main', lat: 14.75, lon: 107.51, planted_on: '2012-03-01', ...extra });
    B.m1 = (await marker('901')).id;
    B.m2 = (await marker('902')).id;
    B.m3 = (await marker('903', { planted_on: null })).id; // a position not planted yet
    let sec = await get(`/api/v1/border_sections/${s.id}`);
    eq(`${sec.planted} ${sec.remaining}`, '2 2', 'two planted, two of four remaining');
    const put = await req('PUT', `/api/v1/markers/${B.m3}`, { token: S.officer, json: { planted_on: '2024-05-01' } });
    status(put, 200, 'the position planted');
    sec = await get(`/api/v1/border_sections/${s.id}`);
    eq(`${sec.planted} ${sec.remaining}`, '3 1', 'planting one: three planted, one remaining');
    const page = await req('GET', `/border_sections/${s.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, '903', 'its markers listed on its page');
  });

  test('border: a marker keeps its latest inspection; damaged, displaced, lost or overdue is flagged', async () => {
    const inspect = (marker_id, date, condition, token = S.officer, code = 201) =>
      post('marker_inspections', { title: 'Kiểm tra định kỳ', marker_id, date, condition }, token, code);
    await inspect(B.m1, shift(today, -30), 'good');
    await inspect(B.m1, shift(today, -10), 'displaced');
    await inspect(B.m1, shift(today, -60), 'good'); // entered last, inspected earlier
    let m = await get(`/api/v1/markers/${B.m1}`);
    eq(`${m.condition} ${m.last_inspected} ${m.flag}`, `displaced ${shift(today, -10)} attention`, 'the latest found it displaced');
    await inspect(B.m2, shift(today, -365), 'good'); // the period is 365 days: still in it
    m = await get(`/api/v1/markers/${B.m2}`);
    eq(m.flag, 'ok', 'inspected 365 days ago: not overdue yet');
    await inspect(B.m3, shift(today, -366), 'good');
    m = await get(`/api/v1/markers/${B.m3}`);
    eq(m.flag, 'overdue', 'inspected 366 days ago: overdue');
    const flagged = async (f) => (await get(`/api/v1/markers?flag=${f}&section_id=${B.section}`)).items.map((x) => x.number).sort().join();
    eq(await flagged('attention'), '901', 'the list of those to repair');
    eq(await flagged('overdue'), '903', 'the list of those overdue');
    eq(await flagged('ok'), '902', 'the others');
    const page = await req('GET', `/markers/${B.m1}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, 'mốc hư hỏng, bị xê dịch hoặc bị mất', 'the warning on its page');
    // an inspection in the future is refused, on its field
    const r = await req('POST', '/api/v1/marker_inspections', { token: S.officer, json: { title: 'x', marker_id: B.m1, date: shift(today, 2), condition: 'good' } });
    apiError(r, 422, 'invalid', 'a future inspection');
    eq(r.json().error.fields.date?.code, 'future_date', 'said on the date');
  });

  test('border: bad coordinates of a marker or an incident get a clear error, nothing stored', async () => {
    const before = (await get('/api/v1/markers?limit=1')).total;
    const bad = async (table, json, field, code) => {
      const r = await req('POST', `/api/v1/${table}`, { token: S.officer, json });
      apiError(r, 422, 'invalid', `${table} ${JSON.stringify(json)}`);
      eq(r.json().error.fields[field]?.code, code, `${table}: ${field} ${code}`);
    };
    const mk = { number: '999', section_id: B.section, kind: 'main' };
    await bad('markers', { ...mk, lat: 95, lon: 107.5 }, 'lat', 'coord_range');
    await bad('markers', { ...mk, lat: 14.7 }, 'lon', 'coord_pair');
    await bad('markers', { ...mk, lat: 10.77, lon: 106.7 }, 'lat', 'coord_area'); // Hồ Chí Minh City
    const cats = await get('/api/v1/incident_categories?limit=50');
    await bad('incidents', { title: 'Vụ thử', category_id: cats.items[0].id, date: today, lat: 14.7, lon: 181 }, 'lon', 'coord_range');
    eq((await get('/api/v1/markers?limit=1')).total, before, 'nothing stored');
    // the area is the province profile's, not the program's
    const prof = await req('GET', '/province', { cookie: (await adminWeb()).cookie });
    includes(prof.text, 'value="13.9,107.4,15.4,109.2"', 'the demo province\'s area in its profile');
  });

  test('border: the demo\'s incidents, their actions and the meetings that dealt with them', async () => {
    const acts = (await get('/api/v1/incident_actions?limit=100')).items;
    const met = acts.filter((a) => a.delegation_id);
    ok(met.length >= 2, 'actions taken up at a border meeting (a delegation)', JSON.stringify(acts.slice(0, 3)));
    const inc = await get(`/api/v1/incidents/${met[0].incident_id}`);
    includes(String(inc.delegation_ids), String(met[0].delegation_id), 'the incident names the meeting too');
    const page = await req('GET', `/delegations/${met[0].delegation_id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, `/incidents?delegation_ids=${met[0].delegation_id}`, 'the meeting\'s page links to its incidents');
  });

  test('border: the five categories the department names are there, and are data', async () => {
    const cats = await get('/api/v1/incident_categories?limit=50&sort=name_vi');
    const names = cats.items.map((c) => c.name_vi);
    for (const n of ['Ma túy', 'Pháo nổ', 'Buôn lậu, gian lận thương mại', 'Di cư tự do', 'Xâm canh, xâm cư'])
      ok(names.includes(n), `category ${n}`, names.join('|'));
    const c = await post('incident_categories', { name_vi: uniq('Khai thác khoáng sản trái phép'), name_en: 'Illegal mining' });
    B.category = c.id;
    B.drugs = cats.items.find((x) => x.name_vi === 'Ma túy').id;
    const found = (await get('/api/v1/incident_categories?q=xam%20canh')).items.map((x) => x.name_vi);
    includes(found.join('|'), 'Xâm canh, xâm cư', '"xam canh" finds it without diacritics');
  });

  test('border: a border guard station enters its own markers\' inspections and its own incidents only', async () => {
    const station = await post('agencies', { name_vi: uniq('Đồn Biên phòng thử'), kind: 'border_guard' });
    const other = await post('agencies', { name_vi: uniq('Đồn Biên phòng khác'), kind: 'border_guard' });
    await req('PUT', `/api/v1/markers/${B.m2}`, { token: S.officer, json: { agency_id: station.id } });
    await req('PUT', `/api/v1/markers/${B.m3}`, { token: S.officer, json: { agency_id: other.id } });
    const r = cli(BIN, ['user', 'add', 'bienphong-a', '--role', 'agency', '--agency', String(station.id), '--db', DB], 'bienphong-a-mk-1\n');
    ok(r.code === 0, 'user add', ...describeRun('user add', r));
    const login = await req('POST', '/api/v1/login', { json: { username: 'bienphong-a', password: 'bienphong-a-mk-1' } });
    status(login, 200, 'station user login');
    const t = login.json().token;
    B.station = station.id;
    B.stationToken = t;
    // its marker: an inspection; another station's: refused on the marker
    await post('marker_inspections', { title: 'Tuần tra', marker_id: B.m2, date: today, condition: 'damaged' }, t);
    let x = await req('POST', '/api/v1/marker_inspections', { token: t, json: { title: 'Tuần tra', marker_id: B.m3, date: today, condition: 'good' } });
    apiError(x, 422, 'invalid', 'another station\'s marker');
    eq(x.json().error.fields.marker_id?.code, 'not_your_agency', 'said on the marker');
    status(await req('POST', '/api/v1/markers', { token: t, json: { number: '1', section_id: B.section, kind: 'main' } }), 403, 'a station does not register markers');
    // incidents: its own, not another's
    const inc = await post('incidents', { title: uniq('Vụ vận chuyển pháo thử'), category_id: B.drugs, date: today, agency_id: station.id, other_country: 'LA', lat: 14.76, lon: 107.52 }, t);
    eq(inc.status, 'reported', 'a new incident is reported');
    B.incident = inc.id;
    x = await req('POST', '/api/v1/incidents', { token: t, json: { title: 'Vụ khác', category_id: B.drugs, date: today, agency_id: other.id } });
    apiError(x, 422, 'invalid', 'an incident of another station');
    eq(x.json().error.fields.agency_id?.code, 'not_your_agency', 'said on the agency');
    const theirs = await post('incidents', { title: uniq('Vụ của đồn khác'), category_id: B.drugs, date: today, agency_id: other.id });
    status(await req('PUT', `/api/v1/incidents/${theirs.id}`, { token: t, json: { description: 'x' } }), 403, 'another station\'s incident');
    status(await req('PUT', `/api/v1/incidents/${inc.id}`, { token: t, json: { people_count: 3, goods: '20 kg pháo' } }), 200, 'its own incident updated');
    // the workflow: the station handles it jointly and resolves it; the department closes it
    const step = (id, to, token, extra = {}) => req('POST', `/api/v1/incidents/${id}/transition`, { token, json: { to, ...extra } });
    status(await step(inc.id, 'joint', t), 200, 'handled jointly, by the station');
    status(await step(theirs.id, 'joint', t), 403, 'not another station\'s');
    // the action log: its own incident's, with the meeting that dealt with it
    const dl = (await get('/api/v1/delegations?limit=1')).items[0];
    const act = await post('incident_actions', { incident_id: inc.id, date: today, text: 'Trao đổi với đồn biên phòng phía bạn', delegation_id: dl.id }, t);
    ok(act.id > 0, 'an action logged');
    x = await req('POST', '/api/v1/incident_actions', { token: t, json: { incident_id: theirs.id, date: today, text: 'x' } });
    eq(x.json().error?.fields?.incident_id?.code, 'not_your_agency', 'not on another\'s incident');
    status(await step(inc.id, 'resolved', t), 200, 'resolved, by the station');
    status(await step(inc.id, 'closed', t), 403, 'the station does not close the case');
    status(await step(inc.id, 'closed', S.officer), 200, 'the department closes it');
    const done = await get(`/api/v1/incidents/${inc.id}`);
    eq(`${done.status} ${done.people_count}`, 'closed 3', 'closed, as the station reported it');
    const page = await req('GET', `/incidents/${inc.id}`, { cookie: (await adminWeb()).cookie });
    includes(page.text, 'Trao đổi với đồn biên phòng phía bạn', 'the action on the incident\'s page');
    includes(page.text, `/delegations/${dl.id}`, 'linked to the delegation');
  });

  test('border: gates, markers and incidents as GeoJSON, valid, with the list\'s filters', async () => {
    for (const t of ['gates', 'markers', 'incidents']) {
      const r = await req('GET', `/api/v1/${t}.geojson`, { token: S.viewer });
      status(r, 200, `${t}.geojson`);
      includes(r.headers['content-type'], 'application/geo+json', `${t}: its media type`);
      const issues = getIssues(r.text);
      eq(JSON.stringify(issues), '[]', `${t}: valid GeoJSON (RFC 7946)`);
      const fc = JSON.parse(r.text);
      eq(fc.type, 'FeatureCollection', `${t}: a collection`);
      eq(fc.features.length, (await get(`/api/v1/${t}?limit=1`)).total, `${t}: every record, not a page`);
    }
    const fc = await get(`/api/v1/markers.geojson?flag=attention&section_id=${B.section}`);
    eq(fc.features.map((f) => f.properties.number).sort().join(), '901,902', 'the flag filter: 901 displaced, 902 found damaged by the station');
    const f = fc.features.find((x) => x.properties.number === '901');
    eq(JSON.stringify(f.geometry), '{"type":"Point","coordinates":[107.51,14.75]}', 'longitude first');
    eq(`${f.properties.flag} ${f.properties.url}`, `attention /markers/${B.m1}`, 'its properties and page');
    const inc = await get(`/api/v1/incidents.geojson?category_id=${B.drugs}&status=closed`);
    ok(inc.features.some((x) => x.id === B.incident) && inc.features.every((x) => x.properties.status === 'closed'), 'incidents filtered by category and status');
    const none = await get(`/api/v1/incidents.geojson?category_id=${B.category}`);
    eq(none.features.length, 0, 'a category with no incident: an empty collection');
    status(await req('GET', '/api/v1/partners.geojson', { token: S.viewer }), 404, 'a type without a point');
    status(await req('GET', '/api/v1/markers.geojson'), 401, 'signed in only');
  });

  test('border: the map page draws the points over the borders as SVG, and lists them as text', async () => {
    const w = await adminWeb();
    const r = await req('GET', '/map', { cookie: w.cookie });
    status(r, 200, 'map page');
    const svg = r.text.match(/<svg[^>]*class="svgmap"[\s\S]*?<\/svg>/);
    ok(svg, 'an inline SVG map');
    includes(svg[0], 'class="border"', 'the national borders drawn');
    includes(svg[0], `href="/markers/${B.m1}"`, 'a marker linked to its page');
    ok(/<g class="pt pt-marker flagged" data-lat="14.75000" data-lon="107.51000">/.test(svg[0]), 'the displaced marker drawn flagged where it is');
    includes(svg[0], 'pt-gate', 'the gates drawn');
    includes(r.text, 'id="layer-markers"', 'the markers as text');
    includes(r.text, 'Natural Earth', 'the source of the borders said');
    // one layer, filtered
    const only = await req('GET', `/map?layers=1&markers=1&flag=attention`, { cookie: w.cookie });
    const s2 = only.text.match(/<svg[^>]*class="svgmap"[\s\S]*?<\/svg>/)[0];
    excludes(s2, 'pt-gate', 'the gates left out');
    excludes(s2, 'pt-incident', 'the incidents left out');
    ok((s2.match(/pt-marker/g) || []).length === (s2.match(/pt-marker flagged/g) || []).length, 'only flagged markers');
    includes(only.text, 'href="/api/v1/markers.geojson?flag=attention"', 'the GeoJSON of what is shown');
    const en = await req('GET', '/map?lang=en', { cookie: w.cookie });
    includes(en.text, 'Border map', 'in English');
    // the page is kept per data version: a new incident is on it at once
    const again = await req('GET', '/map', { cookie: w.cookie });
    eq(again.text.length, r.text.length, 'the same page again');
    const inc = await post('incidents', { title: uniq('Vụ việc mới trên bản đồ'), category_id: B.drugs, date: today, lat: 14.9, lon: 107.5 });
    includes((await req('GET', '/map', { cookie: w.cookie })).text, `href="/incidents/${inc.id}"`, 'the new incident drawn');
  });

  test('border: the dashboard counts incidents by category and period, and flagged markers', async () => {
    const d0 = await get('/api/v1/dashboard', S.officer);
    const row = (d) => d.incidents_by_category.rows.find((x) => x.category_id === B.drugs);
    const before = row(d0);
    ok(before && before.this_year >= 1, 'the drugs row', JSON.stringify(d0.incidents_by_category));
    await post('incidents', { title: uniq('Vụ ma túy mới'), category_id: B.drugs, date: today });
    const d1 = await get('/api/v1/dashboard', S.officer);
    const after = row(d1);
    eq(`${after.quarter - before.quarter} ${after.this_year - before.this_year} ${after.open - before.open} ${after.last_year - before.last_year}`,
      '1 1 1 0', 'a new incident today: this quarter, this year, being handled');
    ok(d1.markers_flagged.attention >= 2, 'flagged markers counted');
    const home = await req('GET', '/', { cookie: (await adminWeb()).cookie });
    includes(home.text, 'Vụ việc biên giới theo loại', 'the table on the dashboard');
    includes(home.text, `category_id=${B.drugs}`, 'each count a link to its list');
  });
}
