/**
 * Turning a wall-clock time in a person's time zone into a UTC instant, with
 * nothing but `Intl` (the zone's offset is read at that instant, so summer
 * time is right on both sides of a change).
 */

/** Minutes `timeZone` is ahead of UTC at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant it is `hour`:00 on `day` (`YYYY-MM-DD`) in `timeZone`. */
export function wallClockToUtc(day: string, hour: number, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d, hour);
  const first = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  // Near a change of offset, the offset at the first guess may differ from the one at the answer.
  return new Date(naive - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
