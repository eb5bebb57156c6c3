/* Sessions as a user meets their end: logging out says so; a session that has ended says so
 * on the login page; a form sent after its session ended keeps what was typed through the
 * login and is one click from being sent. */
import { test, ok, eq, includes, excludes, status, req, getCookie, csrfOf } from './lib.mjs';

export function register({ U, PW, uniq, webLogin, partnerTotal }) {
  test('session: logging out says so; an ended session says so on the login page', async () => {
    const w = await webLogin(U.officer, PW.officer);
    const out = await req('POST', '/logout', { cookie: w.cookie, form: { csrf: w.csrf } });
    status(out, 303, 'logout');
    eq(out.headers.location, '/login?bye=1', 'to the login page');
    includes((await req('GET', out.headers.location)).text, 'Bạn đã đăng xuất.', 'says so');
    const again = await req('GET', '/partners', { cookie: w.cookie });
    status(again, 303, 'the old session');
    includes(again.headers.location, 'expired=1', 'marked as expired');
    includes((await req('GET', again.headers.location)).text, 'Phiên làm việc đã hết hạn', 'says so');
  });

  test('session: a form sent after the session ended keeps what was typed, through the login', async () => {
    const w = await webLogin(U.officer, PW.officer);
    const form = await req('GET', '/partners/new', { cookie: w.cookie });
    const csrf = csrfOf(form.text);
    await req('POST', '/logout', { cookie: w.cookie, form: { csrf } }); // the session ends meanwhile
    const name = uniq('Đối tác "giữ lại" <nhập>');
    const before = await partnerTotal();
    const sent = await req('POST', '/partners', { cookie: w.cookie, form: { csrf, name_vi: name, kind: 'ngo', country: 'LA', notes: 'dòng 1\ndòng 2' } });
    status(sent, 401, 'the form is not taken');
    eq(await partnerTotal(), before, 'nothing stored');
    includes(sent.text, 'Những gì bạn đã nhập vẫn được giữ', 'says the input is kept');
    includes(sent.text, 'name="resume" value="/partners"', 'where it was going');
    includes(sent.text, 'name="resume.name_vi" value="Đối tác &quot;giữ lại&quot; &lt;nhập&gt;', 'what was typed, escaped');
    excludes(sent.text, `name="resume.csrf"`, 'not the old token');
    // the login form carries it through
    const l = getCookie(sent, 'lcsrf');
    const fields = [...sent.text.matchAll(/<input type="hidden" name="(resume[^"]*)" value="([^"]*)">/g)]
      .map((m) => [m[1], m[2].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')]);
    const login = await req('POST', '/login', {
      cookie: `lcsrf=${l.value}`, form: [['csrf', csrfOf(sent.text)], ['username', U.officer], ['password', PW.officer], ...fields],
    });
    status(login, 200, 'logged in, the form shown again');
    const sid = getCookie(login, 'sid');
    ok(sid && sid.value, 'a new session');
    includes(login.text, 'action="/partners"', 'the form goes where it went');
    includes(login.text, 'name="name_vi" value="Đối tác &quot;giữ lại&quot; &lt;nhập&gt;', 'the name as typed');
    includes(login.text, 'dòng 1\ndòng 2', 'a text with a line break as typed');
    eq(await partnerTotal(), before, 'still nothing stored before the user sends it');
    const again = [...login.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)]
      .map((m) => [m[1], m[2].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')]);
    const saved = await req('POST', '/partners', { cookie: `sid=${sid.value}`, form: again });
    status(saved, 303, 'sent again');
    eq(await partnerTotal(), before + 1, 'stored once');
  });

  test('cached list pages: a write shows at once; what one role or language sees is not served to another', async () => {
    const ow = await webLogin(U.officer, PW.officer);
    const vw = await webLogin(U.viewer, PW.viewer);
    const url = '/partners?sort=name_vi';
    const first = await req('GET', url, { cookie: ow.cookie });
    includes(first.text, 'href="/partners/new"', 'an officer may add');
    const again = await req('GET', url, { cookie: ow.cookie });
    eq(again.text.replace(/name="csrf" value="[^"]*"/g, ''), first.text.replace(/name="csrf" value="[^"]*"/g, ''), 'the same page again');
    const v = await req('GET', url, { cookie: vw.cookie });
    excludes(v.text, 'href="/partners/new"', 'a viewer is not offered to add (not the officer’s kept page)');
    includes(v.text, 'Người xem', 'the viewer’s own frame');
    const en = await req('GET', url + '&lang=en', { cookie: ow.cookie });
    includes(en.text, '<html lang="en"', 'an English page');
    excludes(en.text, 'Thêm mới</a>', 'not the Vietnamese list');
    const name = uniq('Aaa đối tác mới nhất');
    const c = await req('POST', '/partners', { cookie: ow.cookie, form: { csrf: ow.csrf, name_vi: name, kind: 'ngo', country: 'LA' } });
    status(c, 303, 'a new partner');
    const after = await req('GET', url, { cookie: ow.cookie });
    includes(after.text, name.replace(/&/g, '&amp;'), 'the list shows it at once');
  });
}
