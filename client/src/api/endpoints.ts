/** Typed calls to the Tandem HTTP API (see shared/api.ts and issue 2). */
import {
  CreateInviteResponseSchema,
  InviteInfoSchema,
  MeetingListResponseSchema,
  MeetingResponseSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
  UserResponseSchema,
  type CreateInviteResponse,
  type InviteInfo,
  type LoginRequest,
  type Meeting,
  type Partnership,
  type Role,
  type SignupRequest,
  type User,
} from '../../../shared/api.js';
import { request, requestNoContent } from './http.js';

const id = (value: string) => encodeURIComponent(value);

export async function signUp(body: SignupRequest): Promise<User> {
  return (await request('POST', '/api/auth/signup', UserResponseSchema, body)).user;
}

export async function signIn(body: LoginRequest): Promise<User> {
  return (await request('POST', '/api/auth/login', UserResponseSchema, body)).user;
}

export function signOut(): Promise<void> {
  return requestNoContent('POST', '/api/auth/logout');
}

/** Where the browser downloads the export archive from (a plain link: the response is a file). */
export const EXPORT_URL = '/api/me/export';

/** Closes the account for good; the password confirms it. */
export function deleteAccount(password: string): Promise<void> {
  return requestNoContent('DELETE', '/api/me', { password });
}

export async function fetchMe(): Promise<User> {
  return (await request('GET', '/api/me', UserResponseSchema)).user;
}

export function createInvite(role: Role): Promise<CreateInviteResponse> {
  return request('POST', '/api/invites', CreateInviteResponseSchema, { role });
}

export async function fetchInvite(token: string): Promise<InviteInfo['invite']> {
  return (await request('GET', `/api/invites/${id(token)}`, InviteInfoSchema)).invite;
}

export async function acceptInvite(token: string): Promise<Partnership> {
  return (await request('POST', `/api/invites/${id(token)}/accept`, PartnershipResponseSchema)).partnership;
}

export async function fetchPartnerships(): Promise<Partnership[]> {
  return (await request('GET', '/api/partnerships', PartnershipListResponseSchema)).partnerships;
}

export async function fetchPartnership(partnershipId: string): Promise<Partnership> {
  return (await request('GET', `/api/partnerships/${id(partnershipId)}`, PartnershipResponseSchema)).partnership;
}

export async function fetchMeetings(partnershipId: string): Promise<Meeting[]> {
  return (await request('GET', `/api/partnerships/${id(partnershipId)}/meetings`, MeetingListResponseSchema)).meetings;
}

export async function createMeeting(partnershipId: string, title?: string): Promise<Meeting> {
  const body = title === undefined || title.trim() === '' ? {} : { title: title.trim() };
  return (await request('POST', `/api/partnerships/${id(partnershipId)}/meetings`, MeetingResponseSchema, body))
    .meeting;
}

/** Marks a meeting as finished; the notes stay open to both partners. */
export async function endMeeting(meetingId: string): Promise<Meeting> {
  return (await request('POST', `/api/meetings/${id(meetingId)}/end`, MeetingResponseSchema)).meeting;
}

export async function fetchMeeting(meetingId: string): Promise<Meeting> {
  return (await request('GET', `/api/meetings/${id(meetingId)}`, MeetingResponseSchema)).meeting;
}
