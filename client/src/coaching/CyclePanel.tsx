/**
 * The meeting's Impact Cycle, in the side column: phase, the goal's status
 * (the teacher sets it), the measure and tags (either partner), the measure's
 * values over time with their chart (either partner records, corrects or
 * removes one), and closing the cycle (the teacher).
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api.js';
import {
  CYCLE_PHASES,
  CYCLE_STATUS_LABELS,
  ECF_AREA_LABELS,
  ECF_AREAS,
  PHASE_LABELS,
  type Cycle,
  type CyclePhase,
  type EcfArea,
  type UpdateCycleRequest,
} from '../../../shared/cycle.js';
import { closingChoices } from '../../../shared/cycleRules.js';
import { setCycleStatus, setGoalStatus, updateCycle } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { formatDate } from '../format.js';
import { Ack } from './Ack.js';
import { MeasureOverTime } from './MeasureOverTime.js';
import styles from './CyclePanel.module.css';
import { CycleProblem } from '../schools/CycleProblem.js';

interface Props {
  cycle: Cycle;
  myRole: Role;
  teacherName: string;
  onChange: (cycle: Cycle) => void;
}

const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

export function CyclePanel({ cycle, myRole, teacherName, onChange }: Props) {
  const [editing, setEditing] = useState(false);
  const isTeacher = myRole === 'teacher';
  const closing = closingChoices(cycle, myRole);
  const change = useMutation({ mutationFn: (action: () => Promise<Cycle>) => action(), onSuccess: onChange });
  const error = change.isError ? errorMessage(change.error, 'We could not save that change.', 'all') : null;
  const run = (action: () => Promise<Cycle>, done?: () => void) => change.mutate(action, { onSuccess: done });

  const saveMeasure = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const patch: UpdateCycleRequest = {
      measureWhat: text('what').trim() || null,
      baseline: numberOrNull(text('baseline')),
      target: numberOrNull(text('target')),
      focusTag: text('focusTag').trim() || null,
      ecfArea: (text('ecfArea') || null) as EcfArea | null,
    };
    run(
      () => updateCycle(cycle.id, patch),
      () => setEditing(false),
    );
  };

  const { measure } = cycle;
  return (
    <section className={styles.panel} aria-labelledby="cycle-title" data-testid="cycle-panel">
      <h2 id="cycle-title" className="side-title">
        Impact Cycle <span className="badge">{CYCLE_STATUS_LABELS[cycle.status]}</span>
      </h2>
      <label className={styles.field}>
        Phase
        <select
          className="field-input"
          value={cycle.phase}
          onChange={(e) => run(() => updateCycle(cycle.id, { phase: e.target.value as CyclePhase }))}
        >
          {CYCLE_PHASES.map((p) => (
            <option key={p} value={p}>
              {PHASE_LABELS[p]}
            </option>
          ))}
        </select>
      </label>

      <div className="side-block" data-testid="goal-status">
        {cycle.goal.text && <p className="cycle-goal">“{cycle.goal.text}”</p>}
        {cycle.goal.status === 'set' ? (
          <p>
            Goal set by {cycle.goal.setBy?.name ?? teacherName}
            {cycle.goal.setAt ? ` on ${formatDate(cycle.goal.setAt)}` : ''}.
          </p>
        ) : (
          <p className="muted">The goal is still a draft.</p>
        )}
        {isTeacher ? (
          <button
            type="button"
            className="button"
            onClick={() => run(() => setGoalStatus(cycle.id, cycle.goal.status === 'set' ? 'draft' : 'set'))}
          >
            {cycle.goal.status === 'set' ? 'Back to a draft' : 'My goal is set'}
          </button>
        ) : (
          <p className="side-note">The goal is {teacherName}’s: only they can mark it as set.</p>
        )}
      </div>

      <div className="side-block">
        <h3 className={styles.subtitle}>Measure</h3>
        {!editing ? (
          <>
            <p>{measure.what ?? <span className="muted">What will you count? Not written yet.</span>}</p>
            <dl className={`measure ${styles.measure}`}>
              <div>
                <dt>Baseline</dt>
                <dd>{measure.baseline ?? '–'}</dd>
              </div>
              <div>
                <dt>Latest</dt>
                <dd>
                  {measure.latest ?? '–'}
                  {measure.latestOn && <span className={styles.countedOn}>{formatDate(measure.latestOn)}</span>}
                </dd>
              </div>
              <div>
                <dt>Target</dt>
                <dd>{measure.target ?? '–'}</dd>
              </div>
            </dl>
            {(cycle.focusTag || cycle.ecfArea) && (
              <p className={styles.tags}>
                {cycle.focusTag && <span className="badge">{cycle.focusTag}</span>}{' '}
                {cycle.ecfArea && <span className="badge">ECF: {ECF_AREA_LABELS[cycle.ecfArea]}</span>}
              </p>
            )}
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit measure and tags
            </button>
            <h3 className={styles.subtitle}>Over the cycle</h3>
            <MeasureOverTime cycle={cycle} />
          </>
        ) : (
          <form className={styles.measureForm} onSubmit={saveMeasure}>
            <label>
              What is counted
              <input className="field-input" name="what" defaultValue={measure.what ?? ''} maxLength={300} />
            </label>
            <NumberField label="Baseline" name="baseline" value={measure.baseline} />
            <NumberField label="Target" name="target" value={measure.target} />
            <label>
              Whole-school focus
              <input className="field-input" name="focusTag" defaultValue={cycle.focusTag ?? ''} maxLength={120} />
            </label>
            <label>
              Early Career Framework area
              <select className="field-input" name="ecfArea" defaultValue={cycle.ecfArea ?? ''}>
                <option value="">None</option>
                {ECF_AREAS.map((a) => (
                  <option key={a} value={a}>
                    {ECF_AREA_LABELS[a]}
                  </option>
                ))}
              </select>
            </label>
            <FormActions busy={change.isPending} onCancel={() => setEditing(false)} />
          </form>
        )}
      </div>

      <CycleProblem cycleId={cycle.id} myRole={myRole} teacherName={teacherName} />

      {closing.length > 0 && (
        <div className={`side-block ${styles.close}`}>
          {closing.includes('met') && (
            <button type="button" className="button" onClick={() => run(() => setCycleStatus(cycle.id, 'met'))}>
              Goal met
            </button>
          )}
          <button type="button" className="button" onClick={() => run(() => setCycleStatus(cycle.id, 'set_aside'))}>
            Set this cycle aside
          </button>
        </div>
      )}
      <Ack error={error} />
    </section>
  );
}

/** One number of the measure: any number, or empty for "not counted yet". */
function NumberField({ label, name, value }: { label: string; name: string; value: number | null }) {
  return (
    <label>
      {label}
      <input className="field-input" name={name} type="number" step="any" defaultValue={value ?? ''} />
    </label>
  );
}
