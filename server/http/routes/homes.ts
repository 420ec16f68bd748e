/** The home page's summary of every partnership, and a partnership's timeline of meetings. */
import { Router } from 'express';
import type { PartnershipSummary, TimelineResponse } from '../../../shared/home.js';
import type { Services } from '../../services.js';
import { presentMeeting, presentPartnership } from '../presenters.js';
import { requireUser } from '../session.js';

export function homeRoutes(services: Services): Router {
  const router = Router();

  router.get('/home', async (req, res) => {
    const user = requireUser(req);
    const summaries = await services.coaching.home(user.id);
    const partnerships: PartnershipSummary[] = summaries.map((s) => ({
      partnership: presentPartnership(s.partnership),
      activeCycle: s.activeCycle,
      goalText: s.goalText,
      currentStep: s.currentStep,
      lastMeeting: s.lastMeeting ? presentMeeting(s.lastMeeting) : null,
      warnings: s.warnings,
    }));
    res.json({ partnerships });
  });

  router.get('/partnerships/:id/timeline', async (req, res) => {
    const user = requireUser(req);
    const record = await services.coaching.timeline(user.id, req.params.id);
    const body: TimelineResponse = {
      cycles: record.cycles,
      meetings: record.meetings.map((m) => ({ meeting: presentMeeting(m.meeting), cycleId: m.cycleId, step: m.step })),
    };
    res.json(body);
  });

  return router;
}
