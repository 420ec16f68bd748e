/**
 * Invitations: one person invites another to form a partnership, naming their
 * own role in it. The token is a bearer secret sent as a link, so only its
 * hash is stored; it works once and expires.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Person, Role } from '../../../shared/api.js';
import { LIMITS } from '../../../shared/limits.js';
import { errors, invariant } from '../../errors.js';
import type { Database, InviteRow } from '../../storage/schema.js';
import type { DomainEvents } from '../events.js';
import type { Quotas } from './quotas.js';
import { findPartnershipFor, type PartnershipRecord } from './partnerships.js';

export interface CreatedInvite {
  /** The secret for the link; never stored. */
  token: string;
  expiresAt: string;
}

/** What someone holding the link may know before accepting. */
export interface InviteSummary {
  inviter: Person;
  inviterRole: Role;
  expiresAt: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const inviteErrors = {
  notFound: () => errors.notFound('That invitation'),
  used: () => errors.gone('invite_used', 'This invitation has already been used. Ask for a new link if you need one.'),
  expired: () => errors.gone('invite_expired', 'This invitation has expired. Ask for a new link.'),
  own: () =>
    errors.conflict(
      'own_invite',
      'This is your own invitation. Send the link to the person you would like to work with.',
    ),
};

export class Invites {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: DomainEvents,
    private readonly now: () => Date = () => new Date(),
    private readonly quotas: Quotas | null = null,
  ) {}

  async create(inviterId: string, inviterRole: Role): Promise<CreatedInvite> {
    await this.quotas?.requireInviteRoom(inviterId);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + LIMITS.inviteLifetimeMs).toISOString();
    await this.db
      .insertInto('invites')
      .values({
        id: hashToken(token),
        inviter_id: inviterId,
        inviter_role: inviterRole,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        accepted_at: null,
        accepted_by: null,
        partnership_id: null,
      })
      .execute();
    return { token, expiresAt };
  }

  /** Who invited, as what. `not_found` for an unknown token; 410 once used or expired. */
  async describe(token: string): Promise<InviteSummary> {
    const row = await this.db
      .selectFrom('invites')
      .innerJoin('users', 'users.id', 'invites.inviter_id')
      .selectAll('invites')
      .select(['users.name as inviter_name'])
      .where('invites.id', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) throw inviteErrors.notFound();
    this.assertOpen(row);
    return {
      inviter: { id: row.inviter_id, name: row.inviter_name },
      inviterRole: row.inviter_role,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Accepts an invitation: the accepter takes the other role. If the two are
   * already partners in those roles, that partnership is returned rather than
   * a duplicate (a link sent twice should not split their meetings in two).
   */
  async accept(userId: string, token: string): Promise<PartnershipRecord> {
    const id = hashToken(token);
    const { partnershipId, created, inviterId } = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw inviteErrors.notFound();
      this.assertOpen(row);
      if (row.inviter_id === userId) throw inviteErrors.own();

      const coachId = row.inviter_role === 'coach' ? row.inviter_id : userId;
      const teacherId = row.inviter_role === 'coach' ? userId : row.inviter_id;
      const existing = await trx
        .selectFrom('partnerships')
        .select('id')
        .where('coach_id', '=', coachId)
        .where('teacher_id', '=', teacherId)
        .executeTakeFirst();
      const now = this.now().toISOString();
      const partnershipId = existing?.id ?? randomUUID();
      if (!existing) {
        await trx
          .insertInto('partnerships')
          .values({ id: partnershipId, coach_id: coachId, teacher_id: teacherId, created_at: now })
          .execute();
      }
      // The `accepted_at is null` guard makes two simultaneous accepts safe: the
      // second updates nothing and its transaction (and partnership) rolls back.
      const claimed = await trx
        .updateTable('invites')
        .set({ accepted_at: now, accepted_by: userId, partnership_id: partnershipId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw inviteErrors.used();
      return { partnershipId, created: !existing, inviterId: row.inviter_id };
    });

    if (created) this.events.emit('partnershipCreated', { partnershipId, userIds: [inviterId, userId] });
    const record = await findPartnershipFor(this.db, userId, partnershipId);
    invariant(record, 'an accepted invitation names a partnership of the accepter');
    return record;
  }

  private assertOpen(row: Pick<InviteRow, 'accepted_at' | 'expires_at'>): void {
    if (row.accepted_at !== null) throw inviteErrors.used();
    if (row.expires_at <= this.now().toISOString()) throw inviteErrors.expired();
  }
}
