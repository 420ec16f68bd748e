/** Typed calls for the coaching cycle (see shared/cycle.ts, shared/coaching.ts, shared/home.ts). */
import {
  type AddPracticeRequest,
  type Approach,
  type MeetingCoaching,
  type MeetingCoachingResponse,
  type PeersCriterion,
  type ReviewOutcome,
} from '../../../shared/coaching.js';
import { type Cycle, type CycleStatus, type GoalStatus, type UpdateCycleRequest } from '../../../shared/cycle.js';
import { type PartnershipSummary, type TimelineResponse } from '../../../shared/home.js';
import { API } from '../../../shared/contract/index.js';
import { call } from './call.js';

export const fetchMeetingCoaching = (id: string): Promise<MeetingCoachingResponse> =>
  call(API.meetingCoaching, { params: { id } });

export const setApproach = async (id: string, approach: Approach): Promise<MeetingCoaching> =>
  (await call(API.setApproach, { params: { id }, body: { approach } })).coaching;
export const setReview = async (id: string, outcome: ReviewOutcome): Promise<MeetingCoaching> =>
  (await call(API.setReview, { params: { id }, body: { outcome } })).coaching;
export const setStepDue = async (id: string, dueOn: string | null): Promise<MeetingCoaching> =>
  (await call(API.setStepDue, { params: { id }, body: { dueOn } })).coaching;
export const setPeers = async (id: string, criterion: PeersCriterion, checked: boolean): Promise<MeetingCoaching> =>
  (await call(API.setPeers, { params: { id }, body: { criterion, checked } })).coaching;
export const addPractice = async (id: string, entry: AddPracticeRequest): Promise<MeetingCoaching> =>
  (await call(API.addPractice, { params: { id }, body: entry })).coaching;
export const setReflection = async (id: string, entryId: string, reflection: string): Promise<MeetingCoaching> =>
  (await call(API.setReflection, { params: { id, entryId }, body: { reflection } })).coaching;
export const agreeToStep = async (id: string, hash: string): Promise<MeetingCoaching> =>
  (await call(API.agree, { params: { id }, body: { hash } })).coaching;

export const updateCycle = async (id: string, patch: UpdateCycleRequest): Promise<Cycle> =>
  (await call(API.updateCycle, { params: { id }, body: patch })).cycle;
export const setGoalStatus = async (id: string, status: GoalStatus): Promise<Cycle> =>
  (await call(API.setGoalStatus, { params: { id }, body: { status } })).cycle;
export const setCycleStatus = async (id: string, status: CycleStatus): Promise<Cycle> =>
  (await call(API.setCycleStatus, { params: { id }, body: { status } })).cycle;

export const fetchHome = async (): Promise<PartnershipSummary[]> => (await call(API.home)).partnerships;

export const fetchTimeline = (id: string): Promise<TimelineResponse> => call(API.timeline, { params: { id } });
