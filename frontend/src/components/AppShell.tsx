import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from '../api/useQuery';
import { useMe } from '../auth/context';
import { canAdminister, canSeeRisk } from '../auth/roles';
import { useEvery } from '../lib/hooks';
import { isWaiting, QuestionsWaitingQuery } from '../questions/queries';
import { DevBanner } from './DevBanner';
import { SignedInAs } from './SignedInAs';

/** Top-level sections everyone sees. */
export const SECTIONS = [
  { to: '/search', label: 'Search' },
  { to: '/people', label: 'People' },
  { to: '/skills', label: 'Skills' },
  { to: '/communities', label: 'Communities' },
  { to: '/interviews', label: 'Interviews' },
] as const;

/** Questions asked of and by the signed-in person, for anyone signed in as a person. */
export const QUESTIONS_SECTION = { to: '/questions', label: 'Questions' } as const;

/** The signed-in person's own page, for anyone signed in as a person. */
export const PROFILE_SECTION = { to: '/me', label: 'My profile' } as const;

/** Sections only for HR and admins. */
export const HR_SECTIONS = [
  { to: '/hr/risk', label: 'Knowledge at risk' },
  { to: '/hr/retention', label: 'Retention' },
  { to: '/network', label: 'Network' },
] as const;

/** Sections only for admins. */
export const ADMIN_SECTIONS = [{ to: '/admin', label: 'Admin' }] as const;

/** Header, navigation, who is signed in and the main landmark; pages render into the outlet. */
export function AppShell() {
  const me = useMe();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // On a phone the sections and who is signed in fold behind one "Menu" button,
  // so a page (the first search result) starts near the top of the screen.
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = [
    ...SECTIONS,
    ...(me.person ? [QUESTIONS_SECTION, PROFILE_SECTION] : []),
    ...(canSeeRisk(me.roles) ? HR_SECTIONS : []),
    ...(canAdminister(me.roles) ? ADMIN_SECTIONS : []),
  ];

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {me.dev && <DevBanner />}
      <header className={menuOpen ? 'site-header site-header--open' : 'site-header'}>
        <div className="site-header__inner">
          <NavLink to="/" className="brand" aria-label="Tacit home">
            <span className="brand__mark" aria-hidden="true">
              T
            </span>
            <span className="brand__name">Tacit</span>
          </NavLink>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? 'Close menu' : 'Menu'}
          </button>
          <div id="site-menu" className="site-header__menu">
            <nav aria-label="Main">
              <ul className="nav">
                {sections.map((s) => (
                  <li key={s.to}>
                    {s.to === QUESTIONS_SECTION.to ? (
                      <QuestionsLink pathname={pathname} />
                    ) : (
                      <NavLink to={s.to} className="nav__link">
                        {s.label}
                      </NavLink>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
            <SignedInAs />
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="page">
        <Outlet />
      </main>
      <footer className="site-footer">Tacit — find the person who knows.</footer>
    </>
  );
}

/** How often the navigation asks again how many questions wait for the signed-in person. */
export const WAITING_POLL_MS = 60_000;
/** As many as the Questions page lists. */
const WAITING_VARIABLES = { first: 50 };

/**
 * "Questions", with the number of questions waiting for the signed-in person
 * (asked of them, not yet replied to, still open) as a badge, read as
 * "Questions, 2 waiting". Asked again on every navigation and every minute.
 */
function QuestionsLink({ pathname }: { pathname: string }) {
  const { data, retry } = useQuery(QuestionsWaitingQuery, WAITING_VARIABLES);
  const waiting = (data?.questionsForMe ?? []).filter((q) => isWaiting(q.status, q.myRoute?.state)).length;
  const seen = useRef(pathname);
  useEffect(() => {
    if (seen.current === pathname) return;
    seen.current = pathname;
    retry();
  }, [pathname, retry]);
  useEvery(WAITING_POLL_MS, retry);
  return (
    <NavLink to={QUESTIONS_SECTION.to} className="nav__link">
      {QUESTIONS_SECTION.label}
      {waiting > 0 && (
        <>
          <span className="nav__count" aria-hidden="true">
            {waiting}
          </span>
          <span className="visually-hidden">, {waiting} waiting</span>
        </>
      )}
    </NavLink>
  );
}
