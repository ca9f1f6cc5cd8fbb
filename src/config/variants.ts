/** Where a variant's page lives in the built site: the source at the root, each other in a folder of its tag. */
export const variantPage = (lang: string, isSource: boolean) =>
  isSource ? 'index.html' : `${lang}/index.html`;

/** The folder of a page, as a URL path below the site root: `''` or `zh-Hant/`. */
export const pageDir = (page: string) => page.replace(/index\.html$/, '');

/** The URL of `to`'s page relative to `from`'s, for links between variants that work on any static host. */
export function relativePage(from: { page: string }, to: { page: string }): string {
  const up = '../'.repeat(from.page.split('/').length - 1);
  return `${up}${pageDir(to.page)}` || './';
}
