/**
 * Once a finished meeting is reopened, later edits are changes to a record
 * both partners saw as done: say so, name the sections that changed since it
 * was last finished, and link to the comparison. Looks again a moment after
 * the notes stop changing.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type * as Y from 'yjs';
import { SECTIONS } from '../../../shared/sections.js';
import { compareVersion, fetchVersions } from '../api/historyEndpoints.js';
import styles from './history.module.css';

interface Changed {
  versionId: string;
  sections: string[];
}

const RECHECK_MS = 1000;

export function ChangedSinceFinished({ meetingId, doc }: { meetingId: string; doc: Y.Doc | null }) {
  const [changed, setChanged] = useState<Changed | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const finished = (await fetchVersions(meetingId)).find((v) => v.kind === 'finished');
      if (!finished) return;
      const compare = await compareVersion(meetingId, finished.id);
      const titles = compare.sections
        .filter((s) => s.changed)
        .map((s) => SECTIONS.find((section) => section.id === s.id)?.title ?? s.id);
      if (!cancelled) setChanged({ versionId: finished.id, sections: titles });
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // What changed is a help, not the record itself: without it the page still says it was reopened.
        check().catch(() => undefined);
      }, RECHECK_MS);
    };
    later();
    doc?.on('update', later);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      doc?.off('update', later);
    };
  }, [meetingId, doc]);

  if (!changed || changed.sections.length === 0) return null;
  return (
    <p className={styles.sinceFinished} data-testid="changed-since-finished">
      <strong>Changed since it was finished:</strong> {changed.sections.join(', ')}.{' '}
      <Link
        to={`/meetings/${encodeURIComponent(meetingId)}/history?version=${encodeURIComponent(changed.versionId)}&view=compare`}
      >
        See what changed
      </Link>
    </p>
  );
}
