/** The home page's summary of every partnership, and a partnership's timeline of meetings. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentMeeting, presentPartnership } from '../presenters.js';

export function homeRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.home, async ({ user }) => {
    const summaries = await services.coaching.home(user.id);
    // Only the caller's partnerships are summarised, so their next meetings are theirs to see.
    const next = await services.schedule.nextMeetingsOf(summaries.map((s) => s.partnership.row.id));
    return {
      partnerships: summaries.map((s) => ({
        partnership: presentPartnership(s.partnership),
        activeCycle: s.activeCycle,
        goalText: s.goalText,
        currentStep: s.currentStep,
        lastMeeting: s.lastMeeting ? presentMeeting(s.lastMeeting) : null,
        warnings: s.warnings,
        nextMeeting: next.get(s.partnership.row.id) ?? null,
      })),
    };
  });

  api.implement(API.timeline, async ({ user, params }) => {
    const record = await services.coaching.timeline(user.id, params.id);
    return {
      cycles: record.cycles,
      meetings: record.meetings.map((m) => ({ meeting: presentMeeting(m.meeting), cycleId: m.cycleId, step: m.step })),
    };
  });
}
