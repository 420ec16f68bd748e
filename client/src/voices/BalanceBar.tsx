/** A small bar showing how much of a section's current text each partner wrote. */
import type { Role } from '../../../shared/api.js';
import { ROLE_COLOURS } from '../editor/cursorColors.js';

export function BalanceBar({ shares, names }: { shares: Record<Role, number>; names: Record<Role, string> }) {
  const total = shares.coach + shares.teacher;
  if (total === 0) return null;
  const coach = Math.round((shares.coach / total) * 100);
  const teacher = 100 - coach;
  const label = `Written by ${names.coach} (coach) ${coach}%, ${names.teacher} (teacher) ${teacher}%`;
  return (
    <div className="balance" role="img" aria-label={label} title={label}>
      <span className="balance-part" style={{ width: `${coach}%`, background: ROLE_COLOURS.coach }} />
      <span className="balance-part" style={{ width: `${teacher}%`, background: ROLE_COLOURS.teacher }} />
    </div>
  );
}
