/** The frame around every page: the name of the product, who you are, and a way out. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.js';
import { SearchBox } from '../search/SearchBox.js';
import { SignOutButton } from './SignOutButton.js';

export function Layout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { session } = useSession();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className={`app-header-inner${wide ? ' app-header-inner--wide' : ''}`}>
          <Link to="/" className="wordmark" aria-label="Tandem, home">
            <span className="wordmark-mark" aria-hidden="true" />
            Tandem
          </Link>
          {session.status === 'signedIn' && <SearchBox />}
          {session.status === 'signedIn' && (
            <div className="account">
              <Link to="/account" className="account-name" title="Your account and your data">
                {session.user.name}
              </Link>
              <SignOutButton userId={session.user.id} />
            </div>
          )}
        </div>
      </header>
      <main id="main" className={`page${wide ? ' page--wide' : ''}`} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** A calm message in place of a page's content. */
export function PageMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-message">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
