import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from '../App';
import type { Me } from '../auth/types';
import { employee } from './mockAuth';

/** Renders the whole app at `path`, signed in as `me`, as a person arriving by a link would see it. */
export function renderAt(path: string, me: Me = employee) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App initialMe={me} />
    </MemoryRouter>,
  );
}

/** Renders the whole app at `path` as it starts in a browser: first asking the server who is signed in. */
export function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}
