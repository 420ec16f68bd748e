/**
 * What partners agree to: the action step's text and its "check back on" date,
 * normalised and hashed the same way in the browser and on the server. An
 * agreement names this hash, so any later change to the words or the date
 * makes it stale.
 */
import { sha256Hex } from './sha256.js';

/** Trims each line, collapses runs of spaces, drops blank lines at either end (NFC). */
export function normaliseStepText(text: string): string {
  const lines = text
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

/** The hash of a step: its normalised text and its due date (or none). */
export function stepHash(text: string, dueOn: string | null): string {
  return sha256Hex(`${normaliseStepText(text)}\n\u0000due:${dueOn ?? ''}`);
}

/** A calendar date, `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date in `YYYY-MM-DD` form. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
