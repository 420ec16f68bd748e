/** The plain-words explanation both partners read before agreeing to be counted by a school. */
import { WHAT_THE_SCHOOL_COUNTS, WHAT_THE_SCHOOL_NEVER_SEES } from '../../../shared/schools.js';
import styles from './schools.module.css';

export function WhatTheSchoolCounts({ schoolName }: { schoolName: string }) {
  return (
    <div className={styles.explain} data-testid="what-the-school-counts">
      <h3>What {schoolName} can count</h3>
      <ul>
        {WHAT_THE_SCHOOL_COUNTS.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3>What {schoolName} can never see</h3>
      <ul>
        {WHAT_THE_SCHOOL_NEVER_SEES.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>Either of you can unlink at any time, and from then on nothing of your partnership is counted.</p>
    </div>
  );
}
