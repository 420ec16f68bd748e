/** Holds coaching controls still while a meeting is finished: a disabled fieldset disables every control inside. */
import type { ReactNode } from 'react';
import styles from './finishing.module.css';

export function ReadOnlyFacts({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  if (!readOnly || children === null || children === undefined || children === false) return children;
  return (
    <fieldset disabled className={styles.readOnlyFacts} data-testid="read-only-facts">
      {children}
    </fieldset>
  );
}
