/** Typed calls to the accounts, invitations, partnerships and meetings routes (contracts in shared/contract/). */
import type {
  CreateInviteResponse,
  InviteInfo,
  LoginRequest,
  Meeting,
  Partnership,
  Role,
  SignupRequest,
  User,
} from '../../../shared/api.js';
import type { Author } from '../../../shared/authorship.js';
import type { AccountLinkInfo, AuthProviders } from '../../../shared/oidc.js';
import { API } from '../../../shared/contract/index.js';
import { call, pathOf } from './call.js';

export const signUp = async (body: SignupRequest): Promise<User> => (await call(API.signUp, { body })).user;

export const signIn = async (body: LoginRequest): Promise<User> => (await call(API.signIn, { body })).user;

export const signOut = (): Promise<void> => call(API.signOut);

/** Where the browser downloads the export archive from (a plain link: the response is a file). */
export const EXPORT_URL = pathOf(API.exportAll);

/** Closes the account for good; the password confirms it. */
export const deleteAccount = (password: string): Promise<void> => call(API.closeAccount, { body: { password } });

export const fetchMe = async (): Promise<User> => (await call(API.me)).user;

/** With `email`, the server also emails the link to that address. */
export const createInvite = (role: Role, email?: string): Promise<CreateInviteResponse> =>
  call(API.createInvite, { body: email === undefined ? { role } : { role, email } });

export const fetchInvite = async (token: string): Promise<InviteInfo['invite']> =>
  (await call(API.invite, { params: { token } })).invite;

export const acceptInvite = async (token: string): Promise<Partnership> =>
  (await call(API.acceptInvite, { params: { token } })).partnership;

export const fetchPartnerships = async (): Promise<Partnership[]> => (await call(API.partnerships)).partnerships;

export const fetchPartnership = async (id: string): Promise<Partnership> =>
  (await call(API.partnership, { params: { id } })).partnership;

export const fetchMeetings = async (id: string): Promise<Meeting[]> =>
  (await call(API.meetings, { params: { id } })).meetings;

export async function createMeeting(id: string, title?: string): Promise<Meeting> {
  const body = title === undefined || title.trim() === '' ? {} : { title: title.trim() };
  return (await call(API.startMeeting, { params: { id }, body })).meeting;
}

/** Marks a meeting as ended; the notes stay open to both partners. */
export const endMeeting = async (id: string): Promise<Meeting> =>
  (await call(API.endMeeting, { params: { id } })).meeting;

export const fetchMeeting = async (id: string): Promise<Meeting> =>
  (await call(API.meeting, { params: { id } })).meeting;

/** The server-attested owner of each Yjs client id that wrote in a meeting. */
export const fetchAuthors = async (id: string): Promise<Author[]> =>
  (await call(API.authors, { params: { id } })).authors;

/** How people can sign in besides a password (the school's provider, when configured). */
export const fetchAuthProviders = (): Promise<AuthProviders> => call(API.authProviders);

/** Where the "sign in with your school account" link goes (a navigation: the server redirects to the provider). */
export const schoolSignInUrl = (next: string): string => pathOf(API.oidcStart, { query: next === '/' ? {} : { next } });

/** The account this browser's school sign-in would be linked to. */
export const fetchAccountLink = async (): Promise<AccountLinkInfo['link']> => (await call(API.accountLink)).link;

export const linkWithPassword = async (password: string): Promise<User> =>
  (await call(API.linkWithPassword, { body: { password } })).user;

/** Emails the account a single-use link; resolves with the address it went to. */
export const sendLinkEmail = async (): Promise<string> => (await call(API.linkByEmail)).sentTo;

export const confirmLink = async (token: string): Promise<User> =>
  (await call(API.confirmLink, { body: { token } })).user;
