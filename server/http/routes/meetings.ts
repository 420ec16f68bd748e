/** One meeting: open it, end it. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentMeeting } from '../presenters.js';

export function meetingRoutes(api: ContractRouter, services: Services): void {
  api.implement(API.meeting, async ({ user, params }) => ({
    meeting: presentMeeting(await services.meetings.get(user.id, params.id)),
  }));

  api.implement(API.endMeeting, async ({ user, params }) => ({
    meeting: presentMeeting(await services.meetings.end(user.id, params.id)),
  }));
}
