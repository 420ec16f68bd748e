/**
 * Two honest signals side by side: is the live connection up, and is what I
 * typed stored on the server ("Saved" means only that; a change kept in this
 * device's offline copy says so instead). Announced politely to screen readers.
 */
import type { ConnectionSnapshot } from '../collab/meetingConnection.js';
import { CONNECTION_TEXT, saveState, saveText } from './connectionWording.js';

export { explainClose, explainDisconnected } from './connectionWording.js';

export function ConnectionStatus({ snapshot }: { snapshot: ConnectionSnapshot }) {
  const save = saveText(snapshot);
  const state = saveState(snapshot);
  return (
    <div className="status" role="status" aria-live="polite">
      <span className={`status-pill status-pill--${snapshot.status}`} data-testid="connection-status">
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_TEXT[snapshot.status]}
      </span>
      <span className={`status-save status-save--${state}`} data-testid="save-status">
        {save}
      </span>
    </div>
  );
}
