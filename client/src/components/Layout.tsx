/** The frame around every page: the name of the product, who you are, and a way out. */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/session.js';

export function Layout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

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
          {session.status === 'signedIn' && (
            <div className="account">
              <Link to="/account" className="account-name" title="Your account and your data">
                {session.user.name}
              </Link>
              <button
                type="button"
                className="button button--quiet"
                disabled={signingOut}
                onClick={async () => {
                  setSigningOut(true);
                  try {
                    await signOut();
                    navigate('/signin');
                  } finally {
                    setSigningOut(false);
                  }
                }}
              >
                Sign out
              </button>
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
