/// <reference types="vite/client" />
/**
 * A meeting's history: its versions, newest first; one of them shown as the
 * meeting was (read-only, with who wrote what and the facts as they stood) or
 * compared with now, section by section; and any section restored from it.
 * The chosen version and view live in the address, so a version can be linked.
 */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Meeting, Partnership } from '../../../shared/api.js';
import type { VersionSummary } from '../../../shared/history.js';
import { labelOf } from '../../../shared/meetingLabel.js';
import { SECTIONS, type SectionId } from '../../../shared/sections.js';
import { compareVersion, fetchVersion, fetchVersions } from '../api/historyEndpoints.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMeetingAndPartnership } from '../api/meetingQueries.js';
import { queryKeys } from '../api/queryKeys.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDateTime, partnerOf } from '../format.js';
import { DiffText } from './DiffText.js';
import styles from './history.module.css';
import { RestoreSection } from './RestoreSection.js';
import { VersionFacts } from './VersionFacts.js';
import { VersionSections, type Names } from './VersionSections.js';
import { isAutomatic, timeOf, versionLabel } from './versionLabel.js';

export function HistoryPage() {
  const { id = '' } = useParams();
  const loaded = useMeetingAndPartnership(id);
  useDocumentTitle(loaded.status === 'ready' ? `History · ${labelOf(loaded.data.meeting)}` : 'History');

  if (loaded.status === 'loading') {
    return (
      <Layout wide>
        <Loading label="Opening the history…" />
      </Layout>
    );
  }
  if (loaded.status === 'error') {
    return (
      <Layout wide>
        <ErrorMessage error={loaded.error} notFound="We cannot find this meeting, or it is not shared with you." />
        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </Layout>
    );
  }
  return <History key={id} {...loaded.data} />;
}

function History({ meeting, partnership }: { meeting: Meeting; partnership: Partnership }) {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: queryKeys.versions(meeting.id), queryFn: () => fetchVersions(meeting.id) });
  const reloadVersions = () => void queryClient.invalidateQueries({ queryKey: queryKeys.versions(meeting.id) });
  const [restored, setRestored] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const partner = partnerOf(partnership);
  const names: Names = { coach: partnership.coach.name, teacher: partnership.teacher.name };
  const meetingUrl = `/meetings/${encodeURIComponent(meeting.id)}`;
  const selectedId = params.get('version');
  const view = params.get('view') === 'compare' ? 'compare' : 'then';

  const list = versions.data ?? [];
  const selected = list.find((v) => v.id === selectedId) ?? null;

  const onRestored = (_section: SectionId, title: string) => {
    const when = selected ? timeOf(selected.createdAt) : '';
    setRestored(
      `The ${title} is back as it was at ${when}. ${partner.name} sees it now, and it is in the history as a new version.`,
    );
    setRound((n) => n + 1);
    reloadVersions();
  };

  return (
    <Layout wide>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/partnerships/${encodeURIComponent(partnership.id)}`}>Coaching with {partner.name}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={meetingUrl}>{labelOf(meeting)}</Link>
      </nav>
      <div className={styles.head}>
        <div>
          <h1 className="meeting-heading">History of {labelOf(meeting)}</h1>
          <p className="muted">
            Every saved version of your notes with {partner.name}. Choose one to see the meeting as it was.
          </p>
        </div>
        <Link to={meetingUrl} className="button">
          <span aria-hidden="true">←</span> Back to the meeting
        </Link>
      </div>
      {restored && (
        <div className="notice notice--info" role="status">
          <p>{restored}</p>
        </div>
      )}

      <div className={styles.layout}>
        <nav className={styles.list} aria-label="Versions">
          <h2 className={styles.listTitle}>Versions, newest first</h2>
          {versions.isPending && <Loading label="Loading the versions…" />}
          {versions.data === undefined && versions.isError && (
            <ErrorMessage error={versions.error} retry={reloadVersions} />
          )}
          {versions.data !== undefined && list.length === 0 && (
            <p className="muted">
              No versions yet. One is saved every few minutes while you write, when someone leaves, and when the meeting
              is finished, agreed or reopened.
            </p>
          )}
          <ol className={styles.versions}>
            {list.map((v) => (
              <li key={v.id}>
                <Link
                  to={`?version=${encodeURIComponent(v.id)}${view === 'compare' ? '&view=compare' : ''}`}
                  className={`${styles.version} ${isAutomatic(v) ? styles.automatic : ''}`}
                  aria-current={v.id === selectedId ? 'true' : undefined}
                  onClick={() => setRestored(null)}
                >
                  <span className={styles.versionName}>{versionLabel(v)}</span>
                  <span className={styles.versionMeta}>
                    {formatDateTime(v.createdAt)}
                    {byLine(v)}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>

        <div className={styles.detail}>
          {selected === null ? (
            versions.data !== undefined &&
            list.length > 0 && (
              <p className={`muted ${styles.choose}`}>
                {selectedId ? 'That version is not in this meeting’s history.' : 'Choose a version on the left.'}
              </p>
            )
          ) : (
            <>
              <div className={styles.detailHead}>
                <div>
                  <h2 className={styles.detailTitle}>{versionLabel(selected)}</h2>
                  <p className="muted">
                    {formatDateTime(selected.createdAt)}
                    {byLine(selected)}
                  </p>
                </div>
                <div className={styles.views} role="group" aria-label="Show">
                  <button
                    type="button"
                    className="button"
                    aria-pressed={view === 'then'}
                    onClick={() => setParams({ version: selected.id })}
                  >
                    The meeting then
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-pressed={view === 'compare'}
                    onClick={() => setParams({ version: selected.id, view: 'compare' })}
                  >
                    Compare with now
                  </button>
                </div>
              </div>
              {view === 'then' ? (
                <VersionThen
                  key={`${selected.id}:${round}`}
                  meetingId={meeting.id}
                  version={selected}
                  names={names}
                  partnerName={partner.name}
                  onRestored={onRestored}
                />
              ) : (
                <CompareWithNow
                  key={`${selected.id}:${round}`}
                  meetingId={meeting.id}
                  version={selected}
                  partnerName={partner.name}
                  onRestored={onRestored}
                />
              )}
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** " · by Sam" when the label does not already name who. */
function byLine(v: VersionSummary): string {
  if (!v.by) return '';
  return versionLabel(v).includes(v.by.name) ? '' : ` · by ${v.by.name}`;
}

interface DetailProps {
  meetingId: string;
  version: VersionSummary;
  partnerName: string;
  onRestored: (section: SectionId, title: string) => void;
}

function VersionThen({ meetingId, version, names, partnerName, onRestored }: DetailProps & { names: Names }) {
  const loaded = useQuery({
    queryKey: queryKeys.version(meetingId, version.id),
    queryFn: () => fetchVersion(meetingId, version.id),
  });
  const reload = () => void loaded.refetch();
  if (loaded.isPending) return <Loading label="Opening this version…" />;
  if (loaded.data === undefined) return <ErrorMessage error={loaded.error} retry={reload} />;
  return (
    <div data-testid="version-then">
      <VersionSections
        version={loaded.data}
        names={names}
        actions={(section, title) => (
          <RestoreSection
            meetingId={meetingId}
            version={version}
            section={section}
            title={title}
            partnerName={partnerName}
            onRestored={onRestored}
          />
        )}
      />
      <VersionFacts facts={loaded.data.facts} />
    </div>
  );
}

function CompareWithNow({ meetingId, version, partnerName, onRestored }: DetailProps) {
  const loaded = useQuery({
    queryKey: queryKeys.compare(meetingId, version.id),
    queryFn: () => compareVersion(meetingId, version.id),
    // "Now" moves on: compare afresh each time the view is opened.
    staleTime: 0,
  });
  const reload = () => void loaded.refetch();
  if (loaded.isPending) return <Loading label="Comparing with now…" />;
  if (loaded.data === undefined) return <ErrorMessage error={loaded.error} retry={reload} />;
  const changed = loaded.data.sections.filter((s) => s.changed).length;
  return (
    <div className={styles.sections} data-testid="compare">
      {changed === 0 ? (
        <p className={styles.key}>Nothing has changed since this version.</p>
      ) : (
        <p className={styles.key}>
          {changed === 1 ? 'One section has' : `${changed} sections have`} changed since this version.{' '}
          <ins className={styles.added}>Underlined words</ins> were added since;{' '}
          <del className={styles.removed}>struck-through words</del> were there then and are gone now.
        </p>
      )}
      {SECTIONS.map((s) => {
        const section = loaded.data.sections.find((x) => x.id === s.id);
        return (
          <section key={s.id} className={styles.section} aria-labelledby={`c-${s.id}`} data-section={s.id}>
            <h3 id={`c-${s.id}`} className={styles.sectionTitle}>
              {s.title}
            </h3>
            {section?.changed ? (
              <>
                <DiffText parts={section.parts} className={styles.sectionText} />
                <RestoreSection
                  meetingId={meetingId}
                  version={version}
                  section={s.id}
                  title={s.title}
                  partnerName={partnerName}
                  onRestored={onRestored}
                />
              </>
            ) : (
              <p className={`muted ${styles.sectionText}`}>No changes</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
