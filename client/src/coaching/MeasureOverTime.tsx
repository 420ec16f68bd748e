/**
 * The measure over the cycle in the cycle panel: the chart, a form to record
 * the value just counted (either partner), and correcting or removing a value
 * recorded by mistake (either partner; a correction is shown as one).
 */
import { useState, type FormEvent } from 'react';
import type { Cycle } from '../../../shared/cycle.js';
import type { MeasureValue } from '../../../shared/measure.js';
import { numberLabel } from '../../../shared/measureChart.js';
import { errorMessage } from '../api/errorMessage.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { formatDate } from '../format.js';
import { Ack } from './Ack.js';
import { MeasureChart } from './MeasureChart.js';
import styles from './MeasureOverTime.module.css';
import { useMeasureChange, useMeasureValues } from './useMeasureValues.js';

/** Today on this device, `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function MeasureOverTime({ cycle }: { cycle: Cycle }) {
  const values = useMeasureValues(cycle.id);
  const change = useMeasureChange(cycle.id);
  // A number the form itself refuses, before anything is sent.
  const [invalid, setInvalid] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const error =
    invalid ?? (change.isError ? errorMessage(change.error, 'We could not save that. Please try again.', 'all') : null);

  const run: Run = (action, done) => {
    setInvalid(null);
    change.mutate(action, { onSuccess: done });
  };

  const record = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = numberOf(String(form.get('value') ?? ''));
    if (Number.isNaN(value)) {
      change.reset();
      setInvalid('Type the number you counted.');
      return;
    }
    const measuredOn = String(form.get('measuredOn') ?? '');
    run({ kind: 'record', value: { value, measuredOn } }, () => setFormKey((k) => k + 1));
  };

  return (
    <div className={styles.over} data-testid="measure-over-time">
      {values.data ? (
        <MeasureChart
          baseline={cycle.measure.baseline}
          target={cycle.measure.target}
          values={values.data.values}
          meetings={values.data.meetings}
        />
      ) : values.isError ? (
        <ErrorMessage error={values.error} retry={() => void values.refetch()} />
      ) : (
        <p className="muted">Loading the values…</p>
      )}
      <form key={formKey} className={styles.record} onSubmit={record} aria-label="Record a value">
        <label>
          Value counted
          <input className="field-input" name="value" type="number" step="any" inputMode="decimal" required />
        </label>
        <label>
          Counted on
          <input className="field-input" name="measuredOn" type="date" defaultValue={today()} max={today()} required />
        </label>
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          Record value
        </button>
      </form>
      {values.data && values.data.values.length > 0 && (
        <details className={styles.manage}>
          <summary>Correct or remove a value</summary>
          <ul className={styles.list}>
            {values.data.values.toReversed().map((v) => (
              <ValueRow key={v.id} value={v} run={run} pending={change.isPending} />
            ))}
          </ul>
        </details>
      )}
      <Ack error={error} />
    </div>
  );
}

/** Send a change; `done` runs once it is stored. */
type Run = (action: Parameters<ReturnType<typeof useMeasureChange>['mutate']>[0], done?: () => void) => void;

function ValueRow({ value, run, pending }: { value: MeasureValue; run: Run; pending: boolean }) {
  const [mode, setMode] = useState<'show' | 'correct' | 'remove'>('show');
  const said = `${numberLabel(value.value)} on ${formatDate(value.measuredOn)}`;

  const correct = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const corrected = numberOf(String(form.get('value') ?? ''));
    const measuredOn = String(form.get('measuredOn') ?? '');
    run(
      {
        kind: 'correct',
        valueId: value.id,
        correction: { ...(Number.isNaN(corrected) ? {} : { value: corrected }), measuredOn },
      },
      () => setMode('show'),
    );
  };

  return (
    <li className={styles.item}>
      <span>
        <strong>{numberLabel(value.value)}</strong> on {formatDate(value.measuredOn)}
        <span className="muted">
          {' '}
          · {value.recordedBy.name}
          {value.correctedBy ? `, corrected by ${value.correctedBy.name}` : ''}
        </span>
      </span>
      {mode === 'show' && (
        <span className={styles.actions}>
          <button type="button" className="button" onClick={() => setMode('correct')} aria-label={`Correct ${said}`}>
            Correct
          </button>
          <button type="button" className="button" onClick={() => setMode('remove')} aria-label={`Remove ${said}`}>
            Remove
          </button>
        </span>
      )}
      {mode === 'correct' && (
        <form className={styles.record} onSubmit={correct} aria-label={`Correct ${said}`}>
          <label>
            Value
            <input
              className="field-input"
              name="value"
              type="number"
              step="any"
              inputMode="decimal"
              defaultValue={value.value}
              required
            />
          </label>
          <label>
            Counted on
            <input className="field-input" name="measuredOn" type="date" defaultValue={value.measuredOn} required />
          </label>
          <FormActions
            submit="Save correction"
            busy={pending}
            onCancel={() => setMode('show')}
            className={styles.actions}
          />
        </form>
      )}
      {mode === 'remove' && (
        <span className={styles.actions} role="group" aria-label={`Remove ${said}?`}>
          <span>Remove it for both of you?</span>
          <button
            type="button"
            className="button button--danger"
            disabled={pending}
            onClick={() => run({ kind: 'remove', valueId: value.id })}
          >
            Remove
          </button>
          <button type="button" className="button" onClick={() => setMode('show')}>
            Keep it
          </button>
        </span>
      )}
    </li>
  );
}

/** The chart alone, read live (the partnership page). */
export function CycleMeasureChart({ cycle }: { cycle: Cycle }) {
  const values = useMeasureValues(cycle.id);
  if (!values.data) return values.isError ? <ErrorMessage error={values.error} /> : null;
  return (
    <MeasureChart
      baseline={cycle.measure.baseline}
      target={cycle.measure.target}
      values={values.data.values}
      meetings={values.data.meetings}
    />
  );
}
