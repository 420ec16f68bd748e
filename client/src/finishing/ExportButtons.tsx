/** Taking a meeting away: its Markdown (every section and fact) or the browser's print / save as PDF. */
import { cycleMarkdownUrl, meetingMarkdownUrl } from '../api/finishing.js';
import styles from './finishing.module.css';

export function MeetingExport({ meetingId }: { meetingId: string }) {
  return (
    <section className={`side-block ${styles.exportBlock}`} aria-labelledby="keep-a-copy-title">
      <h2 id="keep-a-copy-title" className={styles.sideTitle}>
        Keep a copy
      </h2>
      <a className={`button ${styles.exportLink}`} href={meetingMarkdownUrl(meetingId)} download>
        Download as Markdown
      </a>
      <button type="button" className="button" onClick={() => window.print()}>
        Print or save as PDF
      </button>
    </section>
  );
}

/** "Download this cycle": every meeting of one Impact Cycle, in order, as Markdown. */
export function CycleDownload({ cycleId }: { cycleId: string }) {
  return (
    <a className={`button ${styles.cycleDownload}`} href={cycleMarkdownUrl(cycleId)} download>
      Download this cycle
    </a>
  );
}
