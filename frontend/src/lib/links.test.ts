import { describe, expect, it } from 'vitest';
import { safeHref } from './links';

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
