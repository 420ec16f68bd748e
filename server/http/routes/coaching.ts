/**
 * A meeting's coaching facts: read them; set the approach (coach), the review
 * of last time's step, the PEERS ticks and the step's due date; agree to the
 * step; add rehearsals and the teacher's reflections.
 */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function coachingRoutes(api: ContractRouter, { coaching }: Services): void {
  api.implement(API.meetingCoaching, async ({ user, params }) => {
    const facts = await coaching.meeting(user.id, params.id);
    return { coaching: facts, cycle: await coaching.getCycle(user.id, facts.cycleId) };
  });
  api.implement(API.setApproach, async ({ user, params, body }) => ({
    coaching: await coaching.setApproach(user.id, params.id, body.approach),
  }));
  api.implement(API.setReview, async ({ user, params, body }) => ({
    coaching: await coaching.setReview(user.id, params.id, body.outcome),
  }));
  api.implement(API.setStepDue, async ({ user, params, body }) => ({
    coaching: await coaching.setDueDate(user.id, params.id, body.dueOn),
  }));
  api.implement(API.setPeers, async ({ user, params, body }) => ({
    coaching: await coaching.setPeers(user.id, params.id, body.criterion, body.checked),
  }));
  api.implement(API.agree, async ({ user, params, body }) => ({
    coaching: await coaching.agree(user.id, params.id, body.hash),
  }));
  api.implement(API.addPractice, async ({ user, params, body }) => ({
    coaching: await coaching.addPractice(user.id, params.id, body),
  }));
  api.implement(API.setReflection, async ({ user, params, body }) => ({
    coaching: await coaching.setReflection(user.id, params.id, params.entryId, body.reflection),
  }));
}
