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
import type { DomainEvents } from '../events.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';

export interface SessionGrant {
  user: User;
  token: string;
  expiresAt: Date;
}

/** A live session: whose it is, its id (the token's hash, what sockets remember), and when it now expires. */
export interface LiveSession {
  user: User;
  sessionId: string;
  expiresAt: Date;
  /** True when this use moved the expiry forward (the cookie should be sent again). */
  refreshed: boolean;
}

export function presentUser(row: Pick<UserRow, 'id' | 'name' | 'email'>): User {
  return { id: row.id, name: row.name, email: row.email };
}

/** The session id for a token: its SHA-256, so the database never holds a usable token. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class Accounts {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: DomainEvents,
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

  /** Ends the session (its live sockets close with it); unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    const id = sessionIdOf(token);
    const row = await this.db.selectFrom('sessions').select('user_id').where('id', '=', id).executeTakeFirst();
    if (!row) return;
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
    this.events.emit('sessionEnded', { userId: row.user_id, sessionId: id });
  }

  /**
   * Ends every session of a person but `keep` (a password change keeps the session that made it);
   * each one's live sockets close with it.
   */
  async endSessionsOf(userId: string, keep: string | null = null): Promise<void> {
    const rows = await this.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
    const ended = rows.map((r) => r.id).filter((id) => id !== keep);
    if (ended.length === 0) return;
    await this.db.deleteFrom('sessions').where('id', 'in', ended).execute();
    for (const sessionId of ended) this.events.emit('sessionEnded', { userId, sessionId });
  }

  /** The signed-in user for a session token, or null when unknown or expired. */
  async userForToken(token: string): Promise<User | null> {
    return (await this.sessionForToken(token))?.user ?? null;
  }

  /**
   * The live session a token names, or null when unknown or expired. Using a session keeps it alive
   * (`LIMITS.sessionLifetimeMs` unused): its expiry moves forward, written at most once per
   * `LIMITS.sessionRefreshIntervalMs` so that requests do not each cost a write.
   */
  async sessionForToken(token: string): Promise<LiveSession | null> {
    const sessionId = sessionIdOf(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.email', 'sessions.expires_at'])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    const now = this.now();
    if (!row || row.expires_at <= now.toISOString()) return null;
    const expiresAt = new Date(row.expires_at);
    const lastUse = expiresAt.getTime() - LIMITS.sessionLifetimeMs;
    if (now.getTime() - lastUse < LIMITS.sessionRefreshIntervalMs) {
      return { user: presentUser(row), sessionId, expiresAt, refreshed: false };
    }
    const next = new Date(now.getTime() + LIMITS.sessionLifetimeMs);
    await this.db.updateTable('sessions').set({ expires_at: next.toISOString() }).where('id', '=', sessionId).execute();
    return { user: presentUser(row), sessionId, expiresAt: next, refreshed: true };
  }

  /** Deletes sessions unused for `LIMITS.sessionLifetimeMs`, ending their live sockets. Resolves with how many. */
  async pruneExpired(): Promise<number> {
    const now = this.now().toISOString();
    const expired = await this.db
      .selectFrom('sessions')
      .select(['id', 'user_id'])
      .where('expires_at', '<=', now)
      .limit(1000)
      .execute();
    if (expired.length === 0) return 0;
    await this.db
      .deleteFrom('sessions')
      .where(
        'id',
        'in',
        expired.map((r) => r.id),
      )
      .where('expires_at', '<=', now)
      .execute();
    for (const row of expired) this.events.emit('sessionEnded', { userId: row.user_id, sessionId: row.id });
    return expired.length;
  }

  /**
   * Prunes expired sessions now and then every `LIMITS.sessionPruneIntervalMs` (an unref'd timer, so it never
   * keeps the process alive). Returns a function that stops it.
   */
  startPruning(onError: (err: unknown) => void): () => Promise<void> {
    let running: Promise<unknown> = Promise.resolve();
    const run = () => {
      running = this.pruneExpired().catch(onError);
    };
    run();
    const timer = setInterval(run, LIMITS.sessionPruneIntervalMs).unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  }

  /** A new session for `user` (after a password, or a provider's sign-in, proved who they are). */
  async startSession(user: Pick<UserRow, 'id' | 'name' | 'email'>): Promise<SessionGrant> {
    const token = newSessionToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + LIMITS.sessionLifetimeMs);
    await this.db
      .insertInto('sessions')
      .values({
        id: sessionIdOf(token),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    return { user: presentUser(user), token, expiresAt };
  }
}
