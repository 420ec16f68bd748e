/** Every revision of a model, newest first: who changed it, when, and the whole model as it then stood. */
import { useQuery } from '@tanstack/react-query';
import type { ModelChange } from '../../../shared/models.js';
import { fetchModelRevisions } from '../api/modelEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Layout.js';
import { formatDateTime } from '../format.js';
import { ModelParts } from './ModelParts.js';
import styles from './models.module.css';

const CHANGE: Record<ModelChange, string> = {
  written: 'Written',
  edited: 'Improved',
  retired: 'Retired',
  restored: 'Brought back',
};

export function ModelHistory({ modelId, revision }: { modelId: string; revision: number }) {
  const revisions = useQuery({
    // The current revision is in the key, so a change made since is read again.
    queryKey: [...queryKeys.modelRevisions(modelId), revision],
    queryFn: () => fetchModelRevisions(modelId),
  });
  if (revisions.isPending) return <Loading label="Loading the history…" />;
  if (revisions.isError) return <ErrorMessage error={revisions.error} retry={() => void revisions.refetch()} />;
  return (
    <ol className={styles.history} aria-label="Changes to this model" data-testid="model-history">
      {revisions.data.map((r) => (
        <li key={r.revision}>
          <details>
            <summary>
              {CHANGE[r.change]} by {r.by.name}, {formatDateTime(r.at)}{' '}
              <span className="muted">(revision {r.revision})</span>
            </summary>
            <p>
              <strong>{r.content.name}</strong>
              {r.content.tags.length > 0 && <span className="muted"> · {r.content.tags.join(', ')}</span>}
            </p>
            <ModelParts content={r.content} />
          </details>
        </li>
      ))}
    </ol>
  );
}
