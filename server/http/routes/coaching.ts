/**
 * A meeting's coaching facts: read them; set the approach (coach), the review
 * of last time's step, the PEERS ticks and the step's due date; agree to the
 * step; add rehearsals and the teacher's reflections.
 */
import { Router } from 'express';
import {
  AddPracticeRequestSchema,
  AgreeRequestSchema,
  SetApproachRequestSchema,
  SetDueDateRequestSchema,
  SetPeersRequestSchema,
  SetReflectionRequestSchema,
  SetReviewRequestSchema,
} from '../../../shared/coaching.js';
import type { Services } from '../../services.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

export function coachingRoutes(services: Services): Router {
  const router = Router();
  const { coaching } = services;

  router.get('/meetings/:id/coaching', async (req, res) => {
    const user = requireUser(req);
    const facts = await coaching.meeting(user.id, req.params.id);
    res.json({ coaching: facts, cycle: await coaching.getCycle(user.id, facts.cycleId) });
  });

  router.put('/meetings/:id/approach', async (req, res) => {
    const user = requireUser(req);
    const { approach } = parseInput(SetApproachRequestSchema, req.body);
    res.json({ coaching: await coaching.setApproach(user.id, req.params.id, approach) });
  });

  router.put('/meetings/:id/review', async (req, res) => {
    const user = requireUser(req);
    const { outcome } = parseInput(SetReviewRequestSchema, req.body);
    res.json({ coaching: await coaching.setReview(user.id, req.params.id, outcome) });
  });

  router.put('/meetings/:id/step-due', async (req, res) => {
    const user = requireUser(req);
    const { dueOn } = parseInput(SetDueDateRequestSchema, req.body);
    res.json({ coaching: await coaching.setDueDate(user.id, req.params.id, dueOn) });
  });

  router.put('/meetings/:id/peers', async (req, res) => {
    const user = requireUser(req);
    const { criterion, checked } = parseInput(SetPeersRequestSchema, req.body);
    res.json({ coaching: await coaching.setPeers(user.id, req.params.id, criterion, checked) });
  });

  router.post('/meetings/:id/agreements', async (req, res) => {
    const user = requireUser(req);
    const { hash } = parseInput(AgreeRequestSchema, req.body);
    res.status(201).json({ coaching: await coaching.agree(user.id, req.params.id, hash) });
  });

  router.post('/meetings/:id/practice', async (req, res) => {
    const user = requireUser(req);
    const entry = parseInput(AddPracticeRequestSchema, req.body);
    res.status(201).json({ coaching: await coaching.addPractice(user.id, req.params.id, entry) });
  });

  router.put('/meetings/:id/practice/:entryId/reflection', async (req, res) => {
    const user = requireUser(req);
    const { reflection } = parseInput(SetReflectionRequestSchema, req.body);
    res.json({
      coaching: await coaching.setReflection(user.id, req.params.id, req.params.entryId, reflection),
    });
  });

  return router;
}
