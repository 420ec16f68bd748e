/**
 * A partnership's link to a school and a cycle's persistent problem (the
 * partners), the programme's figures (the lead, a school's coach) and "What the
 * school sees" (the partners).
 */
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

export function schoolProgrammeRoutes(api: ContractRouter, { schoolLinks, programme }: Services): void {
  api.implement(API.partnershipSchool, ({ user, params }) => schoolLinks.get(user.id, params.id));
  api.implement(API.linkSchool, ({ user, params, body }) => schoolLinks.agree(user.id, params.id, body.schoolId));
  api.implement(API.unlinkSchool, ({ user, params }) => schoolLinks.unlink(user.id, params.id));
  api.implement(API.cycleProblem, ({ user, params }) => schoolLinks.cycleProblem(user.id, params.id));
  api.implement(API.setCycleProblem, ({ user, params, body }) =>
    schoolLinks.setCycleProblem(user.id, params.id, body.problemId, body.focus),
  );
  api.implement(API.programme, ({ user, params }) => programme.programme(user.id, params.id));
  api.implement(API.schoolView, ({ user, params }) => programme.schoolView(user.id, params.id));
}
