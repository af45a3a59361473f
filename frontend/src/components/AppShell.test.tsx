import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
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

  it('shows a helpful page for unknown addresses', () => {
    renderAt('/no/such/page');
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Search for an expert' }).getAttribute('href')).toBe('/search');
    expect(screen.getByRole('link', { name: 'go to the people directory' })).toBeTruthy();
  });
});
