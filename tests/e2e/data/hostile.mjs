/* The hostile inputs of tests/e2e/t_hostile.mjs, each with a name and the class of answer
 * it must get. A module, not JSON, because some values are made (10,000 levels of nesting,
 * 10 MB, bytes that are no UTF-8).
 *
 * Classes:
 *   invalid  refused with a 4xx answer whose message is in the user's language (and names
 *            the field when the body could be read as fields); nothing stored, nothing in
 *            the audit log; the server still answers /healthz.
 *   stored   valid text that is dangerous somewhere else: kept exactly as sent (API, page
 *            form), shown only escaped in the record's page and list, neutralised in the
 *            CSV and XLSX exports. A field with a rule of its own (an address, a code) may
 *            refuse it instead, with the field named.
 *
 * Text inputs are bytes (a Buffer) so that what is no UTF-8 reaches the server as it is:
 * JSON bodies put them between quotes, forms percent-encode every byte. */

const b = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/* ---- invalid text: sent in place of one free-text field */
export const invalidText = [
  { name: 'UTF-8: bytes FF FE', bytes: b('a', [0xff, 0xfe], 'b') },
  { name: 'UTF-8: a continuation byte alone', bytes: b('a', [0x80], 'b') },
  { name: 'UTF-8: overlong "/" (C0 AF)', bytes: b('..', [0xc0, 0xaf], 'etc') },
  { name: 'UTF-8: overlong NUL (C0 80)', bytes: b('a', [0xc0, 0x80], 'b') },
  { name: 'UTF-8: overlong 3-byte "/" (E0 80 AF)', bytes: b('a', [0xe0, 0x80, 0xaf], 'b') },
  { name: 'UTF-8: a surrogate (ED A0 80)', bytes: b('a', [0xed, 0xa0, 0x80], 'b') },
  { name: 'UTF-8: beyond U+10FFFF (F4 90 80 80)', bytes: b('a', [0xf4, 0x90, 0x80, 0x80], 'b') },
  { name: 'UTF-8: cut in the middle of a character', bytes: b('Vi', [0xe1, 0xbb], '') },
  { name: 'a NUL byte', bytes: b('NulProbe', [0x00], '<script>') },
  // control characters no typed text holds, which XML cannot carry and a terminal acts on
  { name: 'control: BEL', bytes: b('chuong', [0x07], 'x') },
  { name: 'control: ESC and a terminal colour', bytes: b('a', [0x1b], '[31mdo', [0x1b], '[0m') },
  { name: 'control: backspace', bytes: b('ab', [0x08, 0x08], 'cd') },
  { name: 'control: DEL', bytes: b('a', [0x7f], 'b') },
  { name: 'control: C1 CSI (U+009B)', bytes: b('a', [0xc2, 0x9b], '31m') },
  { name: 'noncharacter U+FFFF', bytes: b('a', [0xef, 0xbf, 0xbf], 'b') },
];

/* the same in JSON's own escapes (the body is valid UTF-8, the string is not text) */
export const invalidJsonEscapes = [
  { name: 'JSON \\u0000', json: '"a\\u0000b"' },
  { name: 'JSON \\u001b', json: '"a\\u001b[2Jb"' },
  { name: 'JSON \\u0007', json: '"a\\u0007b"' },
  { name: 'JSON lone surrogate \\ud800', json: '"a\\ud800b"' },
  { name: 'JSON lone low surrogate \\udc00', json: '"a\\udc00b"' },
];

/* ---- values of the wrong JSON type where a string is expected (null: on a required field) */
export const wrongTypesForString = [
  { name: 'an array', json: '["x"]' },
  { name: 'an object', json: '{"a":"x"}' },
  { name: 'true', json: 'true' },
  { name: 'a number', json: '12' },
];
/* the form's counterpart of an array: a field of one value sent twice, with two values
 * (one would be dropped without a word) */
export const formTwice = { name: 'a one-value field sent twice', second: 'giá trị thứ hai' };
export const nullForRequired = { name: 'null for a required field', json: 'null' };

/* ---- numbers: as JSON numbers (json) and as typed in a form (text); status: the API's
 * answer (a valid JSON number out of range is 422 naming its field, not "no JSON") */
export const invalidNumbers = [
  { name: '1e400', json: '1e400', text: '1e400' },
  { name: '-1e400', json: '-1e400', text: '-1e400' },
  { name: '1e-400', json: '1e-400' },
  { name: '2^63', json: '9223372036854775808', text: '9223372036854775808' },
  { name: '-2^63-1', json: '-9223372036854775809', text: '-9223372036854775809' },
  { name: '30 digits', json: '123456789012345678901234567890', text: '123456789012345678901234567890' },
  { name: '19 decimals', json: '0.1234567890123456789', text: '0,1234567890123456789' },
  { name: '16 significant digits', json: '123456789012345.6', text: '123456789012345.6' },
  { name: 'NaN (not JSON)', json: 'NaN', text: 'NaN', status: 400 },
  { name: 'Infinity (not JSON)', json: 'Infinity', text: 'Infinity', status: 400 },
  { name: '"NaN"', json: '"NaN"' },
  { name: '"1e400"', json: '"1e400"' },
  { name: 'hexadecimal', json: '"0x10"', text: '0x10' },
  { name: 'digits and letters', json: '"12abc"', text: '12abc' },
  { name: 'an array', json: '[1]' },
  { name: 'an object', json: '{"n":1}' },
  { name: 'true', json: 'true' },
];
/* valid, and equal to zero: read back as 0 */
export const negativeZero = { name: '-0', json: '-0', text: '-0', back: 0 };

/* ---- whole bodies that are not a JSON object of fields */
const deep = (n) => '['.repeat(n) + ']'.repeat(n);
export const invalidBodies = [
  { name: '10,000 levels of arrays', body: () => deep(10000) },
  { name: '10,000 levels in a field', body: (base) => JSON.stringify(base).replace(/}$/, `,"notes":${deep(10000)}}`) },
  { name: '10,000 levels of objects', body: () => '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) },
  { name: 'an array at the top', body: () => '[{"a":1}]' },
  { name: 'a key twice', body: (base) => JSON.stringify(base).replace(/^{/, '{"version":1,"version":2,') },
  { name: 'cut off', body: (base) => JSON.stringify(base).slice(0, -2) },
  { name: 'a string at the top', body: () => '"x"' },
  { name: 'empty', body: () => '' },
];

/* ---- the one very large field per route: 10 MB */
export const TEN_MB = 10 * 1024 * 1024;
export const huge = () => 'A'.repeat(TEN_MB);

/* ---- valid but dangerous text */
export const stored = [
  // HTML text
  { name: 'XSS: script element', ctx: 'html', text: '<script>alert("x1")</script>' },
  { name: 'XSS: img onerror', ctx: 'html', text: '<img src=x onerror=alert(2)>' },
  { name: 'XSS: closing a textarea', ctx: 'html', text: '</textarea><script>alert(3)</script>' },
  { name: 'XSS: comment and CDATA', ctx: 'html', text: '<!--<script>--><![CDATA[x]]>' },
  // attribute values
  { name: 'XSS: out of a double-quoted attribute', ctx: 'attr', text: '" onmouseover="alert(4)" x="' },
  { name: "XSS: out of a single-quoted attribute", ctx: 'attr', text: "' autofocus onfocus='alert(5)' '" },
  { name: 'XSS: unquoted attribute', ctx: 'attr', text: 'x onmouseover=alert(6) y' },
  // URL / href
  { name: 'XSS: javascript: URL', ctx: 'url', text: 'javascript:alert(7)' },
  { name: 'XSS: data: URL', ctx: 'url', text: 'data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==' },
  { name: 'XSS: JaVaScRiPt with a tab', ctx: 'url', text: 'JaVa\tScRiPt:alert(9)' },
  // JavaScript
  { name: 'XSS: closing a script', ctx: 'js', text: '</script><script>alert(10)</script>' },
  { name: 'XSS: out of a JS string', ctx: 'js', text: "';alert(11);//\\';alert(12)//" },
  { name: 'XSS: template literal', ctx: 'js', text: '${alert(13)}`-alert(14)-`' },
  // CSS
  { name: 'XSS: closing a style', ctx: 'css', text: '</style><style>body{background:url("javascript:alert(15)")}</style>' },
  { name: 'XSS: CSS expression', ctx: 'css', text: 'x;}*{color:expression(alert(16))}' },
  // SVG
  { name: 'XSS: svg onload', ctx: 'svg', text: '<svg onload=alert(17)>' },
  { name: 'XSS: svg link', ctx: 'svg', text: '<svg><a xlink:href="javascript:alert(18)"><text x="1" y="1">x</text></a></svg>' },
  // SQL meta-characters
  { name: 'SQL: quote and comment', ctx: 'sql', text: "'; DROP TABLE partners; --" },
  { name: 'SQL: always true', ctx: 'sql', text: '" OR "1"="1' },
  { name: 'SQL: LIKE wildcards and escape', ctx: 'sql', text: '100% _under_ \\ back\\slash' },
  { name: 'SQL: semicolons and a block comment', ctx: 'sql', text: '1; /* x */ SELECT 1;' },
  // spreadsheet formulas
  { name: 'formula: =', ctx: 'formula', text: '=HYPERLINK("http://evil.example","x")' },
  { name: 'formula: +', ctx: 'formula', text: '+1+cmd|\' /C calc\'!A0' },
  { name: 'formula: -', ctx: 'formula', text: '-2+3' },
  { name: 'formula: @', ctx: 'formula', text: '@SUM(A1:A9)' },
  { name: 'formula: tab first', ctx: 'formula', text: '\t=1+2' },
  { name: 'formula: CR first', ctx: 'formula', text: '\r=1+2' },
  { name: 'formula: DDE', ctx: 'formula', text: '=cmd|\' /C calc\'!A0' },
  // path tricks as text
  { name: 'path: ../', ctx: 'path', text: '../../../etc/passwd' },
  { name: 'path: %2e%2e', ctx: 'path', text: '%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
  { name: 'path: absolute', ctx: 'path', text: '/etc/passwd' },
  { name: 'path: Windows', ctx: 'path', text: 'C:\\Windows\\win.ini' },
  // bidi and zero-width
  { name: 'bidi: right-to-left override', ctx: 'bidi', text: 'Hợp đồng \u202Efdp.exe' },
  { name: 'bidi: isolates', ctx: 'bidi', text: 'a\u2066b\u2069c\u2067d\u2069' },
  { name: 'zero-width: ZWSP ZWNJ ZWJ BOM', ctx: 'bidi', text: 'Kon\u200BTum\u200C\u200D\uFEFF' },
  { name: 'bidi: marks LRM RLM ALM', ctx: 'bidi', text: 'x\u200Ey\u200Fz\u061C' },
  // CR/LF, which some outputs carry into headers
  { name: 'CR LF and a header', ctx: 'header', text: 'x\r\nSet-Cookie: hostile=1' },
];

/* ---- file names of uploads: cleaned (no folder, no control character, no leading dot)
 * or refused; never a header of their own in the download's Content-Disposition */
export const fileNames = [
  { name: '../ folders', file: '../../../etc/passwd.pdf', expect: 'passwd.pdf' },
  { name: '%2e%2e folders', file: '%2e%2e%2f%2e%2e%2fx.pdf' },
  { name: 'absolute path', file: '/etc/shadow.pdf', expect: 'shadow.pdf' },
  { name: 'Windows path', file: 'C:\\Windows\\system32\\x.pdf', expect: 'x.pdf' },
  { name: 'only dots', file: '....', refused: true },
  { name: 'a hidden file', file: '.htaccess.pdf', expect: 'htaccess.pdf' },
  { name: 'CR LF header injection', file: 'a\r\nSet-Cookie: hostile=1\r\n.pdf' },
  { name: 'a quote and a semicolon', file: 'x"; filename="evil.exe.pdf' },
  { name: 'bidi override', file: 'scan\u202Efdp.exe' },
  { name: 'XSS in the name', file: '<img src=x onerror=alert(1)>.pdf' },
  { name: '300 characters', file: 'Đ'.repeat(296) + '.pdf' },
];
export const badFileNames = [
  { name: 'no UTF-8', bytes: b('bi', [0xea, 0xff], 'n.pdf') },
  { name: 'a NUL byte', bytes: b('x.pdf', [0x00], '.exe') },
];
