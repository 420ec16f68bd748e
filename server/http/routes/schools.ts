/** Schools: create and list, members and roles, invitation links, persistent problems. */
import type { Request } from 'express';
import { API } from '../../../shared/contract/index.js';
import type { Services } from '../../services.js';
import type { ContractRouter } from '../implement.js';

/** Where the app is reached: the configured public URL, else the address this request came to. */
function publicOrigin(req: Request, services: Services): string {
  return services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function schoolRoutes(api: ContractRouter, services: Services): void {
  const { schools } = services;
  api.implement(API.schools, async ({ user }) => ({ schools: await schools.listMine(user.id) }));
  api.implement(API.createSchool, async ({ user, body }) => ({ school: await schools.create(user.id, body.name) }));
  api.implement(API.school, async ({ user, params }) => ({ school: await schools.get(user.id, params.id) }));
  api.implement(API.createSchoolInvitation, async ({ user, params, body, req }) => {
    const { invitation, token } = await schools.createInvitation(user.id, params.id, body.role);
    return { invitation, token, url: `${publicOrigin(req, services)}/schools/join/${token}` };
  });
  api.implement(API.revokeSchoolInvitation, async ({ user, params }) => ({
    school: await schools.revokeInvitation(user.id, params.id, params.invitationId),
  }));
  api.implement(API.setSchoolRole, async ({ user, params, body }) => ({
    school: await schools.setRole(user.id, params.id, params.userId, body.role),
  }));
  api.implement(API.removeSchoolMember, async ({ user, params }) => {
    await schools.remove(user.id, params.id, params.userId);
  });
  api.implement(API.schoolInvitation, async ({ params }) => schools.describeInvitation(params.token));
  api.implement(API.joinSchool, async ({ user, params }) => ({ school: await schools.join(user.id, params.token) }));
  api.implement(API.problems, async ({ user, params }) => ({ problems: await schools.problems(user.id, params.id) }));
  api.implement(API.createProblem, async ({ user, params, body }) => ({
    problem: await schools.createProblem(user.id, params.id, body),
  }));
  api.implement(API.updateProblem, async ({ user, params, body }) => ({
    problem: await schools.updateProblem(user.id, params.id, params.problemId, body),
  }));
}
