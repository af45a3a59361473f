import type { ReactNode } from 'react';

/** The page frame before anyone is signed in: the name of the app, no navigation. */
export function SignInLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true">
              T
            </span>
            <span className="brand__name">Tacit</span>
          </span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page page--narrow">
        {children}
      </main>
      <footer className="site-footer">Tacit — find the person who knows.</footer>
    </>
  );
}
