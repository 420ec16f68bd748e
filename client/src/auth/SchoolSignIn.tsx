/**
 * "Sign in with your school account": shown on the sign-in and sign-up pages
 * only when the server has a provider configured. A plain link, not a fetch: the
 * server answers with a redirect to the provider, which comes back to the
 * server, which lands the browser on `next` (or says what went wrong here).
 */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { isOidcErrorId, OIDC_ERRORS } from '../../../shared/oidc.js';
import { fetchAuthProviders, schoolSignInUrl } from '../api/endpoints.js';
import { queryKeys } from '../api/queryKeys.js';
import styles from './SchoolSignIn.module.css';

export function SchoolSignIn({ next }: { next: string }) {
  const providers = useQuery({
    queryKey: queryKeys.authProviders(),
    queryFn: fetchAuthProviders,
    staleTime: Infinity,
  });
  const oidc = providers.data?.oidc;
  if (!oidc) return null;
  return (
    <>
      <a className={`button ${styles.school}`} href={schoolSignInUrl(next)}>
        {oidc.displayName}
      </a>
      <p className={styles.or}>or with your email</p>
    </>
  );
}

/** Why the last school sign-in was refused (`?oidc_error=<id>`), in words. */
export function SchoolSignInProblem() {
  const [params] = useSearchParams();
  const id = params.get('oidc_error');
  if (!isOidcErrorId(id)) return null;
  return (
    <div className="notice notice--warning" role="alert">
      <p>{OIDC_ERRORS[id]}</p>
    </div>
  );
}
