/** The switch that colours the notes by who wrote them, with its legend. */
import type { Role } from '../../../shared/api.js';
import { ROLE_COLOURS } from '../editor/cursorColors.js';
import { canPaintVoices } from './paintVoices.js';

interface Props {
  on: boolean;
  onChange: (on: boolean) => void;
  names: Record<Role, string>;
}

export function VoicesToggle({ on, onChange, names }: Props) {
  if (!canPaintVoices()) return null;
  return (
    <div className="voices">
      <button type="button" className="button" aria-pressed={on} onClick={() => onChange(!on)}>
        {on ? 'Hide who wrote what' : 'Show who wrote what'}
      </button>
      {on && (
        <ul className="voices-legend" aria-label="Colours">
          {(['coach', 'teacher'] as const).map((role) => (
            <li key={role}>
              <span className={`voices-swatch voices-swatch--${role}`} style={{ borderColor: ROLE_COLOURS[role] }} />
              {names[role]} ({role})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
