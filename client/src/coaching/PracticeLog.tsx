/**
 * Under the Practice plan: the cycle's rehearsals (when, what, the feedback,
 * the teacher's reflection). Either partner adds one; only the teacher writes
 * the reflection.
 */
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api.js';
import type { MeetingCoaching, PracticeEntry } from '../../../shared/coaching.js';
import { addPractice, setReflection } from '../api/coachingEndpoints.js';
import { ApiError } from '../api/http.js';
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
  const [error, setError] = useState<string | null>(null);
  const count = coaching.practice.length;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setError(null);
    try {
      onChange(
        await addPractice(meetingId, {
          practisedOn: field('practisedOn'),
          what: field('what'),
          feedback: field('feedback'),
          ...(myRole === 'teacher' && field('reflection').trim() ? { reflection: field('reflection') } : {}),
        }),
      );
      setOpen(false);
    } catch (e) {
      setError(
        e instanceof ApiError
          ? Object.values(e.fields).join('. ') || e.message
          : 'We could not add the rehearsal. Please try again.',
      );
    }
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
        <form className="practice-form" onSubmit={(e) => void submit(e)}>
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
          <div className="practice-actions">
            <button type="submit" className="button button--primary">
              Add
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
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
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (draft === null) return;
    try {
      onChange(await setReflection(meetingId, entry.id, draft));
      setDraft(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'We could not save your reflection.');
    }
  };
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
          <button type="button" className="button" onClick={() => void save()}>
            Save reflection
          </button>
        </div>
      )}
      <Ack error={error} />
    </li>
  );
}
