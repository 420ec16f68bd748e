/**
 * Changing what a person goes by and signs in with: their name (partners are
 * told at once) and their password (confirmed with the current one; every
 * other session ends, the one that made the change stays).
 */
import type { Kysely } from 'kysely';
import type { User } from '../../../shared/api.js';
import { errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import type { DomainEvents } from '../events.js';
import { presentUser, type Accounts } from './accounts.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** The current password given to confirm a change does not match. */
export const wrongCurrentPassword = (field: string) =>
  errors.validation(
    { [field]: 'That is not your current password' },
    'Nothing was changed: the password did not match.',
  );

/** The open account's row, or a 401 (closed since the session was read). */
export async function openAccount(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'password_hash'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw errors.unauthenticated();
  return row;
}

export class AccountSettings {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: DomainEvents,
    private readonly accounts: Accounts,
  ) {}

  async changeName(userId: string, name: string): Promise<User> {
    const row = await openAccount(this.db, userId);
    if (row.name === name) return presentUser(row);
    await this.db.updateTable('users').set({ name }).where('id', '=', userId).execute();
    const partnerships = await this.db
      .selectFrom('partnerships')
      .select('id')
      .where((eb) => eb.or([eb('coach_id', '=', userId), eb('teacher_id', '=', userId)]))
      .execute();
    this.events.emit('nameChanged', { userId, name, partnershipIds: partnerships.map((p) => p.id) });
    return presentUser({ ...row, name });
  }

  /** `keepSessionId`: the session making the change, which stays signed in. */
  async changePassword(userId: string, keepSessionId: string, current: string, next: string): Promise<void> {
    const row = await openAccount(this.db, userId);
    if (!(await verifyPassword(current, row.password_hash))) throw wrongCurrentPassword('currentPassword');
    await this.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(next) })
      .where('id', '=', userId)
      .execute();
    await this.accounts.endSessionsOf(userId, keepSessionId);
  }
}
