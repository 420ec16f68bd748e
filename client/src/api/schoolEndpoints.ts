/** Typed calls to the school routes (contracts in shared/contract/schoolRoutes.ts). */
import { API } from '../../../shared/contract/index.js';
import type { SchoolRole } from '../../../shared/schools.js';
import { call } from './call.js';

export const fetchSchools = async () => (await call(API.schools)).schools;
export const createSchool = async (name: string) => (await call(API.createSchool, { body: { name } })).school;
export const fetchSchool = async (id: string) => (await call(API.school, { params: { id } })).school;
export const createSchoolInvitation = (id: string, role: 'coach' | 'member') =>
  call(API.createSchoolInvitation, { params: { id }, body: { role } });
export const revokeSchoolInvitation = async (id: string, invitationId: string) =>
  (await call(API.revokeSchoolInvitation, { params: { id, invitationId } })).school;
export const setSchoolRole = async (id: string, userId: string, role: SchoolRole) =>
  (await call(API.setSchoolRole, { params: { id, userId }, body: { role } })).school;
export const removeSchoolMember = (id: string, userId: string) =>
  call(API.removeSchoolMember, { params: { id, userId } });
export const fetchSchoolInvitation = (token: string) => call(API.schoolInvitation, { params: { token } });
export const joinSchool = async (token: string) => (await call(API.joinSchool, { params: { token } })).school;

export const fetchProblems = async (id: string) => (await call(API.problems, { params: { id } })).problems;
export const createProblem = async (id: string, body: { title: string; symptoms: string; whyItMatters: string }) =>
  (await call(API.createProblem, { params: { id }, body })).problem;
export const setProblemStatus = async (id: string, problemId: string, status: 'open' | 'closed') =>
  (await call(API.updateProblem, { params: { id, problemId }, body: { status } })).problem;

export const fetchCycleProblem = (cycleId: string) => call(API.cycleProblem, { params: { id: cycleId } });
export const setCycleProblem = (cycleId: string, problemId: string | null, focus: string | null) =>
  call(API.setCycleProblem, { params: { id: cycleId }, body: { problemId, focus } });

export const fetchPartnershipSchool = (partnershipId: string) =>
  call(API.partnershipSchool, { params: { id: partnershipId } });
export const agreeToSchool = (partnershipId: string, schoolId: string) =>
  call(API.linkSchool, { params: { id: partnershipId }, body: { schoolId } });
export const unlinkSchool = (partnershipId: string) => call(API.unlinkSchool, { params: { id: partnershipId } });

export const fetchProgramme = (schoolId: string) => call(API.programme, { params: { id: schoolId } });
export const fetchSchoolView = (partnershipId: string) => call(API.schoolView, { params: { id: partnershipId } });
