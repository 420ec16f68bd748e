/** The words of a model, part by part (only the parts that were written). */
import type { ModelContent } from '../../../shared/models.js';
import styles from './models.module.css';

const PARTS: [keyof ModelContent, string][] = [
  ['keyMoves', 'Key moves'],
  ['doneWell', 'What it looks like done well'],
  ['practiceActivity', 'A practice activity'],
  ['actionSteps', 'Example action steps'],
];

export function ModelParts({
  content,
}: {
  content: Pick<ModelContent, 'keyMoves' | 'doneWell' | 'practiceActivity' | 'actionSteps'>;
}) {
  return (
    <dl className={styles.parts}>
      {PARTS.map(([key, label]) => {
        const value = content[key as 'keyMoves'];
        return value ? (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ) : null;
      })}
    </dl>
  );
}
