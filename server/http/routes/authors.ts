/** Attested authorship of a meeting's notes (who owns which Yjs client id). */
import { Router } from 'express';
import { meetingAuthors } from '../../domain/meetings/authorship.js';
import type { Services } from '../../services.js';
import { requireUser } from '../session.js';

export function authorRoutes(services: Services): Router {
  const router = Router();
  router.get('/meetings/:id/authors', async (req, res) => {
    const user = requireUser(req);
    res.json({ authors: await meetingAuthors(services.db, user.id, req.params.id) });
  });
  return router;
}
