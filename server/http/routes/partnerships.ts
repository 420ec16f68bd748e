/** Partnerships, and the meetings within one. */
import { Router } from 'express';
import { CreateMeetingRequestSchema } from '../../../shared/api.js';
import type { Services } from '../../services.js';
import { presentMeeting, presentPartnership } from '../presenters.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

export function partnershipRoutes(services: Services): Router {
  const router = Router();

  router.get('/partnerships', async (req, res) => {
    const user = requireUser(req);
    const records = await services.partnerships.list(user.id);
    res.json({ partnerships: records.map(presentPartnership) });
  });

  router.get('/partnerships/:id', async (req, res) => {
    const user = requireUser(req);
    const record = await services.partnerships.get(user.id, req.params.id);
    res.json({ partnership: presentPartnership(record) });
  });

  router.post('/partnerships/:id/meetings', async (req, res) => {
    const user = requireUser(req);
    const { title } = parseInput(CreateMeetingRequestSchema, req.body);
    // Joins the active cycle and carries the previous meeting's step forward.
    const record = await services.coaching.startMeeting(user, req.params.id, title);
    res.status(201).json({ meeting: presentMeeting(record) });
  });

  router.get('/partnerships/:id/meetings', async (req, res) => {
    const user = requireUser(req);
    const records = await services.meetings.list(user.id, req.params.id);
    res.json({ meetings: records.map(presentMeeting) });
  });

  return router;
}
