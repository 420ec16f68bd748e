/**
 * In the cycle panel: the school's persistent problem this cycle works on, and the teacher's own focus within it.
 * Shown once the partnership is linked to a school (or a problem was chosen); only the teacher chooses.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { fetchCycleProblem, setCycleProblem } from '../api/schoolEndpoints.js';
import { FormActions } from '../components/FormActions.js';
import styles from './schools.module.css';

export function CycleProblem({ cycleId, myRole, teacherName }: { cycleId: string; myRole: Role; teacherName: string }) {
  const queryClient = useQueryClient();
  const key = queryKeys.cycleProblem(cycleId);
  const current = useQuery({ queryKey: key, queryFn: () => fetchCycleProblem(cycleId) });
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: ({ problemId, focus }: { problemId: string | null; focus: string | null }) =>
      setCycleProblem(cycleId, problemId, focus),
    onSuccess: (answer) => {
      queryClient.setQueryData(key, answer);
      setEditing(false);
    },
  });
  const data = current.data;
  if (!data || (data.school === null && data.choice === null)) return null;
  const isTeacher = myRole === 'teacher';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const problemId = String(form.get('problemId') ?? '');
    const focus = String(form.get('focus') ?? '').trim();
    save.mutate({ problemId: problemId || null, focus: problemId && focus ? focus : null });
  };

  return (
    <div className="side-block" data-testid="cycle-problem">
      <h3 className="side-title">School’s persistent problem</h3>
      {!editing && (
        <>
          {data.choice ? (
            <>
              <p>{data.choice.problem.title}</p>
              {data.choice.focus && (
                <p>
                  <span className="muted">{isTeacher ? 'Your focus' : `${teacherName}’s focus`}:</span>{' '}
                  {data.choice.focus}
                </p>
              )}
            </>
          ) : (
            <p className="muted">None chosen.</p>
          )}
          {isTeacher ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {data.choice ? 'Change' : 'Choose a problem'}
            </button>
          ) : (
            <p className="side-note">The goal is {teacherName}’s: only they choose the problem it works on.</p>
          )}
        </>
      )}
      {editing && (
        <form className={styles.form} onSubmit={submit}>
          <label>
            Problem
            <select className="field-input" name="problemId" defaultValue={data.choice?.problem.id ?? ''}>
              <option value="">None</option>
              {data.options.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Your focus within it
            <input
              className="field-input"
              name="focus"
              maxLength={300}
              defaultValue={data.choice?.focus ?? ''}
              placeholder="For example: Year 8 trying the second step alone"
            />
          </label>
          {save.isError && (
            <p className="form-error" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          <FormActions busy={save.isPending} onCancel={() => setEditing(false)} />
        </form>
      )}
    </div>
  );
}
