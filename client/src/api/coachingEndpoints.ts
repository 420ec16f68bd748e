/** Typed calls for the coaching cycle (see shared/cycle.ts, shared/coaching.ts, shared/home.ts). */
import {
  CoachingResponseSchema,
  MeetingCoachingResponseSchema,
  type AddPracticeRequest,
  type Approach,
  type MeetingCoaching,
  type MeetingCoachingResponse,
  type PeersCriterion,
  type ReviewOutcome,
} from '../../../shared/coaching.js';
import {
  CycleResponseSchema,
  type Cycle,
  type CycleStatus,
  type GoalStatus,
  type UpdateCycleRequest,
} from '../../../shared/cycle.js';
import {
  HomeResponseSchema,
  TimelineResponseSchema,
  type PartnershipSummary,
  type TimelineResponse,
} from '../../../shared/home.js';
import { request } from './http.js';

const id = (value: string) => encodeURIComponent(value);

export function fetchMeetingCoaching(meetingId: string): Promise<MeetingCoachingResponse> {
  return request('GET', `/api/meetings/${id(meetingId)}/coaching`, MeetingCoachingResponseSchema);
}

async function meetingCommand(meetingId: string, path: string, body: unknown, method: 'PUT' | 'POST' = 'PUT') {
  return (await request(method, `/api/meetings/${id(meetingId)}/${path}`, CoachingResponseSchema, body)).coaching;
}

export const setApproach = (meetingId: string, approach: Approach): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, 'approach', { approach });
export const setReview = (meetingId: string, outcome: ReviewOutcome): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, 'review', { outcome });
export const setStepDue = (meetingId: string, dueOn: string | null): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, 'step-due', { dueOn });
export const setPeers = (meetingId: string, criterion: PeersCriterion, checked: boolean): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, 'peers', { criterion, checked });
export const addPractice = (meetingId: string, entry: AddPracticeRequest): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, 'practice', entry, 'POST');
export const setReflection = (meetingId: string, entryId: string, reflection: string): Promise<MeetingCoaching> =>
  meetingCommand(meetingId, `practice/${id(entryId)}/reflection`, { reflection });

async function cycleCommand(cycleId: string, method: 'PATCH' | 'PUT', path: string, body: unknown): Promise<Cycle> {
  return (await request(method, `/api/cycles/${id(cycleId)}${path}`, CycleResponseSchema, body)).cycle;
}

export const updateCycle = (cycleId: string, patch: UpdateCycleRequest) => cycleCommand(cycleId, 'PATCH', '', patch);
export const setGoalStatus = (cycleId: string, status: GoalStatus) =>
  cycleCommand(cycleId, 'PUT', '/goal-status', { status });
export const setCycleStatus = (cycleId: string, status: CycleStatus) =>
  cycleCommand(cycleId, 'PUT', '/status', { status });

export async function fetchHome(): Promise<PartnershipSummary[]> {
  return (await request('GET', '/api/home', HomeResponseSchema)).partnerships;
}

export function fetchTimeline(partnershipId: string): Promise<TimelineResponse> {
  return request('GET', `/api/partnerships/${id(partnershipId)}/timeline`, TimelineResponseSchema);
}
