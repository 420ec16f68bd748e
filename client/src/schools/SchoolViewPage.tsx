/** "What the school sees": exactly the figures this partnership contributes to its school's programme. */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { queryKeys } from '../api/queryKeys.js';
import { fetchSchoolView } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDate } from '../format.js';
import { FigureGrid, FigureTable } from './Figures.js';
import styles from './schools.module.css';
import { WhatTheSchoolCounts } from './WhatTheSchoolCounts.js';

export function SchoolViewPage() {
  const { id = '' } = useParams();
  useDocumentTitle('What the school sees');
  const view = useQuery({ queryKey: queryKeys.schoolView(id), queryFn: () => fetchSchoolView(id) });
  const back = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/">Home</Link> › <Link to={`/partnerships/${encodeURIComponent(id)}`}>Your partnership</Link>
    </nav>
  );

  if (view.isPending) {
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  }
  if (view.isError) {
    return (
      <Layout>
        {back}
        <ErrorMessage error={view.error} notFound="We cannot find this partnership, or it is not one of yours." />
      </Layout>
    );
  }
  const { link, period, contribution } = view.data;
  return (
    <Layout>
      {back}
      <h1>What the school sees</h1>
      {!link || link.status !== 'linked' || !contribution ? (
        <div className={styles.narrow}>
          <p>
            {link?.status === 'pending'
              ? `Nothing yet. ${link.school.name} counts this partnership only once you have both agreed.`
              : 'Nothing. This partnership is not counted by any school.'}
          </p>
        </div>
      ) : (
        <>
          <p className={styles.narrow}>
            These are exactly the figures your partnership adds to {link.school.name}’s programme for {period.name}{' '}
            (from {formatDate(period.from)}). The school sees them only added together with other partnerships, and
            never your names or a word of what you wrote.
          </p>
          <FigureGrid figures={contribution.overall} testId="school-view-overall" />
          {contribution.byProblem.length > 0 && (
            <section aria-labelledby="view-problem-title" className={styles.panel}>
              <h2 id="view-problem-title">Under which persistent problem</h2>
              <FigureTable
                caption="Your figures by persistent problem"
                groupLabel="Problem"
                rows={contribution.byProblem.map((g) => ({
                  key: g.problem?.id ?? 'none',
                  label: g.problem?.title ?? 'No problem chosen',
                  figures: g.figures,
                }))}
              />
            </section>
          )}
          {contribution.byWeek.length > 0 && (
            <section aria-labelledby="view-week-title" className={styles.panel}>
              <h2 id="view-week-title">In which weeks</h2>
              <FigureTable
                caption="Your figures by week"
                groupLabel="Week beginning"
                rows={contribution.byWeek.map((g) => ({
                  key: g.weekOf,
                  label: formatDate(g.weekOf),
                  figures: g.figures,
                }))}
              />
            </section>
          )}
          <div className={styles.panel}>
            <WhatTheSchoolCounts schoolName={link.school.name} />
          </div>
        </>
      )}
    </Layout>
  );
}
