/**
 * Test data built through the real HTTP API: people, partnerships, meetings.
 * Each fixture carries a signed-in `HttpClient` and its session `cookie`
 * (usable as a `Cookie` header by ws and socket.io clients).
 */
import { randomBytes } from 'node:crypto';
import {
  CreateInviteResponseSchema,
  MeetingResponseSchema,
  PartnershipResponseSchema,
  UserResponseSchema,
  type Meeting,
  type Partnership,
  type Role,
  type SignupRequest,
  type User,
} from '../../shared/api.js';
import { HttpClient, type HttpResponse } from './http.js';
import type { TestServer } from './testServer.js';

export const DEFAULT_PASSWORD = 'a long enough password';

export interface UserFixture {
  client: HttpClient;
  user: User;
  /** `tandem_session=<value>`: send it as the `Cookie` header. */
  cookie: string;
  /** What the user signed up with, to sign in again. */
  email: string;
  password: string;
}

export interface PartnershipFixture {
  coach: UserFixture;
  teacher: UserFixture;
  /** As the partner who accepted the invitation sees it (`myRole` is theirs). */
  partnership: Partnership;
}

export interface MeetingFixture extends PartnershipFixture {
  meeting: Meeting;
}

let sequence = 0;

/** An email no other test will use, even in parallel files. */
export function uniqueEmail(label = 'person'): string {
  sequence += 1;
  return `${label}-${randomBytes(4).toString('hex')}-${sequence}@example.test`;
}

function expectStatus(res: HttpResponse, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Signs a new person up over HTTP; the returned client is signed in. */
export async function buildUser(
  server: Pick<TestServer, 'url'>,
  overrides: Partial<SignupRequest> = {},
): Promise<UserFixture> {
  const client = new HttpClient(() => server.url);
  const details: SignupRequest = {
    name: overrides.name ?? `Person ${sequence + 1}`,
    email: overrides.email ?? uniqueEmail(),
    password: overrides.password ?? DEFAULT_PASSWORD,
  };
  const res = await client.post('/api/auth/signup', details);
  expectStatus(res, 201, 'buildUser signup');
  const { user } = UserResponseSchema.parse(res.body);
  if (!client.cookie) throw new Error('buildUser: signup did not set a session cookie');
  return { client, user, cookie: client.cookie, email: details.email, password: details.password };
}

export interface BuildPartnershipOptions {
  coach?: UserFixture;
  teacher?: UserFixture;
  /** Who makes the invitation; the other accepts it. Defaults to the coach. */
  invitedBy?: Role;
}

/** A coach and a teacher sharing a partnership, made by invitation and acceptance over HTTP. */
export async function buildPartnership(
  server: Pick<TestServer, 'url'>,
  options: BuildPartnershipOptions = {},
): Promise<PartnershipFixture> {
  const coach = options.coach ?? (await buildUser(server, { name: `Coach ${sequence + 1}` }));
  const teacher = options.teacher ?? (await buildUser(server, { name: `Teacher ${sequence + 1}` }));
  const inviterRole = options.invitedBy ?? 'coach';
  const [inviter, accepter] = inviterRole === 'coach' ? [coach, teacher] : [teacher, coach];

  const invite = await inviter.client.post('/api/invites', { role: inviterRole });
  expectStatus(invite, 201, 'buildPartnership invite');
  const { token } = CreateInviteResponseSchema.parse(invite.body);

  const accepted = await accepter.client.post(`/api/invites/${token}/accept`);
  expectStatus(accepted, 201, 'buildPartnership accept');
  const { partnership } = PartnershipResponseSchema.parse(accepted.body);
  return { coach, teacher, partnership };
}

/** A meeting started by the coach in the given (or a new) partnership. */
export async function buildMeeting(
  server: Pick<TestServer, 'url'>,
  fixture?: PartnershipFixture,
  options: { title?: string; startedBy?: Role } = {},
): Promise<MeetingFixture> {
  const partners = fixture ?? (await buildPartnership(server));
  const starter = options.startedBy === 'teacher' ? partners.teacher : partners.coach;
  const body = options.title === undefined ? {} : { title: options.title };
  const res = await starter.client.post(`/api/partnerships/${partners.partnership.id}/meetings`, body);
  expectStatus(res, 201, 'buildMeeting');
  const { meeting } = MeetingResponseSchema.parse(res.body);
  return { ...partners, meeting };
}
