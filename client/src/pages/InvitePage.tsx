/**
 * Where an invitation link lands. Says who is inviting you and as what, lets
 * you create an account or sign in without leaving the page, then accept.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { acceptInvite, fetchInvite } from '../api/endpoints.js';
import { ApiError, isNotFoundOrForbidden } from '../api/http.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { SignInForm, SignUpForm } from '../auth/AuthForms.js';
import { useSession } from '../auth/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading, PageMessage } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDateTime } from '../format.js';

export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useQuery({ queryKey: queryKeys.invite(token), queryFn: () => fetchInvite(token) });
  useDocumentTitle('Invitation');

  return (
    <Layout>
      {invite.isPending && <Loading label="Opening your invitation…" />}
      {invite.data === undefined &&
        invite.isError &&
        (isNotFoundOrForbidden(invite.error) || (invite.error instanceof ApiError && invite.error.status === 410) ? (
          <PageMessage title="This invitation cannot be used">
            <p>It may have been accepted already, or it has expired. Ask the person who sent it for a new link.</p>
            <p>
              <Link to="/">Go to your home page</Link>
            </p>
          </PageMessage>
        ) : (
          <ErrorMessage error={invite.error} retry={() => void invite.refetch()} />
        ))}
      {invite.data !== undefined && <InviteBody token={token} invite={invite.data} />}
    </Layout>
  );
}

function InviteBody({
  token,
  invite,
}: {
  token: string;
  invite: { inviter: { name: string }; inviterRole: 'coach' | 'teacher'; expiresAt: string };
}) {
  const { session } = useSession();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'signup' | 'signin'>('signup');
  const accept = useMutation({
    mutationFn: () => acceptInvite(token),
    onSuccess: (partnership) => navigate(`/partnerships/${encodeURIComponent(partnership.id)}`, { replace: true }),
  });
  // Still busy once accepted, while the partnership page opens.
  const busy = accept.isPending || accept.isSuccess;
  const error = accept.isError
    ? errorMessage(accept.error, 'We could not accept the invitation. Please try again.')
    : null;
  const inviter = invite.inviter.name;
  const yourRole = invite.inviterRole === 'coach' ? 'teacher' : 'coach';

  return (
    <div className="auth invite-page">
      <div className="auth-intro">
        <p className="eyebrow">Invitation</p>
        <h1>{inviter} has invited you to work together in Tandem</h1>
        <p className="lede">
          {inviter} will be your {invite.inviterRole}, and you will be their {yourRole}. You will share one page for
          each meeting, and you can both write in it at the same time.
        </p>
        <p className="muted">This invitation works until {formatDateTime(invite.expiresAt)}.</p>
      </div>

      {session.status === 'signedIn' ? (
        <div className="card">
          <p>
            You are signed in as <strong>{session.user.name}</strong> ({session.user.email}).
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button button--primary" onClick={() => accept.mutate()} disabled={busy}>
            {busy ? 'Accepting…' : 'Accept'}
          </button>
        </div>
      ) : session.status === 'loading' ? (
        <Loading />
      ) : (
        <div className="card">
          <h2>{mode === 'signup' ? 'First, create your account' : 'First, sign in'}</h2>
          {mode === 'signup' ? <SignUpForm submitLabel="Create account" /> : <SignInForm />}
          <p className="auth-switch">
            {mode === 'signup' ? 'Already have an account? ' : 'New to Tandem? '}
            <button
              type="button"
              className="link-button"
              onClick={() => setMode(mode === 'signup' ? 'signin' : 'signup')}
            >
              {mode === 'signup' ? 'Sign in instead' : 'Create an account instead'}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
