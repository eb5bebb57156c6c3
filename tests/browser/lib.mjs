// Small helpers for the browser tests: assertions with readable messages, navigation by
// click, and a watch on every page's console for errors and CSP violations.

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function eq(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(actual)}`);
}

// Vietnamese alphabetical order as CLDR has it (a ă â ... d đ ... o ô ơ ...), the order the
// server's lists sort by (ICU's "vi" collation): an independent implementation of it.
const vi = new Intl.Collator('vi');
export function viCompare(a, b) {
  return vi.compare(a, b);
}

// Click something that loads a new page (link, submit button) and wait for that page.
// Returns the main response (for a POST answered by a redirect, the final page's).
export async function clickAndWait(page, locator) {
  const [resp] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return resp;
}

export async function text(locator) {
  return (await locator.first().innerText()).trim();
}

export async function texts(locator) {
  return (await locator.allInnerTexts()).map((s) => s.trim());
}

// The ".field" element around a form control.
export function fieldOf(control) {
  return control.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " field ")][1]');
}

// Collects console errors, uncaught script errors and CSP violations of every page of the
// contexts attached. The browser's own "Failed to load resource" line for a page answered
// with 4xx on purpose (401 for a wrong password, 422 for a form with errors, 404) is not a
// problem of the page — the tests check those pages themselves; any other failed load
// (style sheet, image) is. The favicon is counted apart.
export function consoleWatch() {
  const problems = [];
  const favicon = [];
  const documents = new Set();
  const where = (page) => {
    try {
      return new URL(page.url()).pathname + new URL(page.url()).search;
    } catch {
      return page.url();
    }
  };
  function onPage(page) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const url = m.location()?.url || '';
      const line = `${where(page)}: console error: ${m.text()}${url ? ` (${url})` : ''}`;
      if (m.text().startsWith('Failed to load resource') && /\/favicon\.ico$/.test(url)) favicon.push(line);
      else problems.push({ line, url, failedLoad: m.text().startsWith('Failed to load resource') });
    });
    page.on('pageerror', (e) => problems.push({ line: `${where(page)}: script error: ${e.message}` }));
  }
  return {
    async attach(ctx) {
      // A CSP violation is also logged to the console; this catches any that is not.
      await ctx.addInitScript(() => {
        window.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
      });
      ctx.on('page', onPage);
      ctx.on('response', (r) => {
        if (r.request().resourceType() === 'document') documents.add(r.url());
      });
    },
    problems() {
      return problems.filter((p) => !(p.failedLoad && documents.has(p.url))).map((p) => p.line);
    },
    favicon() {
      return favicon;
    },
  };
}
