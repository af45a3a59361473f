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

/** A piece of text that may hold web addresses: plain text, or an http(s) link to show as one. */
export type TextPart = { text: string } | { href: string; text: string };

/** Punctuation that ends a sentence after an address rather than belonging to it. */
const TRAILING = /[.,;:!?'"’”)\]}>]+$/;

/**
 * `text` split into plain text and the http(s) addresses in it, so an answer
 * can show its links as links while everything else stays text (never HTML).
 * Only `http:` and `https:` addresses become links; a closing bracket stays
 * part of one only when it closes a bracket opened inside it (Wikipedia).
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /\bhttps?:\/\/[^\s<>"]+/gi;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let url = m[0];
    for (let trail = TRAILING.exec(url); trail; trail = TRAILING.exec(url)) {
      const last = url.slice(-1);
      if (last === ')' && (url.match(/\(/g) ?? []).length >= (url.match(/\)/g) ?? []).length) break;
      url = url.slice(0, -1);
    }
    const href = safeWebHref(url);
    if (!href) continue;
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ href, text: url });
    at = m.index + url.length;
    re.lastIndex = at;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** `url` when it parses as an http or https address with a host, otherwise undefined. */
function safeWebHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? u.href : undefined;
  } catch {
    return undefined;
  }
}
