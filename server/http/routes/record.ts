/** Coming back to a meeting: finish and reopen it, its history, search, and exports that keep the record. */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';
import { presentMeeting } from '../presenters.js';

export function recordRoutes(api: ContractRouter, services: Services): void {
  const { finishing, history, search, exports } = services;

  api.implement(API.finishMeeting, async ({ user, params }) => ({
    meeting: presentMeeting(await finishing.finish(user.id, params.id)),
  }));
  api.implement(API.reopenMeeting, async ({ user, params }) => ({
    meeting: presentMeeting(await finishing.reopen(user.id, params.id)),
  }));

  api.implement(API.versions, ({ user, params }) => history.list(user.id, params.id));
  api.implement(API.version, ({ user, params }) => history.get(user.id, params.id, params.versionId));
  api.implement(API.compareVersion, ({ user, params }) => history.compare(user.id, params.id, params.versionId));
  api.implement(API.restoreSection, ({ user, params, body }) =>
    history.restoreSection(user.id, params.id, params.versionId, body.section),
  );

  api.implement(API.search, ({ user, query }) => search.search(user.id, query.q, { limit: query.limit }));

  api.implement(API.meetingMarkdown, async ({ user, params }) => {
    const { fileName, markdown } = await exports.meetingMarkdown(user.id, params.id);
    return { fileName, body: markdown };
  });
  api.implement(API.cycleMarkdown, async ({ user, params }) => {
    const { fileName, markdown } = await exports.cycleMarkdown(user.id, params.id);
    return { fileName, body: markdown };
  });
}
