/**
 * Closing an account. The person's row stays, because partnerships, meetings
 * and the update log point at it on both databases, but everything personal in
 * it goes: the name becomes "Former partner", the email a unique tombstone (so
 * the address can sign up again), the password unusable. Their sessions, emailed
 * links and invitations are deleted and each of their partnerships is closed: the other
 * partner keeps reading and editing the notes they share, and no new meeting
 * can be started in it. They leave every school they belonged to (a school they
 * led alone passes to its longest-standing coach, else member, or goes with its
 * last member), and their partnerships stop counting in any school's figures.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { FORMER_PARTNER_NAME } from '../../../shared/api.js';
import { errors } from '../../errors.js';
import type { Database } from '../../storage/schema.js';
import type { DomainEvents } from '../events.js';
import { removeFromSchools } from '../schools/schoolLinks.js';
import { verifyPassword } from './passwords.js';

/** What closing an account needs; a `Services` object fits. */
export interface AccountClosureDeps {
  db: Kysely<Database>;
  events: DomainEvents;
  now?: () => Date;
}

/** Not a valid `scrypt$…` string, so `verifyPassword` refuses every password against it. */
const UNUSABLE_PASSWORD_HASH = 'closed';

/** An address no one can own (`.invalid` is reserved), unique so the unique index holds. */
const tombstoneEmail = () => `closed-${randomUUID()}@account.invalid`;

const wrongPassword = () =>
  errors.validation(
    { password: 'That is not your password' },
    'Your account is still here: the password did not match.',
  );

/**
 * Closes `userId`'s account once `password` is confirmed. Resolves with the
 * partnerships it closed. A wrong password is a `validation_failed` naming the field.
 */
export async function closeAccount(
  deps: AccountClosureDeps,
  userId: string,
  password: string,
): Promise<{ closedPartnershipIds: string[] }> {
  const user = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'deleted_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.deleted_at !== null) throw errors.unauthenticated();
  if (!(await verifyPassword(password, user.password_hash))) throw wrongPassword();
  return closeConfirmedAccount(deps, userId);
}

/**
 * Closes `userId`'s account, its owner already proven (their password, or a link sent to their address:
 * `closureLinks.ts`). Resolves with the partnerships it closed.
 */
export async function closeConfirmedAccount(
  deps: AccountClosureDeps,
  userId: string,
): Promise<{ closedPartnershipIds: string[] }> {
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const { partnershipIds, sessionIds } = await deps.db.transaction().execute(async (trx) => {
    const mine = await trx
      .selectFrom('partnerships')
      .select('id')
      .where((eb) => eb.or([eb('coach_id', '=', userId), eb('teacher_id', '=', userId)]))
      .execute();
    await trx
      .updateTable('partnerships')
      .set({ closed_at: now })
      .where((eb) => eb.or([eb('coach_id', '=', userId), eb('teacher_id', '=', userId)]))
      .where('closed_at', 'is', null)
      .execute();
    const sessions = await trx.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    // A closed account cannot be signed into with a school account either, and its address is free again.
    await trx.deleteFrom('account_identities').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_link_requests').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
    // No calendar feed, reminder or reminder setting outlives the account.
    await trx.deleteFrom('calendar_links').where('user_id', '=', userId).execute();
    await trx.deleteFrom('reminders').where('user_id', '=', userId).execute();
    await trx.deleteFrom('reminder_settings').where('user_id', '=', userId).execute();
    await trx
      .deleteFrom('invites')
      .where((eb) => eb.or([eb('inviter_id', '=', userId), eb('accepted_by', '=', userId)]))
      .execute();
    // Out of every school, and no partnership of theirs counted in a school's figures any more.
    await removeFromSchools(trx, userId);
    await trx
      .updateTable('users')
      .set({
        name: FORMER_PARTNER_NAME,
        email: tombstoneEmail(),
        password_hash: UNUSABLE_PASSWORD_HASH,
        deleted_at: now,
      })
      .where('id', '=', userId)
      .execute();
    return { partnershipIds: mine.map((p) => p.id), sessionIds: sessions.map((r) => r.id) };
  });

  for (const sessionId of sessionIds) deps.events.emit('sessionEnded', { userId, sessionId });
  deps.events.emit('accountClosed', { userId, partnershipIds });
  return { closedPartnershipIds: partnershipIds };
}
