/* The generic pages from outside: every kind of page is valid HTML (html-validate) in both
 * languages, with the accessibility basics (skip link, labels tied to controls, errors
 * tied to fields, checkbox groups in fieldsets, languages marked); lists with page
 * numbers, sortable headers, a default order and an empty state that keep every filter;
 * several-record choices as checkboxes; the history naming partners; a refused delete
 * naming what refers to the record; English names on English pages. */
import { HtmlValidate } from 'html-validate';
import { test, ok, eq, includes, excludes, status, req } from './lib.mjs';

/* html-validate's recommended preset, with two rules set for reasons of this product:
 * - long-title: a page's title is the record's title and the department's name; a
 *   delegation's title is a sentence, and cutting it would make the browser's tabs and
 *   history entries indistinguishable.
 * - form-dup-name: the checkboxes of one group (a set of codes, several records) share one
 *   name by design: the form sends each checked value under it (HTML's own way). */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'long-title': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

async function validate(html, what) {
  const report = await validator.validateString(html);
  const msgs = report.results.flatMap((r) => r.messages);
  const lines = html.split('\n');
  ok(msgs.length === 0, `${what}: ${msgs.length} HTML errors`,
    msgs.slice(0, 8).map((m) => `${m.ruleId}: ${m.message} — ${(lines[m.line - 1] || '').slice(Math.max(0, m.column - 70), m.column + 50)}`));
}

const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const hrefs = (html, re) => [...html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>/g)].map((m) => decode(m[1])).filter((h) => re.test(h));
const rowCount = (html) => (html.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0].match(/<tr>/g) || []).length;
const titleCells = (html) => [...(html.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0] || '').matchAll(/<tr><td[^>]*><a href="\/[a-z]+\/\d+"[^>]*>([^<]*)<\/a>/g)].map((m) => decode(m[1]));

export function register({ S, uniq, createPartner, adminWeb }) {
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const shift = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
  const P = {}; // records these tests make
  const page = async (path, lang = 'vi', opts = {}) => {
    const web = await adminWeb();
    const sep = path.includes('?') ? '&' : '?';
    return req(opts.method || 'GET', `${path}${sep}lang=${lang}`, { cookie: web.cookie, ...opts });
  };
  const api = async (method, path, json, token = S.officer) => {
    const r = await req(method, path, { token, json });
    status(r, [200, 201], `${method} ${path}`);
    return r.json();
  };

  async function setup() {
    if (P.done) return;
    const tag = uniq('Trang').replace(/[^A-Za-z0-9]/g, '');
    P.tag = tag;
    P.lao = await createPartner({ kind: 'locality', name_vi: `Tỉnh ${tag} Lào`, name_en: `${tag} Province (Laos)`, name_native: 'ແຂວງທົດລອງ', country: 'LA', subdivision: 'LA-AT' });
    P.viOnly = await createPartner({ kind: 'ngo', name_vi: `Tổ chức ${tag} chỉ tiếng Việt`, country: 'KH' });
    P.agencies = [];
    for (const n of ['A', 'B', 'C', 'D', 'E'])
      P.agencies.push(await api('POST', '/api/v1/agencies', { name_vi: `Sở ${tag} ${n}`, name_en: `${tag} Department ${n}`, kind: 'health' }));
    P.agreement = await api('POST', '/api/v1/agreements', { title_vi: `Thoả thuận ${tag}`, title_en: `${tag} agreement`, kind: 'mou', partner_ids: [P.lao.id] });
    await api('PUT', `/api/v1/agreements/${P.agreement.id}`, { partner_ids: [P.lao.id, P.viOnly.id], version: P.agreement.version });
    const c = (title, deadline, agency) => api('POST', '/api/v1/commitments', { title: `${title} ${tag}`, source: 'meeting', meeting: 'Hội đàm', agency_id: agency.id, partner_id: P.lao.id, deadline });
    P.late1 = await c('Cam kết quá hạn 1', shift(today, -10), P.agencies[0]);
    P.late2 = await c('Cam kết quá hạn 2', shift(today, -3), P.agencies[1]);
    P.doneLate = await c('Cam kết xong', shift(today, -5), P.agencies[0]);
    await api('POST', `/api/v1/commitments/${P.doneLate.id}/transition`, { to: 'done' });
    P.future = await c('Cam kết sắp tới', shift(today, 20), P.agencies[0]);
    P.delegation = await api('POST', '/api/v1/delegations', {
      title: `Đoàn ${tag}`, direction: 'outbound', level: 'department', channel: 'state', country: 'LA',
      start_date: shift(today, 5), end_date: shift(today, 7), partner_ids: [P.lao.id],
    });
    P.done = true;
  }

  test('pages: every kind of page is valid HTML in Vietnamese and in English', async () => {
    await setup();
    const kinds = [
      ['dashboard', '/'], ['partner list', '/partners'], ['commitment list', '/commitments'],
      ['overdue commitments', '/commitments?status=overdue'], ['agreement list', '/agreements'],
      ['delegation list', '/delegations'], ['empty list', `/partners?q=khongcoban${P.tag}`],
      ['paged list', `/agencies?q=${P.tag}&limit=2&offset=2`],
      ['partner detail', `/partners/${P.lao.id}`], ['agreement detail', `/agreements/${P.agreement.id}`],
      ['commitment detail', `/commitments/${P.late1.id}`], ['delegation detail', `/delegations/${P.delegation.id}`],
      ['partner form', '/partners/new'], ['agreement form', `/agreements/${P.agreement.id}/edit`],
      ['delegation form', '/delegations/new'], ['commitment form', '/commitments/new'], ['contact form', '/contacts/new'],
      ['delete confirmation', `/partners/${P.lao.id}/delete`], ['search', '/search?q=attapeu'],
      ['calendar', '/calendar'], ['notifications', '/notifications'], ['import form', '/partners/import'],
      ['404 page', '/partners/999999999'], ['province profile', '/province'],
      ['trade page', '/trade'], ['trade figures', '/trade_reports?latest=1'], ['trade figure form', '/trade_reports/new'],
      ['gate list', '/gates'], ['gate plans', '/gate_plans'], ['milestones', '/gate_milestones'],
      ['border map', '/map'], ['border map, one layer', '/map?layers=1&markers=1&flag=attention'],
      ['markers', '/markers'], ['flagged markers', '/markers?flag=overdue'], ['sections', '/border_sections'],
      ['incidents', '/incidents'], ['incident form', '/incidents/new'], ['inspection form', '/marker_inspections/new'],
      ['incident categories', '/incident_categories'], ['settings', '/admin/settings'],
    ];
    // the border's records with their children and revisions (the demo's, or the tests')
    for (const [t, what] of [['gate_plans', 'gate plan detail'], ['trade_reports', 'trade figure detail'], ['gates', 'gate detail'],
      ['markers', 'marker detail'], ['border_sections', 'section detail'], ['incidents', 'incident detail'], ['marker_inspections', 'inspection detail']]) {
      const first = (await req('GET', `/api/v1/${t}?limit=1`, { token: S.viewer })).json().items[0];
      if (first) kinds.push([what, `/${t}/${first.id}`], [`${what} form`, `/${t}/${first.id}/edit`]);
    }
    const revised = (await req('GET', '/api/v1/trade_reports?latest=0&limit=1', { token: S.viewer })).json().items[0];
    if (revised) kinds.push(['trade figure with revisions', `/trade_reports/${revised.id}`]);
    for (const lang of ['vi', 'en']) {
      for (const [what, path] of kinds) {
        const r = await page(path, lang);
        status(r, path.includes('999999999') ? 404 : 200, `${what} (${lang})`);
        await validate(r.text, `${what} (${lang}) ${path}`);
      }
      const web = await adminWeb();
      // a form with errors, and a refused delete
      const bad = await req('POST', `/partners?lang=${lang}`, { cookie: web.cookie, form: { csrf: web.csrf, kind: 'ngo', name_vi: '', country: 'XX', email: 'not-an-address' } });
      status(bad, 422, `form with errors (${lang})`);
      await validate(bad.text, `form with errors (${lang})`);
      const del = await req('POST', `/partners/${P.lao.id}/delete?lang=${lang}`, { cookie: web.cookie, form: { csrf: web.csrf } });
      status(del, 409, `refused delete (${lang})`);
      await validate(del.text, `refused delete (${lang})`);
      const login = await req('GET', `/login?lang=${lang}`);
      status(login, 200, `login (${lang})`);
      await validate(login.text, `login page (${lang})`);
    }
  });

  test('pages: skip link first, labels and errors tied to their controls, languages marked', async () => {
    await setup();
    const web = await adminWeb();
    const list = (await page('/partners')).text;
    const body = list.slice(list.indexOf('<body'));
    const first = body.match(/<(a|input|select|textarea|button)\b[^>]*>/)[0];
    includes(first, 'href="#main"', 'the first focusable element is the skip link');
    includes(body, '>Bỏ qua đến nội dung chính</a>', 'skip link text');
    includes(body, '<main id="main">', 'the skip link target');
    includes((await page('/partners', 'en')).text, '>Skip to main content</a>', 'skip link in English');
    includes(list, 'lang="en" hreflang="en" href="/lang?to=en', 'the language switch is marked English');
    includes((await page('/partners', 'en')).text, 'lang="vi" hreflang="vi" href="/lang?to=vi', 'and Vietnamese on English pages');

    const bad = await req('POST', '/partners', { cookie: web.cookie, form: { csrf: web.csrf, kind: '', name_vi: '', country: 'LA', email: 'x', fields: '' } });
    status(bad, 422, 'form with errors');
    const h = bad.text;
    for (const name of ['name_vi', 'kind', 'email']) {
      const tag = h.match(new RegExp(`<(input|select|textarea)\\b[^>]*name="${name}"[^>]*>`))?.[0] || '';
      includes(tag, 'aria-invalid="true"', `${name}: marked invalid`);
      includes(tag, `aria-describedby="err-${name}"`, `${name}: tied to its error`);
      includes(h, `id="err-${name}"`, `${name}: the error message it points at`);
    }
    const nameTag = h.match(/<input\b[^>]*name="name_en"[^>]*>/)[0];
    excludes(nameTag, 'aria-invalid="true"', 'a valid field is not marked invalid');
    for (const path of ['/partners/new', '/delegations/new', '/agreements/new', '/contacts/new', '/commitments/new', '/partners']) {
      const t = (await page(path)).text;
      const ids = new Set([...t.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
      for (const m of t.matchAll(/<label\b[^>]*\bfor="([^"]+)"/g)) ok(ids.has(m[1]), `${path}: label for="${m[1]}" points at no element`);
      for (const m of t.matchAll(/<button\b[^>]*>/g)) includes(m[0], 'type="', `${path}: a button without a type`);
      for (const m of t.matchAll(/<input\b[^>]*type="date"[^>]*>/g)) excludes(m[0], 'maxlength', `${path}: a date input`);
      excludes(t, '=&quot;', `${path}: an attribute escaped as text`);
    }
    const dele = (await page('/delegations/new')).text;
    ok(/<fieldset class="set"><legend>Lĩnh vực/.test(dele), 'a set of codes is a fieldset with its legend');
    // names in another language than the page's are marked with theirs
    const lao = (await page(`/partners/${P.lao.id}`)).text;
    includes(lao, '<dd lang="lo">ແຂວງທົດລອງ</dd>', 'the Lao name is marked lang="lo"');
    includes(lao, `<dd lang="en">${P.tag} Province (Laos)</dd>`, 'the English name on a Vietnamese page is marked');
    const viOnlyEn = (await page(`/partners/${P.viOnly.id}`, 'en')).text;
    includes(viOnlyEn, `<h1 lang="vi">Tổ chức ${P.tag} chỉ tiếng Việt</h1>`, 'a Vietnamese-only name on an English page is marked lang="vi"');
  });

  test('lists: page numbers, sortable column heads, the filters kept by sorting, paging and export', async () => {
    await setup();
    // 5 agencies of this test, 2 a page: pages 1 2 3, the present one marked
    let r = await page(`/agencies?q=${P.tag}&limit=2&offset=2`);
    status(r, 200, 'second page');
    const pager = r.text.match(/<nav class="pager"[\s\S]*?<\/nav>/)?.[0] || '';
    includes(pager, 'aria-label="Các trang"', 'the pager is named');
    ok(/aria-current="page"[^>]*>2<\/a>/.test(pager), 'page 2 is the present one', pager);
    ok(/>1<\/a>/.test(pager) && />3<\/a>/.test(pager), 'pages 1 and 3 are offered', pager);
    const p3 = hrefs(pager, /offset=4/)[0];
    ok(p3 && p3.includes(`q=${P.tag}`) && p3.includes('limit=2'), 'page 3 keeps the words and the page size', p3);
    eq(rowCount((await page(p3)).text), 1, 'rows on page 3');
    // the column head sorts, then sorts the other way; the order is shown
    r = await page(`/agencies?q=${P.tag}`);
    const asc = hrefs(r.text, /sort=name_vi(&|$)/)[0];
    ok(asc && !asc.includes('offset'), 'the name column head sorts ascending', asc);
    r = await page(asc);
    includes(r.text, 'aria-sort="ascending"', 'the sorted column says so');
    eq(titleCells(r.text).join(), P.agencies.map((a) => a.name_vi).join(), 'names in order');
    const desc = hrefs(r.text, /sort=-name_vi/)[0];
    ok(desc && desc.includes(`q=${P.tag}`), 'the head now sorts descending, keeping the words', desc);
    r = await page(desc);
    includes(r.text, 'aria-sort="descending"', 'descending shown');
    eq(titleCells(r.text).join(), P.agencies.map((a) => a.name_vi).reverse().join(), 'names in reverse order');

    // "overdue" is a choice of the status filter, and sorting keeps it
    r = await page(`/commitments?status=overdue&q=${P.tag}`);
    status(r, 200, 'overdue commitments');
    ok(/<option value="overdue" selected>Quá hạn<\/option>/.test(r.text), 'the filter shows "Quá hạn" chosen');
    eq(titleCells(r.text).sort().join(), [P.late1.title, P.late2.title].sort().join(), 'only the overdue ones, not the done one');
    for (const h of hrefs(r.text, /^\/commitments\?.*sort=/)) ok(h.includes('status=overdue'), 'a sort link keeps the filter', h);
    const sortLink = hrefs(r.text, /^\/commitments\?.*sort=/)[0];
    eq(rowCount((await page(sortLink)).text), 2, 'rows after sorting the overdue list');
    const csv = hrefs(r.text, /format=csv/)[0];
    ok(csv.includes('status=overdue'), 'the export keeps the filter', csv);
    const out = await page(csv);
    ok(out.text.includes(P.late1.title) && !out.text.includes(P.doneLate.title), 'the export holds only the overdue ones');
    // the dashboard's link (several statuses and a date): the form shows and keeps it
    r = await page(`/commitments?status=open,in_progress&deadline_to=${shift(today, -1)}&q=${P.tag}`);
    ok(/<option value="open,in_progress" selected>Chưa thực hiện, Đang thực hiện<\/option>/.test(r.text), 'the filter form keeps several statuses');
    eq(rowCount(r.text), 2, 'rows behind the dashboard link');
    // agency is a filter offered by name
    const sel = r.text.match(/<select name="agency_id"[\s\S]*?<\/select>/)?.[0] || '';
    includes(sel, `>${P.agencies[1].name_vi}</option>`, 'agencies offered by name in the filter');
    r = await page(`/commitments?agency_id=${P.agencies[1].id}`);
    eq(titleCells(r.text).join(), P.late2.title, 'filtered by agency');
    // default order: commitments by deadline, nearest first
    r = await page(`/commitments?q=${P.tag}`);
    eq(titleCells(r.text).join(), [P.late1, P.doneLate, P.late2, P.future].map((c) => c.title).join(), 'commitments by deadline');
    ok(/aria-sort="ascending"><a class="sort" href="\/commitments\?[^"]*sort=-deadline/.test(r.text), 'the default order is shown on its column');
    // the empty state says nothing matched and offers to clear the filters
    r = await page(`/partners?q=khongcoban${P.tag}`);
    includes(r.text, 'Không có bản ghi nào khớp với điều kiện lọc.', 'empty state');
    ok(/class="empty-state">[^<]*<a href="\/partners">Bỏ lọc<\/a>/.test(r.text), 'a link clears the filters');
    excludes(r.text, '<table class="list">', 'no empty table');
  });

  test('forms: several records as checkboxes (chosen first); required choices say "Chọn"', async () => {
    await setup();
    const t = (await page(`/agreements/${P.agreement.id}/edit`)).text;
    const fs = t.match(/<fieldset class="refs"[\s\S]*?<\/fieldset>/)?.[0] || '';
    ok(/^<fieldset class="refs"><legend>Đối tác/.test(fs), 'partners in a fieldset with its legend', fs.slice(0, 200));
    const boxes = [...fs.matchAll(/<input type="checkbox" name="partner_ids" id="[^"]+" value="(\d+)"( checked)?/g)];
    ok(boxes.length >= 2, 'one checkbox per partner');
    deepOrder(boxes.slice(0, 2).map((m) => [m[1], !!m[2]]), [[String(P.lao.id), true], [String(P.viOnly.id), true]]);
    ok(boxes.slice(2).every((m) => !m[2]), 'the others unchecked, after the chosen ones');
    excludes(t, 'multiple', 'no multiple select');
    // saving the form keeps the partners chosen by checkbox
    const web = await adminWeb();
    const r = await req('POST', `/agreements/${P.agreement.id}`, {
      cookie: web.cookie,
      form: [['csrf', web.csrf], ['version', String((await api('GET', `/api/v1/agreements/${P.agreement.id}`)).version)],
        ['title_vi', P.agreement.title_vi], ['title_en', P.agreement.title_en], ['kind', 'mou'],
        ['partner_ids', String(P.viOnly.id)]],
    });
    status(r, 303, 'saved');
    eq((await api('GET', `/api/v1/agreements/${P.agreement.id}`)).partner_ids.join(), String(P.viOnly.id), 'partners after the save');
    const c = (await page('/commitments/new')).text;
    ok(/<select name="source" id="f-source" required><option value="">— Chọn —<\/option>/.test(c), 'a required choice starts with "— Chọn —"');
    ok(/<select name="partner_id" id="f-partner_id"><option value="">— Không —<\/option>/.test(c), 'an optional one with "— Không —"');
  });

  test('history names the partners; a refused delete names what refers to the record', async () => {
    await setup();
    const t = (await page(`/agreements/${P.agreement.id}`)).text;
    const hist = t.match(/<section class="history">[\s\S]*?<\/section>/)?.[0] || '';
    includes(hist, `Tỉnh ${P.tag} Lào`, 'the history names the partner');
    includes(hist, `Tổ chức ${P.tag} chỉ tiếng Việt`, 'and the one added later');
    excludes(hist, '<b>Đối tác</b>: —', 'no partner shown as "—"');
    const web = await adminWeb();
    const r = await req('POST', `/partners/${P.lao.id}/delete`, { cookie: web.cookie, form: { csrf: web.csrf } });
    status(r, 409, 'refused');
    includes(r.text, 'Các bản ghi tham chiếu tới bản ghi này:', 'says which records');
    includes(r.text, `<a href="/commitments/${P.late1.id}">${P.late1.title}</a>`, 'links a commitment that refers to it');
    includes(r.text, `<a href="/delegations/${P.delegation.id}">`, 'and the delegation');
    status(await req('GET', `/api/v1/partners/${P.lao.id}`, { token: S.viewer }), 200, 'still there');
    // more than 10: the first 10 named, a link to the rest
    for (let i = 0; i < 11; i++) await api('POST', '/api/v1/contacts', { full_name: `Người ${P.tag} ${i}`, partner_id: P.viOnly.id });
    const many = await req('POST', `/partners/${P.viOnly.id}/delete`, { cookie: web.cookie, form: { csrf: web.csrf } });
    status(many, 409, 'refused again');
    const contacts = many.text.match(/<li>Người liên hệ[\s\S]*?<\/ul><\/li>/)?.[0] || '';
    eq((contacts.match(/<li><a href="\/contacts\/\d+">/g) || []).length, 10, 'contacts named');
    includes(contacts, `<li><a href="/contacts?partner_id=${P.viOnly.id}">và 1 bản ghi khác</a></li>`, 'how many more, linked');
  });

  test('English pages show the English names where stored, the Vietnamese ones marked', async () => {
    await setup();
    let t = (await page(`/agreements?q=${P.tag}`, 'en')).text;
    includes(t, `>${P.agreement.title_en}</a>`, 'the English title in the list');
    excludes(t, `>${P.agreement.title_vi}<`, 'not the Vietnamese one');
    t = (await page(`/agreements/${P.agreement.id}`, 'en')).text;
    includes(t, `<h1>${P.agreement.title_en}</h1>`, 'the English title as the heading');
    t = (await page(`/commitments?q=${P.tag}`, 'en')).text;
    includes(t, `${P.tag} Province (Laos)`, 'a referenced partner by its English name');
    excludes(t, `Tỉnh ${P.tag} Lào`, 'not its Vietnamese name');
    includes(t, `${P.tag} Department A`, 'the agency by its English name');
    t = (await page(`/agreements/${P.agreement.id}`, 'en')).text;
    includes(t, `lang="vi">Tổ chức ${P.tag} chỉ tiếng Việt</a>`, 'a partner with only a Vietnamese name, marked lang="vi"');
    t = (await page(`/partners?q=${P.tag}`, 'en')).text;
    includes(t, `>${P.tag} Province (Laos)</a>`, 'partner list in English, linked by its English name');
    includes(t, `<span lang="vi">Tỉnh ${P.tag} Lào</span>`, 'the "Name in Vietnamese" column stays Vietnamese, marked');
    t = (await page(`/search?q=${P.tag}`, 'en')).text;
    includes(t, `>${P.agreement.title_en}</a>`, 'search results by the English title');
    includes(t, `lang="vi">Tổ chức ${P.tag} chỉ tiếng Việt</a>`, 'a Vietnamese-only one marked in the results');
    // choices by name are in the order of the names shown
    const opts = [...(await page('/commitments/new', 'en')).text.match(/<select name="agency_id"[\s\S]*?<\/select>/)[0]
      .matchAll(/<option value="\d+"[^>]*>([^<]*)</g)].map((m) => m[1]);
    const folded = opts.map((o) => o.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase());
    eq(folded.join('|'), folded.slice().sort().join('|'), 'agencies in the order of their English names');
  });
}

function deepOrder(actual, expected) {
  eq(JSON.stringify(actual), JSON.stringify(expected), 'the chosen partners first, checked');
}
