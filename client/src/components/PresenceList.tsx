/** Who is in the meeting now, with their role in this partnership. */
import type { PresentPerson } from '../../../shared/events.js';
import { ROLE_COLOURS } from '../editor/cursorColors.js';
import { roleName } from '../format.js';

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
