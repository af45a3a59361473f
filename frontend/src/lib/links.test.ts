import { describe, expect, it } from 'vitest';
import { linkParts, safeHref } from './links';

describe('safeHref', () => {
  it('keeps web, mail, phone, Teams and Slack links', () => {
    for (const url of [
      'https://intranet.example.org/doc/1',
      'http://wiki.example.org',
      'mailto:mei.chen@example.org',
      'tel:+442890123456',
      'msteams://teams.microsoft.com/l/chat/0/0?users=mei',
      'slack://user?team=T1&id=U1',
    ])
      expect(safeHref(url)).toBe(url);
  });

  it('drops script, data and relative links, and nothing at all', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      '/people/p1',
      'not a url',
      '',
      null,
      undefined,
    ])
      expect(safeHref(url)).toBeUndefined();
  });
});

describe('linkParts', () => {
  it('makes http and https addresses links, leaving the sentence around them as text', () => {
    expect(linkParts('See https://wiki.example.org/hr/retention, or ask Records.')).toEqual([
      { text: 'See ' },
      { href: 'https://wiki.example.org/hr/retention', text: 'https://wiki.example.org/hr/retention' },
      { text: ', or ask Records.' },
    ]);
    expect(linkParts('(http://x.example.org/a_(b))')).toEqual([
      { text: '(' },
      { href: 'http://x.example.org/a_(b)', text: 'http://x.example.org/a_(b)' },
      { text: ')' },
    ]);
  });

  it('never links other schemes, and keeps markup as text', () => {
    const text = 'javascript:alert(1) <a href="https://evil.example">x</a> ftp://files.example.org data:text/html,hi';
    expect(linkParts(text).filter((p) => 'href' in p)).toEqual([
      { href: 'https://evil.example/', text: 'https://evil.example' },
    ]);
    expect(
      linkParts(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(linkParts('no links here')).toEqual([{ text: 'no links here' }]);
  });
});
