/** The programme's figures, worded: a count, or "fewer than 5" where too few partnerships stand behind it. */
import type { Figure, Figures } from '../../../shared/schools.js';
import styles from './schools.module.css';

export function FigureValue({ figure, unit = '' }: { figure: Figure | null; unit?: string }) {
  if (figure === null) return <span className={styles.fewer}>not counted</span>;
  if (!figure.shown) return <span className={styles.fewer}>fewer than {figure.fewerThan}</span>;
  return (
    <>
      {figure.value}
      {unit}
    </>
  );
}

/** Each figure's label, in the order they are shown. */
export const FIGURE_LABELS: [keyof Figures, string, string][] = [
  ['partnerships', 'Partnerships counted', ''],
  ['meetings', 'Meetings held', ''],
  ['meetingsPerFortnight', 'Meetings per partnership per fortnight', ''],
  ['stepsAgreedPercent', 'Action steps agreed by both partners', '%'],
  ['stepsPractisedPercent', 'Action steps practised (a rehearsal logged)', '%'],
  ['stepsLookedBackPercent', 'Action steps looked back on next time', '%'],
  ['rehearsals', 'Rehearsals logged', ''],
  ['rehearsalsPerCycle', 'Rehearsals per cycle', ''],
  ['cyclesMet', 'Cycles ending with the goal met', ''],
  ['cyclesSetAside', 'Cycles set aside', ''],
  ['modelsUsed', 'Models used', ''],
];

export function FigureGrid({ figures, testId }: { figures: Figures; testId?: string }) {
  return (
    <dl className={styles.figures} data-testid={testId}>
      {FIGURE_LABELS.map(([key, label, unit]) => (
        <div key={key} className={styles.figure}>
          <dt>{label}</dt>
          <dd>
            <FigureValue figure={figures[key]} unit={unit} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The figures of several groups (problems or weeks) as one table, a row each. */
export function FigureTable({
  caption,
  groupLabel,
  rows,
}: {
  caption: string;
  groupLabel: string;
  rows: { key: string; label: string; figures: Figures }[];
}) {
  const columns: [keyof Figures, string, string][] = [
    ['partnerships', 'Partnerships', ''],
    ['meetings', 'Meetings', ''],
    ['stepsAgreedPercent', 'Steps agreed', '%'],
    ['stepsPractisedPercent', 'Practised', '%'],
    ['stepsLookedBackPercent', 'Looked back on', '%'],
    ['rehearsals', 'Rehearsals', ''],
    ['modelsUsed', 'Models used', ''],
  ];
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            {columns.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {columns.map(([key, , unit]) => (
                <td key={key}>
                  <FigureValue figure={row.figures[key]} unit={unit} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
