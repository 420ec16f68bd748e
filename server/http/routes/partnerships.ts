/** Partnerships, and the meetings within one. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentMeeting, presentPartnership } from '../presenters.js';

export function partnershipRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.partnerships, async ({ user }) => ({
    partnerships: (await services.partnerships.list(user.id)).map(presentPartnership),
  }));

  api.implement(API.partnership, async ({ user, params }) => ({
    partnership: presentPartnership(await services.partnerships.get(user.id, params.id)),
  }));

  // Joins the active cycle and carries the previous meeting's step forward.
  api.implement(API.startMeeting, async ({ user, params, body }) => ({
    meeting: presentMeeting(await services.coaching.startMeeting(user, params.id, body.title)),
  }));

  api.implement(API.meetings, async ({ user, params }) => ({
    meetings: (await services.meetings.list(user.id, params.id)).map(presentMeeting),
  }));
}
