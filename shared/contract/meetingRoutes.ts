/** Contracts of the routes about partnerships, their meetings and the home page. */
import {
  CreateMeetingRequestSchema,
  MeetingListResponseSchema,
  MeetingResponseSchema,
  PartnershipListResponseSchema,
  PartnershipResponseSchema,
} from '../api.js';
import { AuthorsResponseSchema } from '../authorshipSchemas.js';
import { HomeResponseSchema, TimelineResponseSchema } from '../home.js';
import { IdParams, route } from './define.js';

const hidden = 'Not found, or not one of your partnerships.';

export const MEETING_ROUTES = {
  home: route({
    method: 'GET',
    path: '/api/home',
    summary: 'Every partnership with its active cycle, goal, current step (agreed or not), last meeting and warnings',
    auth: 'session',
    success: { status: 200, description: 'One summary per partnership', schema: HomeResponseSchema },
  }),
  partnerships: route({
    method: 'GET',
    path: '/api/partnerships',
    summary: 'Your partnerships, with both people and your role',
    auth: 'session',
    success: { status: 200, description: 'Newest first', schema: PartnershipListResponseSchema },
  }),
  partnership: route({
    method: 'GET',
    path: '/api/partnerships/:id',
    summary: 'One of your partnerships',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The partnership', schema: PartnershipResponseSchema },
    errors: { 404: hidden },
  }),
  timeline: route({
    method: 'GET',
    path: '/api/partnerships/:id/timeline',
    summary: "A partnership's cycles and its meetings (newest first), each with its action step",
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The timeline', schema: TimelineResponseSchema },
    errors: { 404: hidden },
  }),
  startMeeting: route({
    method: 'POST',
    path: '/api/partnerships/:id/meetings',
    summary: 'Start a meeting',
    auth: 'session',
    params: IdParams,
    body: CreateMeetingRequestSchema,
    success: { status: 201, description: 'The meeting', schema: MeetingResponseSchema },
    errors: {
      400: 'Invalid input; `fields` names each problem.',
      404: hidden,
      409:
        '`partnership_closed`: the partnership is closed (your partner closed their account); `storage_full`: ' +
        "the partnership's stored notes reached `LIMITS.maxStoredBytesPerPartnership`.",
      429: '`too_many_meetings`: the partnership started `LIMITS.meetingsPerPartnershipPerDay` meetings in 24 hours.',
    },
  }),
  meetings: route({
    method: 'GET',
    path: '/api/partnerships/:id/meetings',
    summary: "A partnership's meetings",
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'Newest first', schema: MeetingListResponseSchema },
    errors: { 404: hidden },
  }),
  meeting: route({
    method: 'GET',
    path: '/api/meetings/:id',
    summary: 'One meeting',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The meeting', schema: MeetingResponseSchema },
    errors: { 404: hidden },
  }),
  endMeeting: route({
    method: 'POST',
    path: '/api/meetings/:id/end',
    summary: 'End a meeting (either partner; ending twice is harmless)',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The ended meeting', schema: MeetingResponseSchema },
    errors: { 404: hidden },
  }),
  authors: route({
    method: 'GET',
    path: '/api/meetings/:id/authors',
    summary: "Who owns each Yjs client id in the meeting's notes, as attested by the server",
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'Attested authors', schema: AuthorsResponseSchema },
    errors: { 404: hidden },
  }),
} as const;
