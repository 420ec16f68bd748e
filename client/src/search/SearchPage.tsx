/**
 * Search results: every meeting of every partnership I am in that mentions the
 * words, grouped by partnership and meeting (newest first), each place with its
 * section and a snippet with the words marked, linking to the meeting there.
 */
import { Link, useSearchParams } from 'react-router';
import { SEARCH_FIELD_LABELS, SEARCH_LIMITS, type SearchMeeting, type SnippetPart } from '../../../shared/search.js';
import { ApiError } from '../api/http.js';
import { errorMessage } from '../api/errorMessage.js';
import { searchNotes } from '../api/searchEndpoints.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { meetingName } from '../finishing/meetingName.js';
import { formatDate } from '../format.js';
import { meetingPathOf } from './searchPath.js';
import styles from './search.module.css';

/** The server's words for a query it refused (too long, no words in it), else what went wrong. */
function queryProblem(error: unknown): string {
  const aboutQuery = error instanceof ApiError && isRefused(error) ? error.fields.q : undefined;
  return aboutQuery ?? errorMessage(error, 'We could not search just now. Please try again.');
}

function isRefused(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useDocumentTitle(q ? `Search: ${q}` : 'Search');
  const result = useQuery({ queryKey: queryKeys.search(q), queryFn: () => searchNotes(q), enabled: q !== '' });

  if (!q) {
    return (
      <Layout>
        <h1>Search your notes</h1>
        <p className="lede">
          Type a word in the search field at the top of the page and press Enter. Press <kbd>/</kbd> to get there from
          anywhere.
        </p>
      </Layout>
    );
  }

  const failed = result.data === undefined && result.isError;
  const refused = failed && isRefused(result.error);
  return (
    <Layout>
      <div className={styles.head}>
        <p className="eyebrow">Search</p>
        <h1 className={styles.heading}>{refused ? 'Search your notes' : <>Notes that mention “{q}”</>}</h1>
      </div>
      <div aria-live="polite">
        {result.isPending && <Loading label="Searching…" />}
        {failed && (
          <div className="notice notice--warning" role="alert">
            <p>{queryProblem(result.error)}</p>
            {!refused && (
              <button type="button" className="button" onClick={() => void result.refetch()}>
                Try again
              </button>
            )}
          </div>
        )}
        {result.data && result.data.total === 0 && (
          <div className="empty" data-testid="search-nothing">
            <p>
              <strong>No notes mention “{q}” yet.</strong>
            </p>
            <p className="muted">
              Search looks through every meeting you share with a partner: the notes, goals, the measure, rehearsals,
              feedback and reflections. Words count in any form, so “question” also finds “questioning”.
            </p>
          </div>
        )}
        {result.data && result.data.total > 0 && (
          <p className={styles.summary} data-testid="search-summary">
            {result.data.truncated
              ? `Showing the first ${SEARCH_LIMITS.maxResults}, newest first. Add another word to narrow it down.`
              : `Found in ${plural(result.data.total, 'place', 'places')} across ${plural(
                  result.data.partnerships.reduce((n, p) => n + p.meetings.length, 0),
                  'meeting',
                  'meetings',
                )}.`}
          </p>
        )}
      </div>
      {result.data?.partnerships.map((partnership) => (
        <section
          key={partnership.partnershipId}
          className={styles.partnership}
          aria-labelledby={`search-with-${partnership.partnershipId}`}
        >
          <h2 id={`search-with-${partnership.partnershipId}`} className={styles.partner}>
            With {partnership.partner.name} ({partnership.partner.role})
          </h2>
          <ol className={styles.meetings}>
            {partnership.meetings.map((meeting) => (
              <MeetingResult key={meeting.meetingId} meeting={meeting} />
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}

function MeetingResult({ meeting }: { meeting: SearchMeeting }) {
  return (
    <li className={`card ${styles.meeting}`} data-testid="search-meeting">
      <h3 className={styles.meetingTitle}>
        <Link to={meetingPathOf(meeting.meetingId, null)}>
          {meetingName({ ...meeting, createdAt: meeting.startedAt })}
        </Link>
      </h3>
      {meeting.titleGiven && <p className={`muted ${styles.date}`}>{formatDate(meeting.startedAt)}</p>}
      <ul className={styles.hits}>
        {meeting.hits.map((hit) => (
          <li key={hit.field}>
            <Link className={styles.hit} to={meetingPathOf(meeting.meetingId, hit.sectionId)} data-testid="search-hit">
              <span className={styles.field}>{SEARCH_FIELD_LABELS[hit.field]}</span>
              <Snippet parts={hit.snippet} />
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Snippet text as text (never markup), with the words searched for marked. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className={styles.snippet}>
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
