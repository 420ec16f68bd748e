/**
 * Under the Practice plan: the cycle's rehearsals (when, what, the feedback,
 * the teacher's reflection). Either partner adds one; only the teacher writes
 * the reflection.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api.js';
import type { AddPracticeRequest, MeetingCoaching, PracticeEntry } from '../../../shared/coaching.js';
import { addPractice, setReflection } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { formatDate } from '../format.js';
import { Ack } from './Ack.js';

interface Props {
  meetingId: string;
  myRole: Role;
  coaching: MeetingCoaching;
  onChange: (coaching: MeetingCoaching) => void;
}

const today = () => new Date().toISOString().slice(0, 10);

export function PracticeLog({ meetingId, myRole, coaching, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const add = useMutation({
    mutationFn: (entry: AddPracticeRequest) => addPractice(meetingId, entry),
    onSuccess: (answer) => {
      onChange(answer);
      setOpen(false);
    },
  });
  const error = add.isError
    ? errorMessage(add.error, 'We could not add the rehearsal. Please try again.', 'all')
    : null;
  const count = coaching.practice.length;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    add.mutate({
      practisedOn: field('practisedOn'),
      what: field('what'),
      feedback: field('feedback'),
      ...(myRole === 'teacher' && field('reflection').trim() ? { reflection: field('reflection') } : {}),
    });
  };

  return (
    <div className="practice" data-testid="practice-log">
      <div className="practice-head">
        <h3 className="practice-title">
          Rehearsals <span className="count">{count}</span>
        </h3>
        {!open && (
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Add a rehearsal
          </button>
        )}
      </div>
      {open && (
        <form className="practice-form" onSubmit={submit}>
          <label>
            When
            <input className="field-input" type="date" name="practisedOn" defaultValue={today()} required />
          </label>
          <label>
            What was practised
            <input className="field-input" name="what" required maxLength={500} />
          </label>
          <label>
            Feedback
            <textarea className="field-input" name="feedback" rows={2} maxLength={2000} />
          </label>
          {myRole === 'teacher' && (
            <label>
              Your reflection
              <textarea className="field-input" name="reflection" rows={2} maxLength={2000} />
            </label>
          )}
          <FormActions submit="Add" busy={add.isPending} onCancel={() => setOpen(false)} />
        </form>
      )}
      <Ack error={error} />
      {count === 0 ? (
        <p className="muted">No rehearsals logged in this cycle yet.</p>
      ) : (
        <ol className="practice-list">
          {coaching.practice.map((entry) => (
            <PracticeItem key={entry.id} entry={entry} meetingId={meetingId} myRole={myRole} onChange={onChange} />
          ))}
        </ol>
      )}
    </div>
  );
}

function PracticeItem({ entry, meetingId, myRole, onChange }: { entry: PracticeEntry } & Omit<Props, 'coaching'>) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (reflection: string) => setReflection(meetingId, entry.id, reflection),
    onSuccess: (answer) => {
      onChange(answer);
      setDraft(null);
    },
  });
  const error = save.isError ? errorMessage(save.error, 'We could not save your reflection.') : null;
  return (
    <li className="practice-item">
      <p>
        <strong>{formatDate(entry.practisedOn)}</strong>: {entry.what}
      </p>
      {entry.feedback && <p className="muted">Feedback: {entry.feedback}</p>}
      {draft === null ? (
        <p className={entry.reflection ? '' : 'muted'}>
          {entry.reflection ? `Reflection: ${entry.reflection}` : 'No reflection yet.'}{' '}
          {myRole === 'teacher' && (
            <button type="button" className="link-button" onClick={() => setDraft(entry.reflection)}>
              {entry.reflection ? 'Edit' : 'Add your reflection'}
            </button>
          )}
        </p>
      ) : (
        <div className="practice-reflect">
          <textarea
            className="field-input"
            aria-label="Your reflection"
            rows={2}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="button" className="button" onClick={() => draft !== null && save.mutate(draft)}>
            Save reflection
          </button>
        </div>
      )}
      <Ack error={error} />
    </li>
  );
}
