/**
 * Start a partnership: choose your own role, get a single-use link to send to
 * the other person, and (if you give their address) we email it to them too.
 * Either side can invite (a teacher can invite their coach).
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { EmailSchema, type CreateInviteResponse, type Role } from '../../../shared/api.js';
import { createInvite } from '../api/endpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { formatDateTime } from '../format.js';
import { CopyButton } from './CopyButton.js';
import { Field } from './Field.js';

/** `suggestedRole`: the role that fits who is asking (a teacher with no one to coach invites their coach). */
export function InvitePanel({ suggestedRole = 'coach' }: { suggestedRole?: Role }) {
  const [chosen, setRole] = useState<Role | null>(null);
  const role = chosen ?? suggestedRole;
  const [invite, setInvite] = useState<(CreateInviteResponse & { role: Role; link: string }) | null>(null);
  const [emailError, setEmailError] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: ({ role, email }: { role: Role; email: string | undefined }) => createInvite(role, email),
    // The server gives the link; resolve it so a relative one still works when pasted elsewhere.
    onSuccess: (created, { role }) =>
      setInvite({ ...created, role, link: new URL(created.url, window.location.origin).href }),
  });
  const busy = send.isPending;
  const error = send.isError ? errorMessage(send.error, 'We could not create the invitation. Please try again.') : null;
  const linkRef = useRef<HTMLInputElement>(null);
  const [address, setAddress] = useState('');

  const create = () => {
    const typed = address.trim();
    const email = typed === '' ? undefined : EmailSchema.safeParse(typed);
    if (email && !email.success) {
      setEmailError(email.error.issues[0]?.message);
      return;
    }
    setEmailError(undefined);
    send.mutate({ role, email: email?.data });
  };

  const other = role === 'coach' ? 'teacher' : 'coach';

  return (
    <section className="card invite" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone to work with you</h2>
      <p className="muted">
        Coaching in Tandem happens in pairs. Send your coach or teacher a link; once they accept, you share a space for
        your meetings.
      </p>
      <fieldset className="choice">
        <legend>In this partnership, I will be the…</legend>
        <label className="choice-option">
          <input
            type="radio"
            name="invite-role"
            value="coach"
            checked={role === 'coach'}
            onChange={() => setRole('coach')}
          />
          <span>
            <strong>Coach</strong>
            <span className="choice-note">I am inviting a teacher I coach</span>
          </span>
        </label>
        <label className="choice-option">
          <input
            type="radio"
            name="invite-role"
            value="teacher"
            checked={role === 'teacher'}
            onChange={() => setRole('teacher')}
          />
          <span>
            <strong>Teacher</strong>
            <span className="choice-note">I am inviting my coach</span>
          </span>
        </label>
      </fieldset>
      <Field
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
        label={`Your ${other}’s email address (optional)`}
        hint="We will email them the link from you. You can copy it too."
        name="invite-email"
        type="email"
        autoComplete="off"
        error={emailError}
      />
      <button type="button" className="button button--primary" onClick={create} disabled={busy}>
        {busy ? 'Creating…' : `Invite my ${other}`}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {invite && (
        <div className="invite-result">
          <label htmlFor="invite-link" className="field-label">
            Invitation link
          </label>
          <div className="invite-link-row">
            <input
              id="invite-link"
              ref={linkRef}
              className="field-input invite-link"
              readOnly
              value={invite.link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={invite.link} selectFallback={() => linkRef.current?.select()} />
          </div>
          {invite.emailedTo ? (
            <p className="field-hint" role="status">
              We are emailing this link to <strong>{invite.emailedTo}</strong>. You can also copy it and send it
              yourself. It works once, until {formatDateTime(invite.expiresAt)}.
            </p>
          ) : (
            <p className="field-hint">
              Send this to your {invite.role === 'coach' ? 'teacher' : 'coach'}. It works once, until{' '}
              {formatDateTime(invite.expiresAt)}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
