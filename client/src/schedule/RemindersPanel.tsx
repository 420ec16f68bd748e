/**
 * Reminder emails and the calendar link, on the account page: each reminder
 * switched on or off by the person alone; a private calendar link, shown once
 * when made, that "Get a new link" replaces (the old one stops working).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CalendarLink, ReminderSettings } from '../../../shared/schedule.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import {
  deleteCalendarLink,
  fetchCalendarLink,
  fetchReminderSettings,
  newCalendarLink,
  saveReminderSettings,
} from '../api/scheduleEndpoints.js';
import { useUser } from '../auth/session.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDate } from '../format.js';
import styles from './schedule.module.css';

const ownZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function RemindersPanel() {
  return (
    <section aria-labelledby="reminders-title" id="reminders" className={styles.panel}>
      <h2 id="reminders-title">Reminders and calendar</h2>
      <ReminderSwitches />
      <CalendarLinkCard />
    </section>
  );
}

function ReminderSwitches() {
  const user = useUser();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: queryKeys.reminderSettings(), queryFn: fetchReminderSettings });
  const save = useMutation({
    // A switch also brings the emails' time zone to this device's (what the person reads times in).
    mutationFn: (next: ReminderSettings) =>
      saveReminderSettings({ meetingDayBefore: next.meetingDayBefore, checkBack: next.checkBack, timeZone: ownZone() }),
    onSuccess: (answer) => queryClient.setQueryData(queryKeys.reminderSettings(), answer),
    onSettled: () => setSaving(null),
  });
  // The switch shows what was asked for at once, in the same render as the click: the mutation's own state
  // reaches React a tick later, and a controlled checkbox would spring back in between.
  const [saving, setSaving] = useState<ReminderSettings | null>(null);
  const change = (next: ReminderSettings) => {
    setSaving(next);
    save.mutate(next);
  };
  const current = saving ?? settings.data;

  return (
    <div className="card">
      <h3>Reminder emails</h3>
      <p>
        Sent to {user.email}. They say who and when, with a link to Tandem, and never include anything from your notes.
      </p>
      {settings.data === undefined && settings.isError && (
        <ErrorMessage error={settings.error} retry={() => void settings.refetch()} />
      )}
      {current && (
        <fieldset className={styles.fieldset}>
          <legend className="visually-hidden">Send me an email</legend>
          <Switch
            checked={current.meetingDayBefore}
            onChange={(on) => change({ ...current, meetingDayBefore: on })}
            label="The day before a meeting"
            hint="Sent 24 hours before the time you and your partner set."
            testId="remind-meeting"
          />
          <Switch
            checked={current.checkBack}
            onChange={(on) => change({ ...current, checkBack: on })}
            label="On the day to check back on an action step"
            hint={`Sent at 8:00 in the morning (${current.timeZone} time).`}
            testId="remind-check-back"
          />
        </fieldset>
      )}
      {current && current.timeZone !== ownZone() && (
        <p>
          Your device is set to {ownZone()}.{' '}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => change({ ...current, timeZone: ownZone() })}
            disabled={save.isPending}
          >
            Use {ownZone()} time in emails
          </button>
        </p>
      )}
      {save.isError && (
        <p role="alert" className="form-error">
          {errorMessage(save.error, 'We could not save that. Please try again.')}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className={styles.saved}>
          Saved.
        </p>
      )}
    </div>
  );
}

function Switch(props: {
  checked: boolean;
  onChange: (on: boolean) => void;
  label: string;
  hint: string;
  testId: string;
}) {
  const id = useId();
  return (
    <label className={styles.switch} htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid={props.testId}
      />
      <span>
        <strong>{props.label}</strong>
        <br />
        <span id={`${id}-hint`} className="muted">
          {props.hint}
        </span>
      </span>
    </label>
  );
}

function CalendarLinkCard() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: queryKeys.calendarLink(), queryFn: fetchCalendarLink });
  const [made, setMade] = useState<CalendarLink | null>(null);
  const make = useMutation({
    mutationFn: newCalendarLink,
    onSuccess: (link) => {
      setMade(link);
      queryClient.setQueryData(queryKeys.calendarLink(), { createdAt: link.createdAt });
    },
  });
  const remove = useMutation({
    mutationFn: deleteCalendarLink,
    onSuccess: () => {
      setMade(null);
      queryClient.setQueryData(queryKeys.calendarLink(), { createdAt: null });
    },
  });
  const createdAt = status.data?.createdAt ?? null;

  return (
    <div className="card">
      <h3>Your calendar</h3>
      <p>
        Add your next meetings and check-back dates to the calendar you already use (Google, Outlook, Apple). Only the
        time and your partner’s name go into it, never your notes.
      </p>
      {made ? (
        <>
          <p>
            <label htmlFor="calendar-link">Copy this link into your calendar app (“subscribe” or “add by URL”):</label>
          </p>
          <input id="calendar-link" className={styles.link} readOnly value={made.url} data-testid="calendar-link" />
          <p className="muted">
            Keep it to yourself: anyone with it can see your meeting times. Tandem shows it only this once.
          </p>
        </>
      ) : createdAt ? (
        <p className="muted">
          You made a calendar link on {formatDate(createdAt)}. It keeps working until you replace it.
        </p>
      ) : null}
      <div className={styles.actions}>
        {made && <CopyButton text={made.url} />}
        <button type="button" className="button" onClick={() => make.mutate()} disabled={make.isPending}>
          {createdAt ? 'Get a new link' : 'Get a calendar link'}
        </button>
        {createdAt && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            Turn the link off
          </button>
        )}
      </div>
      {createdAt && !made && <p className="muted">A new link replaces the old one, which stops working at once.</p>}
      {(make.isError || remove.isError) && (
        <p role="alert" className="form-error">
          {errorMessage(make.error ?? remove.error, 'We could not change your calendar link. Please try again.')}
        </p>
      )}
    </div>
  );
}
