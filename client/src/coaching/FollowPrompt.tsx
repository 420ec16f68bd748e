/** The gentle prompt when a partner asks "Look at this". */
import type { LookAtThis } from '../../../shared/cycleEvents.js';
import { SECTIONS } from '../../../shared/sections.js';
import styles from './FollowPrompt.module.css';
import { goToSection } from './useLookAtThis.js';

export function FollowPrompt({ request, onDismiss }: { request: LookAtThis; onDismiss: () => void }) {
  const title = SECTIONS.find((s) => s.id === request.sectionId)?.title ?? 'a section';
  return (
    <div className={styles.prompt} role="status" data-print="hide" data-testid="follow-prompt">
      <p>
        {request.from.name} would like you to look at <strong>{title}</strong>.
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          goToSection(request.sectionId);
          onDismiss();
        }}
      >
        Take me there
      </button>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        Not now
      </button>
    </div>
  );
}
