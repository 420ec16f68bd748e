/**
 * A school's library of models: the strategies its coaches have written for
 * its persistent problems. The lead and coaches write and improve them
 * together; other staff read them. Filter by problem, and by live or retired.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Model } from '../../../shared/models.js';
import type { Problem } from '../../../shared/schools.js';
import { fetchModels } from '../api/modelEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';
import { fetchProblems, fetchSchool } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { ModelCard } from './ModelCard.js';
import { ModelForm } from './ModelForm.js';
import styles from './models.module.css';

type Shown = 'live' | 'retired' | 'all';
const NO_PROBLEM = '__none';

export function ModelsPage() {
  const { id = '' } = useParams();
  useDocumentTitle('Models');
  const school = useQuery({ queryKey: queryKeys.school(id), queryFn: () => fetchSchool(id) });
  const models = useQuery({ queryKey: queryKeys.models(id), queryFn: () => fetchModels(id) });
  const problems = useQuery({ queryKey: queryKeys.problems(id), queryFn: () => fetchProblems(id) });

  if (!models.data || !school.data || !problems.data) {
    const failed = models.error ?? school.error ?? problems.error;
    if (failed) {
      return (
        <Layout>
          <ErrorMessage error={failed} notFound="We cannot find this school, or you are not a member of it." />
          <p>
            <Link to="/schools">Your schools</Link>
          </p>
        </Layout>
      );
    }
    return (
      <Layout>
        <Loading label="Opening the library…" />
      </Layout>
    );
  }
  return <Library id={id} schoolName={school.data.name} library={models.data} problems={problems.data} />;
}

function Library({
  id,
  schoolName,
  library,
  problems,
}: {
  id: string;
  schoolName: string;
  library: { mayWrite: boolean; models: Model[] };
  problems: Problem[];
}) {
  const queryClient = useQueryClient();
  const [writing, setWriting] = useState(false);
  const [problem, setProblem] = useState('');
  const [shown, setShown] = useState<Shown>('live');
  const { mayWrite } = library;
  const changed = (model: Model) => {
    queryClient.setQueryData(queryKeys.models(id), {
      mayWrite,
      models: library.models.some((m) => m.id === model.id)
        ? library.models.map((m) => (m.id === model.id ? model : m))
        : [...library.models, model].sort((a, b) => a.name.localeCompare(b.name)),
    });
  };
  const list = library.models.filter(
    (m) =>
      (shown === 'all' || m.status === shown) &&
      (problem === '' || (problem === NO_PROBLEM ? m.problemIds.length === 0 : m.problemIds.includes(problem))),
  );
  const retiredCount = library.models.filter((m) => m.status === 'retired').length;

  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> › <Link to="/schools">Your schools</Link> ›{' '}
        <Link to={`/schools/${encodeURIComponent(id)}`}>{schoolName}</Link>
      </nav>
      <div className={styles.page}>
        <div className="page-head">
          <div>
            <h1>Models</h1>
            <p className="muted">
              {mayWrite
                ? 'Strategies the coaching team has written for the school’s problems. Improve them together as you learn what works; every change is kept.'
                : 'Strategies the coaching team has written for the school’s problems. You can read them; the coaches write and improve them.'}
            </p>
          </div>
          {mayWrite && !writing && (
            <button type="button" className="button button--primary" onClick={() => setWriting(true)}>
              Write a model
            </button>
          )}
        </div>
        <p className="side-note">
          In a meeting, coach and teacher can bring a live model into their notes with “Use a model”. The school then
          counts that a model was used, never what was written.
        </p>

        {writing && (
          <section className="card" aria-labelledby="new-model-title">
            <h2 id="new-model-title">A new model</h2>
            <ModelForm
              schoolId={id}
              problems={problems}
              onCancel={() => setWriting(false)}
              onDone={(model) => {
                setWriting(false);
                changed(model);
              }}
            />
          </section>
        )}

        <div className={styles.filters} role="group" aria-label="Which models to show">
          <div>
            <label htmlFor="models-problem">Problem</label>
            <select
              id="models-problem"
              className="field-input"
              value={problem}
              onChange={(e) => setProblem(e.target.value)}
            >
              <option value="">Every problem</option>
              {problems.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
              <option value={NO_PROBLEM}>No problem named</option>
            </select>
          </div>
          <div>
            <label htmlFor="models-shown">Show</label>
            <select
              id="models-shown"
              className="field-input"
              value={shown}
              onChange={(e) => setShown(e.target.value as Shown)}
            >
              <option value="live">Live models</option>
              <option value="retired">Retired models ({retiredCount})</option>
              <option value="all">All models</option>
            </select>
          </div>
        </div>

        {library.models.length === 0 ? (
          <p>
            {mayWrite
              ? 'No models yet. Start with a strategy that has already helped a teacher here.'
              : 'No models yet. The coaches will add them here.'}
          </p>
        ) : list.length === 0 ? (
          <p>No models match. Try another problem, or show all models.</p>
        ) : (
          <div data-testid="models">
            {list.map((m) => (
              <ModelCard key={m.id} model={m} problems={problems} mayWrite={mayWrite} onChanged={changed} />
            ))}
          </div>
        )}
      </div>
    </Layout>
  );
}
