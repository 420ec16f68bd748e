/** One meeting: open it, end it. */
import { Router } from 'express';
import type { Services } from '../../services.js';
import { presentMeeting } from '../presenters.js';
import { requireUser } from '../session.js';

export function meetingRoutes(services: Services): Router {
  const router = Router();

  router.get('/meetings/:id', async (req, res) => {
    const user = requireUser(req);
    const record = await services.meetings.get(user.id, req.params.id);
    res.json({ meeting: presentMeeting(record) });
  });

  router.post('/meetings/:id/end', async (req, res) => {
    const user = requireUser(req);
    const record = await services.meetings.end(user.id, req.params.id);
    res.json({ meeting: presentMeeting(record) });
  });

  return router;
}
