/**
 * The coaching cycle's commands in one place for the transports: cycles,
 * a meeting's coaching facts, agreement to the action step, the practice log
 * and the homes. Each command checks access (404 to outsiders) and its policy.
 */
import type { User } from '../../../shared/api.js';
import type { AddPracticeRequest, Approach, PeersCriterion, ReviewOutcome } from '../../../shared/coaching.js';
import type { CycleStatus, GoalStatus, UpdateCycleRequest } from '../../../shared/cycle.js';
import { agreeToStep } from './agreements.js';
import type { CoachingDeps } from './coachingDeps.js';
import { cycleView, getCycle, listCycles, setCycleStatus, setGoalStatus, updateCycle } from './cycles.js';
import { homeSummaries, timeline } from '../partnerships/homes.js';
import {
  attachMeeting,
  getMeetingCoaching,
  meetingCoachingView,
  setApproach,
  setDueDate,
  setPeers,
  setReview,
} from './meetingCoaching.js';
import { meetingAccess } from '../access.js';
import type { MeetingRecord, Meetings } from '../meetings/meetings.js';
import type { Partnerships } from '../partnerships/partnerships.js';
import { addPractice, setReflection } from './practice.js';
import { correctMeasureValue, listMeasureValues, recordMeasureValue, removeMeasureValue } from './measureValues.js';
import type { CorrectMeasureValueRequest, RecordMeasureValueRequest } from '../../../shared/measure.js';

export class Coaching {
  constructor(
    readonly deps: CoachingDeps,
    private readonly domain: { partnerships: Partnerships; meetings: Meetings },
  ) {}

  /** Starts a meeting in the partnership's active cycle, carrying the previous meeting's step into it. */
  async startMeeting(user: Pick<User, 'id' | 'name'>, partnershipId: string, title?: string): Promise<MeetingRecord> {
    const record = await this.domain.meetings.create(user, partnershipId, title);
    const access = await meetingAccess(this.deps.db, user.id, record.row.id);
    if (access) await attachMeeting(this.deps, record.row, access.partnership, user.id);
    return record;
  }

  listCycles = (userId: string, partnershipId: string) => listCycles(this.deps, userId, partnershipId);
  getCycle = (userId: string, cycleId: string) => getCycle(this.deps, userId, cycleId);
  updateCycle = (userId: string, cycleId: string, patch: UpdateCycleRequest) =>
    updateCycle(this.deps, userId, cycleId, patch);
  setGoalStatus = (userId: string, cycleId: string, status: GoalStatus) =>
    setGoalStatus(this.deps, userId, cycleId, status);
  setCycleStatus = (userId: string, cycleId: string, status: CycleStatus) =>
    setCycleStatus(this.deps, userId, cycleId, status);

  measureValues = (userId: string, cycleId: string) => listMeasureValues(this.deps, userId, cycleId);
  recordMeasureValue = (userId: string, cycleId: string, value: RecordMeasureValueRequest) =>
    recordMeasureValue(this.deps, userId, cycleId, value);
  correctMeasureValue = (userId: string, cycleId: string, valueId: string, correction: CorrectMeasureValueRequest) =>
    correctMeasureValue(this.deps, userId, cycleId, valueId, correction);
  removeMeasureValue = (userId: string, cycleId: string, valueId: string) =>
    removeMeasureValue(this.deps, userId, cycleId, valueId);

  meeting = (userId: string, meetingId: string) => getMeetingCoaching(this.deps, userId, meetingId);
  setApproach = (userId: string, meetingId: string, approach: Approach) =>
    setApproach(this.deps, userId, meetingId, approach);
  setReview = (userId: string, meetingId: string, outcome: ReviewOutcome) =>
    setReview(this.deps, userId, meetingId, outcome);
  setDueDate = (userId: string, meetingId: string, dueOn: string | null) =>
    setDueDate(this.deps, userId, meetingId, dueOn);
  setPeers = (userId: string, meetingId: string, criterion: PeersCriterion, checked: boolean) =>
    setPeers(this.deps, userId, meetingId, criterion, checked);
  agree = (userId: string, meetingId: string, hash: string) => agreeToStep(this.deps, userId, meetingId, hash);
  addPractice = (userId: string, meetingId: string, entry: AddPracticeRequest) =>
    addPractice(this.deps, userId, meetingId, entry);
  setReflection = (userId: string, meetingId: string, entryId: string, reflection: string) =>
    setReflection(this.deps, userId, meetingId, entryId, reflection);

  home = (userId: string) => homeSummaries(this.deps, this.domain, userId);
  timeline = (userId: string, partnershipId: string) => timeline(this.deps, this.domain, userId, partnershipId);

  /** A cycle for a transport that already knows who may see it (no access check). */
  async cycleSnapshot(cycleId: string) {
    const row = await this.deps.db.selectFrom('cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
    return row ? cycleView(this.deps, row) : null;
  }

  /** The meeting's facts and cycle for a transport that already knows the meeting exists (no access check). */
  async snapshot(meetingId: string) {
    const meeting = await this.deps.db
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', meetingId)
      .executeTakeFirst();
    if (!meeting) return null;
    const partnership = await this.deps.db
      .selectFrom('partnerships')
      .selectAll()
      .where('id', '=', meeting.partnership_id)
      .executeTakeFirst();
    if (!partnership) return null;
    // The view is the same for both partners; the role is not used to build it.
    return meetingCoachingView(this.deps, { meeting, partnership, role: 'coach' });
  }
}
