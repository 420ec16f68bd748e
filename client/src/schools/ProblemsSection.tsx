/** The school's persistent problems: everyone on the staff reads them; the lead writes, closes and reopens them. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CreateProblemRequestSchema, type Problem } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { createProblem, fetchProblems, setProblemStatus } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Layout.js';
import styles from './schools.module.css';

export function ProblemsSection({ schoolId, isLead }: { schoolId: string; isLead: boolean }) {
  const queryClient = useQueryClient();
  const problems = useQuery({ queryKey: queryKeys.problems(schoolId), queryFn: () => fetchProblems(schoolId) });
  const [writing, setWriting] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.problems(schoolId) });
  const status = useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'open' | 'closed' }) => setProblemStatus(schoolId, id, to),
    onSuccess: refresh,
  });

  return (
    <section className={`card ${styles.card}`} aria-labelledby="problems-title">
      <h2 id="problems-title">Persistent problems</h2>
      <p className="muted">
        The things the whole school is working on. Each teacher chooses their own focus within one, when they set the
        goal of a cycle.
      </p>
      {problems.isPending && <Loading label="Loading the problems…" />}
      {problems.isError && <ErrorMessage error={problems.error} retry={() => void problems.refetch()} />}
      {problems.data && problems.data.length === 0 && (
        <p>{isLead ? 'No problems written yet. Start with what staff tell you they see.' : 'None written yet.'}</p>
      )}
      {problems.data && problems.data.length > 0 && (
        <div data-testid="problems">
          {problems.data.map((p) => (
            <ProblemItem key={p.id} problem={p} isLead={isLead} onStatus={(to) => status.mutate({ id: p.id, to })} />
          ))}
        </div>
      )}
      {isLead &&
        (writing ? (
          <ProblemForm
            schoolId={schoolId}
            onDone={() => {
              setWriting(false);
              refresh();
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setWriting(true)}>
            Write a persistent problem
          </button>
        ))}
    </section>
  );
}

function ProblemItem({
  problem,
  isLead,
  onStatus,
}: {
  problem: Problem;
  isLead: boolean;
  onStatus: (to: 'open' | 'closed') => void;
}) {
  return (
    <article className={styles.problem}>
      <h3>
        {problem.title} {problem.status === 'closed' && <span className="badge">Closed</span>}
      </h3>
      <dl>
        {problem.symptoms && (
          <>
            <dt>What staff see</dt>
            <dd>{problem.symptoms}</dd>
          </>
        )}
        {problem.whyItMatters && (
          <>
            <dt>Why it matters</dt>
            <dd>{problem.whyItMatters}</dd>
          </>
        )}
      </dl>
      {isLead && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onStatus(problem.status === 'open' ? 'closed' : 'open')}
        >
          {problem.status === 'open' ? 'Close this problem' : 'Open it again'}
        </button>
      )}
    </article>
  );
}

function ProblemForm({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (body: { title: string; symptoms: string; whyItMatters: string }) => createProblem(schoolId, body),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CreateProblemRequestSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    create.mutate(parsed.data);
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <label>
        Title
        <input className="field-input" name="title" maxLength={160} placeholder="Students give up on tricky tasks" />
      </label>
      <label>
        What staff see
        <textarea className="field-input" name="symptoms" maxLength={2000} />
      </label>
      <label>
        Why it matters
        <textarea className="field-input" name="whyItMatters" maxLength={2000} />
      </label>
      {(error ?? create.isError) && (
        <p className="form-error" role="alert">
          {error ?? errorMessage(create.error)}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          Save the problem
        </button>
      </div>
    </form>
  );
}
