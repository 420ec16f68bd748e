/**
 * A word-level difference, read the same way with or without colour: added
 * words are underlined in <ins>, removed ones struck through in <del>, and each
 * says "added:" or "removed:" to a screen reader.
 */
import type { CompareResponse } from '../../../shared/history.js';
import styles from './history.module.css';

type Part = CompareResponse['sections'][number]['parts'][number];

export function DiffText({ parts, className }: { parts: Part[]; className?: string }) {
  return (
    <p className={`${styles.diff} ${className ?? ''}`}>
      {parts.map((part, i) =>
        part.op === 'added' ? (
          <ins key={i} className={styles.added}>
            <span className="visually-hidden">added: </span>
            {part.text}
          </ins>
        ) : part.op === 'removed' ? (
          <del key={i} className={styles.removed}>
            <span className="visually-hidden">removed: </span>
            {part.text}
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
