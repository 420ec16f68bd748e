/**
 * Signing out deletes this device's copies of meetings (shared school laptops).
 * When one of them still holds words the server has not stored, it asks first
 * and names the meetings, so nobody loses notes by tidying up after a lesson.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/session.js';
import { unsentMeetings, type UnsentMeeting } from '../collab/unsentNotes.js';
import styles from './SignOutButton.module.css';

export function SignOutButton({ userId }: { userId: string }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement | null>(null);
  const [unsent, setUnsent] = useState<UnsentMeeting[]>([]);
  const leave = useMutation({ mutationFn: signOut, onSuccess: () => navigate('/signin') });
  const busy = leave.isPending;
  // Signing out fails only when the server cannot be reached.
  const error = leave.isError
    ? 'We could not sign you out: Tandem cannot be reached. Try again when you are back online.'
    : null;

  const signOutNow = () => {
    dialog.current?.close();
    leave.mutate();
  };

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        disabled={busy}
        onClick={() => {
          const waiting = unsentMeetings(userId);
          if (waiting.length === 0) return signOutNow();
          setUnsent(waiting);
          dialog.current?.showModal();
        }}
      >
        Sign out
      </button>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Some of your notes have not reached Tandem yet</h2>
        <p>
          They are kept only on this device. Signing out deletes what this device keeps, so these notes would be lost:
        </p>
        <ul>
          {unsent.map((m) => (
            <li key={m.meetingId}>
              <Link to={`/meetings/${m.meetingId}`} onClick={() => dialog.current?.close()}>
                {m.title || 'A meeting'}
              </Link>
            </li>
          ))}
        </ul>
        <p>Open the meeting while you are online and wait until it says “Saved”, then sign out.</p>
        <div className={styles.actions}>
          <button type="button" className="button button--primary" autoFocus onClick={() => dialog.current?.close()}>
            Stay signed in
          </button>
          <button type="button" className="button" onClick={signOutNow}>
            Sign out anyway
          </button>
        </div>
      </dialog>
    </>
  );
}
