/** The link schemes the web app follows from data it did not write itself (contact actions, evidence). */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'msteams:', 'slack:']);

/**
 * `url` when it is an absolute link with a safe scheme, otherwise undefined:
 * the server checks these too, and this keeps a `javascript:` or `data:`
 * link off the page whatever reaches it.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return SAFE_SCHEMES.has(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
