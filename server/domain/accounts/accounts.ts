/**
 * Accounts and sessions: sign up, sign in, sign out, and who a session token
 * belongs to. Sessions live in the database; only a hash of the token is stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LoginRequest, SignupRequest, User } from '../../../shared/api.js';
import { LIMITS } from '../../../shared/limits.js';
import { newSessionToken } from '../../auth/sessionCookie.js';
import { errors } from '../../errors.js';
import type { Database, UserRow } from '../../storage/schema.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';

export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: Date;
}

export function presentUser(row: Pick<UserRow, 'id' | 'name' | 'email'>): User {
  return { id: row.id, name: row.name, email: row.email };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class Accounts {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signup(input: SignupRequest): Promise<SessionGrant> {
    const existing = await this.db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
    if (existing) throw errors.conflict('email_taken', 'An account with that email already exists. Try signing in.');
    const row: UserRow = {
      id: randomUUID(),
      name: input.name,
      email: input.email,
      password_hash: await hashPassword(input.password),
      created_at: this.now().toISOString(),
      deleted_at: null,
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (err) {
      // Two sign-ups with one email at once: the unique index decides.
      const again = await this.db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
      if (again) throw errors.conflict('email_taken', 'An account with that email already exists. Try signing in.');
      throw err;
    }
    return this.startSession(row);
  }

  async login(input: LoginRequest): Promise<SessionGrant> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
    if (!row) {
      await verifyPassword(input.password, await DUMMY_HASH_PROMISE);
      throw errors.invalidCredentials();
    }
    if (!(await verifyPassword(input.password, row.password_hash))) throw errors.invalidCredentials();
    return this.startSession(row);
  }

  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  }

  /** The signed-in user for a session token, or null when unknown or expired. */
  async userForToken(token: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.email', 'sessions.expires_at'])
      .where('sessions.id', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.now().toISOString()) return null;
    return presentUser(row);
  }

  private async startSession(user: UserRow): Promise<SessionGrant> {
    const token = newSessionToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + LIMITS.sessionLifetimeMs);
    await this.db
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { user: presentUser(user), token, expiresAt };
  }
}
