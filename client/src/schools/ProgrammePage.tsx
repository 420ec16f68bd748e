/** The programme this half-term, for the lead (every linked partnership) or a coach (their own): counts only. */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { SMALL_NUMBER_MINIMUM } from '../../../shared/schools.js';
import { queryKeys } from '../api/queryKeys.js';
import { fetchProgramme } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDate } from '../format.js';
import { FigureGrid, FigureTable, FigureValue } from './Figures.js';
import styles from './schools.module.css';

export function ProgrammePage() {
  const { id = '' } = useParams();
  useDocumentTitle('The programme');
  const programme = useQuery({ queryKey: queryKeys.programme(id), queryFn: () => fetchProgramme(id) });

  if (programme.isPending) {
    return (
      <Layout>
        <Loading label="Counting…" />
      </Layout>
    );
  }
  if (programme.isError) {
    return (
      <Layout>
        <ErrorMessage error={programme.error} notFound="We cannot find this school, or you are not a member of it." />
        <p>
          <Link to={`/schools/${encodeURIComponent(id)}`}>Back to the school</Link>
        </p>
      </Layout>
    );
  }
  const p = programme.data;
  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> › <Link to="/schools">Your schools</Link> ›{' '}
        <Link to={`/schools/${encodeURIComponent(p.school.id)}`}>{p.school.name}</Link>
      </nav>
      <h1>{p.scope === 'school' ? 'The coaching programme' : 'Your partnerships in the programme'}</h1>
      <p className="muted">
        {p.school.name} · {p.period.name}, from {formatDate(p.period.from)}
      </p>
      <div className={styles.explain}>
        <p>
          These are counts, never words. They come from when meetings happen, whether steps were agreed, practised and
          looked back on, how cycles end and how often the school’s models are used, in partnerships whose coach and
          teacher have both agreed to be counted. No notes, goals, steps or names are ever shown here. Any figure made
          from fewer than {SMALL_NUMBER_MINIMUM} partnerships is shown only as “fewer than {SMALL_NUMBER_MINIMUM}”, so
          no one can be picked out.
        </p>
      </div>

      <section aria-labelledby="overall-title">
        <h2 id="overall-title">This half-term</h2>
        <p>
          Partnerships that have met this half-term:{' '}
          <strong data-testid="active-partnerships">
            <FigureValue figure={p.active} />
          </strong>
        </p>
        <FigureGrid figures={p.overall} testId="programme-overall" />
      </section>

      <section aria-labelledby="problem-title" className={styles.panel}>
        <h2 id="problem-title">By persistent problem</h2>
        {p.byProblem.length === 0 ? (
          <p className="muted">Nothing to count yet.</p>
        ) : (
          <FigureTable
            caption="Figures by persistent problem"
            groupLabel="Problem"
            rows={p.byProblem.map((g) => ({
              key: g.problem?.id ?? 'none',
              label: g.problem?.title ?? 'No problem chosen',
              figures: g.figures,
            }))}
          />
        )}
      </section>

      <section aria-labelledby="week-title" className={styles.panel}>
        <h2 id="week-title">By week</h2>
        {p.byWeek.length === 0 ? (
          <p className="muted">No meetings yet this half-term.</p>
        ) : (
          <FigureTable
            caption="Figures by week"
            groupLabel="Week beginning"
            rows={p.byWeek.map((g) => ({ key: g.weekOf, label: formatDate(g.weekOf), figures: g.figures }))}
          />
        )}
      </section>
    </Layout>
  );
}
