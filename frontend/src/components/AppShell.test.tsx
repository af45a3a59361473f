import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { WAITING_POLL_MS } from './AppShell';
import { connection, mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

describe('App shell', () => {
  it('has a skip link and main navigation that marks the current section', async () => {
    mockApi({ Communities: () => ({ communities: connection([], 50) }) });
    renderAt('/communities');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Search', 'People', 'Skills', 'Communities', 'Interviews', 'Questions', 'My profile']);
    expect(within(nav).getByRole('link', { name: 'Communities' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('There are no communities yet.')).toBeTruthy();

    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Skip to content');
  });

  it('moves focus to the page after navigating', async () => {
    mockApi({
      Communities: () => ({ communities: connection([], 50) }),
      Skills: () => ({ skills: connection([], 50) }),
    });
    renderAt('/communities');
    await userEvent.click(screen.getByRole('link', { name: 'Skills' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Skills' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('folds the sections behind one Menu button, which closes again after choosing one', async () => {
    mockApi({
      Communities: () => ({ communities: connection([], 50) }),
      Skills: () => ({ skills: connection([], 50) }),
    });
    renderAt('/communities');
    const toggle = screen.getByRole('button', { name: 'Menu' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(
      document
        .getElementById(toggle.getAttribute('aria-controls') ?? '')
        ?.contains(screen.getByRole('navigation', { name: 'Main' })),
    ).toBe(true);
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Close menu' }).getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(screen.getByRole('link', { name: 'Skills' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Skills' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('counts the questions waiting for me on Questions, asking again on navigation and every minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const line = (id: string, status: string, state: string) => ({ id, status, myRoute: { state } });
    let forMe = [
      line('q1', 'OPEN', 'ROUTED'),
      line('q2', 'OPEN', 'ROUTED'),
      // Answered by me, or over before I replied: not waiting.
      line('q3', 'OPEN', 'ANSWERED'),
      line('q4', 'ANSWERED', 'ROUTED'),
      line('q5', 'CLOSED', 'ROUTED'),
    ];
    const calls = mockApi({
      QuestionsWaiting: () => ({ questionsForMe: forMe }),
      Communities: () => ({ communities: connection([], 50) }),
      Skills: () => ({ skills: connection([], 50) }),
    });
    renderAt('/communities');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const link = await within(nav).findByRole('link', { name: 'Questions, 2 waiting' });
    expect(link.getAttribute('href')).toBe('/questions');
    expect(link.querySelector('.nav__count')?.textContent).toBe('2');
    const asked = () => calls.filter((c) => c.operation === 'QuestionsWaiting').length;
    expect(asked()).toBe(1);

    // Answered one elsewhere: the next page asks again.
    forMe = forMe.map((q) => (q.id === 'q1' ? line('q1', 'OPEN', 'ANSWERED') : q));
    await userEvent.click(within(nav).getByRole('link', { name: 'Skills' }));
    expect(await within(nav).findByRole('link', { name: 'Questions, 1 waiting' })).toBeTruthy();
    expect(asked()).toBe(2);

    // A minute later, without moving.
    forMe = forMe.map((q) => (q.id === 'q2' ? line('q2', 'CLOSED', 'ROUTED') : q));
    await act(async () => {
      vi.advanceTimersByTime(WAITING_POLL_MS);
    });
    expect(await within(nav).findByRole('link', { name: 'Questions' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Questions' }).querySelector('.nav__count')).toBeNull();
    expect(asked()).toBe(3);
  });

  it('shows a helpful page for unknown addresses', () => {
    renderAt('/no/such/page');
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Search for an expert' }).getAttribute('href')).toBe('/search');
    expect(screen.getByRole('link', { name: 'go to the people directory' })).toBeTruthy();
  });
});
