/**
 * "Restore this section": asks first, then brings the section back as it was
 * in the version, as a new edit by the person restoring (which the partner
 * sees live and which is itself in the history).
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { VersionSummary } from '../../../shared/history.js';
import type { SectionId } from '../../../shared/sections.js';
import { errorMessage } from '../api/errorMessage.js';
import { restoreSection } from '../api/historyEndpoints.js';
import styles from './history.module.css';
import { timeOf } from './versionLabel.js';

interface Props {
  meetingId: string;
  version: VersionSummary;
  section: SectionId;
  title: string;
  partnerName: string;
  onRestored: (section: SectionId, title: string) => void;
}

export function RestoreSection({ meetingId, version, section, title, partnerName, onRestored }: Props) {
  const [asking, setAsking] = useState(false);
  const restore = useMutation({
    mutationFn: () => restoreSection(meetingId, version.id, section),
    onSuccess: () => {
      setAsking(false);
      onRestored(section, title);
    },
  });
  const busy = restore.isPending;
  const error = restore.isError
    ? errorMessage(restore.error, `We could not restore the ${title}. Please try again.`)
    : null;
  const when = timeOf(version.createdAt);

  if (!asking) {
    return (
      <div className={styles.restore}>
        <button type="button" className="button" onClick={() => setAsking(true)}>
          Restore this section
        </button>
      </div>
    );
  }
  return (
    <div className={`${styles.restore} ${styles.restoreAsk}`} role="group" aria-label={`Restore the ${title}`}>
      <p>
        Bring back the {title} as it was at {when}? {partnerName} will see it as a change by you, and what it says now
        stays in the history.
      </p>
      <div className={styles.restoreActions}>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => restore.mutate()}>
          {busy ? 'Restoring…' : `Restore the ${title}`}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
