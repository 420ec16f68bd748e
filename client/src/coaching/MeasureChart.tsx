/**
 * The measure over the cycle, drawn small: the baseline (dashed) and target
 * (dotted) as labelled lines, every recorded value as a point on a solid line,
 * the meetings as numbered ticks along the bottom. The words are never only in
 * the drawing: a sentence sums it up (and names the drawing for screen
 * readers) and every number is in a table behind "The numbers".
 * Arithmetic and words: shared/measureChart.ts.
 */
import { useId } from 'react';
import type { MeasureMeeting, MeasureValue } from '../../../shared/measure.js';
import { dayLabel, layoutChart, measureSummary, numberLabel } from '../../../shared/measureChart.js';
import styles from './MeasureChart.module.css';

interface Props {
  baseline: number | null;
  target: number | null;
  values: readonly MeasureValue[];
  meetings: readonly MeasureMeeting[];
  /** Open the table of numbers from the start (the printed record). */
  tableOpen?: boolean;
}

/** Line labels on the right, pushed apart when two lines nearly meet. */
function rightLabels(lines: { y: number; text: string; key: string }[]): { y: number; text: string; key: string }[] {
  const sorted = lines.toSorted((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) {
    const above = sorted[i - 1]!;
    const here = sorted[i]!;
    if (here.y - above.y < 13) here.y = above.y + 13;
  }
  return sorted;
}

export function MeasureChart({ baseline, target, values, meetings, tableOpen = false }: Props) {
  const summaryId = useId();
  const layout = layoutChart({ baseline, target, values, meetings });
  const { box, plot, points } = layout;
  const summary = measureSummary({ baseline, target, values });
  const last = points.at(-1);
  const labels = rightLabels([
    ...(layout.targetY === null || target === null
      ? []
      : [{ key: 'target', y: layout.targetY, text: `Target ${numberLabel(target)}` }]),
    ...(layout.baselineY === null || baseline === null
      ? []
      : [{ key: 'baseline', y: layout.baselineY, text: `Baseline ${numberLabel(baseline)}` }]),
  ]);
  const withYear = layout.from.slice(0, 4) !== layout.to.slice(0, 4);
  const drawn = values.length > 0 || baseline !== null || target !== null;

  return (
    <figure className={styles.figure} data-testid="measure-chart">
      {drawn && (
        <svg
          className={styles.chart}
          viewBox={`0 0 ${box.width} ${box.height}`}
          role="img"
          aria-labelledby={summaryId}
          preserveAspectRatio="xMidYMid meet"
        >
          {layout.yTicks.map((t) => (
            <g key={t.value}>
              <line className={styles.grid} x1={plot.x0} x2={plot.x1} y1={t.y} y2={t.y} />
              <text className={styles.axisText} x={plot.x0 - 5} y={t.y + 4} textAnchor="end">
                {numberLabel(t.value)}
              </text>
            </g>
          ))}
          {layout.baselineY !== null && (
            <line className={styles.baseline} x1={plot.x0} x2={plot.x1} y1={layout.baselineY} y2={layout.baselineY} />
          )}
          {layout.targetY !== null && (
            <line className={styles.target} x1={plot.x0} x2={plot.x1} y1={layout.targetY} y2={layout.targetY} />
          )}
          {labels.map((l) => (
            <text key={l.key} className={styles.lineText} x={plot.x1 + 5} y={l.y + 4}>
              {l.text}
            </text>
          ))}
          {layout.meetingTicks.map((m) => (
            <g key={m.number}>
              <line className={styles.tick} x1={m.x} x2={m.x} y1={plot.y1} y2={plot.y1 + 5} />
              <text className={styles.axisText} x={m.x} y={plot.y1 + 16} textAnchor="middle">
                M{m.number}
              </text>
            </g>
          ))}
          <line className={styles.axis} x1={plot.x0} x2={plot.x1} y1={plot.y1} y2={plot.y1} />
          {points.length > 1 && (
            <polyline className={styles.values} points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
          )}
          {points.map((p, i) => (
            <circle key={`${p.measuredOn}-${i}`} className={styles.point} cx={p.x} cy={p.y} r={3.5} />
          ))}
          {last && (
            <text
              className={styles.valueText}
              x={last.x}
              y={last.y - 8}
              textAnchor={last.x > plot.x1 - 10 ? 'end' : 'middle'}
            >
              {numberLabel(last.value)}
            </text>
          )}
          <text className={styles.axisText} x={plot.x0} y={box.height - 2}>
            {dayLabel(layout.from, withYear)}
          </text>
          <text className={styles.axisText} x={plot.x1} y={box.height - 2} textAnchor="end">
            {dayLabel(layout.to, withYear)}
          </text>
        </svg>
      )}
      {drawn && (
        <ul className={styles.legend} aria-hidden="true">
          <li>
            <svg width="22" height="10">
              <line className={styles.values} x1="1" x2="21" y1="5" y2="5" />
              <circle className={styles.point} cx="11" cy="5" r="3.5" />
            </svg>
            values recorded
          </li>
          {baseline !== null && (
            <li>
              <svg width="22" height="10">
                <line className={styles.baseline} x1="0" x2="22" y1="5" y2="5" />
              </svg>
              baseline
            </li>
          )}
          {target !== null && (
            <li>
              <svg width="22" height="10">
                <line className={styles.target} x1="0" x2="22" y1="5" y2="5" />
              </svg>
              target
            </li>
          )}
          {meetings.length > 0 && <li>M1, M2…: meetings</li>}
        </ul>
      )}
      <figcaption id={summaryId} className={styles.summary} data-testid="measure-summary">
        {summary}
      </figcaption>
      {values.length > 0 && (
        <details className={styles.numbers} open={tableOpen}>
          <summary>The numbers</summary>
          <table className={styles.table} data-testid="measure-table">
            <caption className="visually-hidden">Every value recorded, in the order it was counted</caption>
            <thead>
              <tr>
                <th scope="col">Counted on</th>
                <th scope="col">Value</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {baseline !== null && (
                <tr>
                  <th scope="row">Baseline</th>
                  <td>{numberLabel(baseline)}</td>
                  <td />
                </tr>
              )}
              {values.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{dayLabel(v.measuredOn, true)}</th>
                  <td>{numberLabel(v.value)}</td>
                  <td>
                    {v.recordedBy.name}
                    {v.correctedBy && <span className={styles.corrected}> (corrected by {v.correctedBy.name})</span>}
                  </td>
                </tr>
              ))}
              {target !== null && (
                <tr>
                  <th scope="row">Target</th>
                  <td>{numberLabel(target)}</td>
                  <td />
                </tr>
              )}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
