/**
 * The partnership page's "Next meeting": when the partners next meet, in this
 * person's own time zone; either partner can schedule, move or clear it, and
 * the other sees the change at once (../realtime/queryBridge.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Person } from '../../../shared/api.js';
import { formatMeetingTime, type NextMeeting } from '../../../shared/schedule.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { clearNextMeeting, fetchNextMeeting, nextMeetingIcsUrl, setNextMeeting } from '../api/scheduleEndpoints.js';
import { useUser } from '../auth/session.js';
import { Field } from '../components/Field.js';
import styles from './schedule.module.css';

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` and `HH:MM` of an instant, on this device's clock. */
function localParts(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const d = new Date(iso);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function NextMeetingPanel({
  partnershipId,
  partner,
  closed,
}: {
  partnershipId: string;
  partner: Person;
  closed: boolean;
}) {
  const user = useUser();
  const queryClient = useQueryClient();
  const next = useQuery({
    queryKey: queryKeys.nextMeeting(partnershipId),
    queryFn: () => fetchNextMeeting(partnershipId),
  });
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<{ date?: string; time?: string; form?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);

  const stored = (meeting: NextMeeting | null, message: string) => {
    queryClient.setQueryData(queryKeys.nextMeeting(partnershipId), meeting);
    void queryClient.invalidateQueries({ queryKey: queryKeys.home() });
    setEditing(false);
    setSaved(message);
  };
  const save = useMutation({
    mutationFn: (startsAt: string) => setNextMeeting(partnershipId, startsAt),
    onSuccess: (meeting) => stored(meeting, `Saved. ${partner.name} will see it too.`),
    onError: (e) => setError({ form: errorMessage(e, 'We could not save the meeting. Please try again.') }),
  });
  const clear = useMutation({
    mutationFn: () => clearNextMeeting(partnershipId),
    onSuccess: () => stored(null, 'The next meeting is cleared.'),
    onError: (e) => setError({ form: errorMessage(e, 'We could not clear the meeting. Please try again.') }),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const date = String(form.get('date') ?? '');
    const time = String(form.get('time') ?? '');
    const problems = { date: date ? undefined : 'Choose a date', time: time ? undefined : 'Choose a time' };
    if (problems.date || problems.time) {
      setError(problems);
      return;
    }
    const startsAt = new Date(`${date}T${time}`);
    if (Number.isNaN(startsAt.getTime()) || startsAt.getTime() <= Date.now()) {
      setError({ date: 'Choose a day and time that have not passed yet' });
      return;
    }
    setError({});
    save.mutate(startsAt.toISOString());
  };

  const meeting = next.data ?? null;
  const initial = localParts(meeting?.startsAt ?? null);
  const busy = save.isPending || clear.isPending;

  return (
    <section aria-labelledby="next-meeting-title" className={`card ${styles.panel}`} data-testid="next-meeting-panel">
      <h2 id="next-meeting-title" className={styles.title}>
        Next meeting
      </h2>
      {next.isPending ? (
        <p className="muted">Loading…</p>
      ) : meeting ? (
        <>
          <p className={styles.when} data-testid="next-meeting">
            {formatMeetingTime(meeting.startsAt)}
          </p>
          <p className="muted">
            Set by {meeting.setBy.id === user.id ? 'you' : meeting.setBy.name}. Times are in your time zone ({ownZone()}
            ).
          </p>
        </>
      ) : (
        <p data-testid="next-meeting-none">
          Not scheduled yet. Pick a day and time that suits you both, and {partner.name} will see it on their home page
          too.
        </p>
      )}
      {saved && !editing && (
        <p role="status" className={styles.saved}>
          {saved}
        </p>
      )}
      {error.form && (
        <p role="alert" className="form-error">
          {error.form}
        </p>
      )}
      {editing ? (
        <form className={`form ${styles.form}`} onSubmit={submit} noValidate aria-label="When is the next meeting?">
          <div className={styles.fields}>
            <Field label="Date" name="date" type="date" defaultValue={initial.date} error={error.date} required />
            <Field label="Time" name="time" type="time" defaultValue={initial.time} error={error.time} required />
          </div>
          <div className={styles.actions}>
            <button type="submit" className="button button--primary" disabled={busy}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setEditing(false);
                setError({});
              }}
              disabled={busy}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        !closed && (
          <div className={styles.actions}>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(null);
                setError({});
                setEditing(true);
              }}
            >
              {meeting ? 'Change the time' : 'Schedule the next meeting'}
            </button>
            {meeting && (
              <>
                <a className="button" href={nextMeetingIcsUrl(partnershipId)} download>
                  Add to my calendar
                </a>
                <button type="button" className="button button--quiet" onClick={() => clear.mutate()} disabled={busy}>
                  {clear.isPending ? 'Clearing…' : 'Clear the date'}
                </button>
              </>
            )}
          </div>
        )
      )}
      <p className={`muted ${styles.more}`}>
        Reminder emails and a calendar link for all your meetings: <Link to="/account#reminders">your account</Link>.
      </p>
    </section>
  );
}
