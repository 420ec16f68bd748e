/** The home page's summary of every partnership, and a partnership's timeline of meetings. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentMeeting, presentPartnership } from '../presenters.js';

export function homeRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.home, async ({ user }) => {
    const summaries = await services.coaching.home(user.id);
    return {
      partnerships: summaries.map((s) => ({
        partnership: presentPartnership(s.partnership),
        activeCycle: s.activeCycle,
        goalText: s.goalText,
        currentStep: s.currentStep,
        lastMeeting: s.lastMeeting ? presentMeeting(s.lastMeeting) : null,
        warnings: s.warnings,
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
