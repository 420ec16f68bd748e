/**
 * Who is in the meeting now, with their role in this partnership: a list in
 * the side column on a wide screen, a row of initials on a phone or tablet.
 */
import type { Role } from '../../../shared/api.js';
import type { PresentPerson } from '../../../shared/events.js';
import { ROLE_COLOURS } from '../editor/cursorColors.js';
import { roleName } from '../format.js';
import styles from './PresenceBar.module.css';

export function PresenceList({
  people,
  myId,
  offline,
}: {
  people: PresentPerson[] | null;
  myId: string;
  offline: boolean;
}) {
  return (
    <div className="presence">
      <h2 className="presence-title" id="presence-title">
        Here now
      </h2>
      {offline ? (
        <p className="presence-empty">Not known while you are offline</p>
      ) : people === null ? (
        <p className="presence-empty">Checking who is here…</p>
      ) : (
        <ul className="presence-list" aria-labelledby="presence-title" data-testid="presence">
          {people.map((person) => (
            <li key={person.userId} className="presence-person">
              <span className="presence-dot" style={{ background: ROLE_COLOURS[person.role] }} aria-hidden="true" />
              <span className="presence-text">
                <span className="presence-name">{person.name}</span>{' '}
                <span className="presence-role">
                  {roleName(person.role)}
                  {person.userId === myId ? ' (you)' : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "PS" for Priya Shah: the first letters of the first and last words of a name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = Array.from(words[0] ?? '?')[0] ?? '?';
  const last = words.length > 1 ? (Array.from(words[words.length - 1] ?? '')[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

function Avatar({ name, role, away = false }: { name: string; role: Role; away?: boolean }) {
  const colour = ROLE_COLOURS[role];
  return (
    <span
      className={`${styles.avatar}${away ? ` ${styles.away}` : ''}`}
      style={away ? { borderColor: colour, color: colour } : { background: colour, borderColor: colour }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}

/**
 * The compact form: a round badge of initials per person here, in their role's
 * colour, named in full for screen readers and on hover; and, in words, whether
 * the partner is here (an absent partner's badge is also hollow and dashed, so
 * it does not rest on colour).
 */
export function PresenceBar({
  people,
  myId,
  offline,
  partner,
}: {
  people: PresentPerson[] | null;
  myId: string;
  offline: boolean;
  partner: { id: string; name: string; role: Role };
}) {
  const describe = (person: { userId: string; name: string; role: Role }) =>
    `${person.name}, ${roleName(person.role).toLowerCase()}${person.userId === myId ? ' (you)' : ''}`;
  const partnerHere = people?.some((p) => p.userId === partner.id) ?? false;
  const partnerName = firstName(partner.name);
  return (
    <div className={styles.bar}>
      <h2 className="visually-hidden" id="presence-title">
        Here now
      </h2>
      {offline ? (
        <p className={styles.state}>Who’s here isn’t known while you’re offline</p>
      ) : people === null ? (
        <p className={styles.state}>Checking who’s here…</p>
      ) : (
        <>
          <ul className={styles.people} aria-labelledby="presence-title" data-testid="presence">
            {people.map((person) => (
              <li key={person.userId} className={styles.person} title={describe(person)}>
                <Avatar name={person.name} role={person.role} />
                <span className="visually-hidden">{describe(person)}</span>
              </li>
            ))}
          </ul>
          {!partnerHere && (
            <span className={styles.person} title={`${partner.name} isn’t here`}>
              <Avatar name={partner.name} role={partner.role} away />
            </span>
          )}
          <p className={styles.state} data-testid="partner-presence">
            {partnerHere ? `${partnerName} is here` : `${partnerName} isn’t here`}
          </p>
        </>
      )}
    </div>
  );
}
