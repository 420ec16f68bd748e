/** Impact Cycles: list a partnership's, read one, edit the measure and tags, set the goal, close or reopen. */
import { Router } from 'express';
import {
  SetCycleStatusRequestSchema,
  SetGoalStatusRequestSchema,
  UpdateCycleRequestSchema,
} from '../../../shared/cycle.js';
import type { Services } from '../../services.js';
import { requireUser } from '../session.js';
import { parseInput } from '../validate.js';

export function cycleRoutes(services: Services): Router {
  const router = Router();
  const { coaching } = services;

  router.get('/partnerships/:id/cycles', async (req, res) => {
    const user = requireUser(req);
    res.json({ cycles: await coaching.listCycles(user.id, req.params.id) });
  });

  router.get('/cycles/:id', async (req, res) => {
    const user = requireUser(req);
    res.json({ cycle: await coaching.getCycle(user.id, req.params.id) });
  });

  router.patch('/cycles/:id', async (req, res) => {
    const user = requireUser(req);
    const patch = parseInput(UpdateCycleRequestSchema, req.body);
    res.json({ cycle: await coaching.updateCycle(user.id, req.params.id, patch) });
  });

  router.put('/cycles/:id/goal-status', async (req, res) => {
    const user = requireUser(req);
    const { status } = parseInput(SetGoalStatusRequestSchema, req.body);
    res.json({ cycle: await coaching.setGoalStatus(user.id, req.params.id, status) });
  });

  router.put('/cycles/:id/status', async (req, res) => {
    const user = requireUser(req);
    const { status } = parseInput(SetCycleStatusRequestSchema, req.body);
    res.json({ cycle: await coaching.setCycleStatus(user.id, req.params.id, status) });
  });

  return router;
}
