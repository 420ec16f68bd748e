/** The coaching-cycle routes in the OpenAPI document (merged in `openapi.ts`). */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorBodySchema, IdSchema } from '../../shared/api.js';
import {
  AddPracticeRequestSchema,
  AgreeRequestSchema,
  CoachingResponseSchema,
  MeetingCoachingResponseSchema,
  SetApproachRequestSchema,
  SetDueDateRequestSchema,
  SetPeersRequestSchema,
  SetReflectionRequestSchema,
  SetReviewRequestSchema,
} from '../../shared/coaching.js';
import {
  CycleListResponseSchema,
  CycleResponseSchema,
  SetCycleStatusRequestSchema,
  SetGoalStatusRequestSchema,
  UpdateCycleRequestSchema,
} from '../../shared/cycle.js';
import { HomeResponseSchema, TimelineResponseSchema } from '../../shared/home.js';

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const ok = (status: number, description: string, schema: z.ZodType) => ({
  [status]: { description, content: json(schema) },
});
const fail = (description: string) => ({ description, content: json(ErrorBodySchema) });
const body = (schema: z.ZodType) => ({ body: { required: true, content: json(schema) } });

const idParams = z.object({ id: IdSchema });
const signedIn = [{ session: [] }];
const common = {
  401: fail('Not signed in.'),
  404: fail('Not found, or not one of your partnerships.'),
};
const invalid = { 400: fail('Invalid input; `fields` names each problem.') };
const teacherOnly = { 403: fail('Only the teacher may do this (the goal is theirs).') };

type Route = Omit<RouteConfig, 'security'>;

const routes: Route[] = [
  {
    method: 'get',
    path: '/api/home',
    summary: 'Every partnership with its active cycle, goal, current step (agreed or not), last meeting and warnings',
    responses: { ...ok(200, 'One summary per partnership', HomeResponseSchema), 401: common[401] },
  },
  {
    method: 'get',
    path: '/api/partnerships/{id}/timeline',
    summary: "A partnership's cycles and its meetings (newest first), each with its action step",
    request: { params: idParams },
    responses: { ...ok(200, 'The timeline', TimelineResponseSchema), ...common },
  },
  {
    method: 'get',
    path: '/api/partnerships/{id}/cycles',
    summary: "A partnership's Impact Cycles, newest first",
    request: { params: idParams },
    responses: { ...ok(200, 'The cycles', CycleListResponseSchema), ...common },
  },
  {
    method: 'get',
    path: '/api/cycles/{id}',
    summary: 'One cycle',
    request: { params: idParams },
    responses: { ...ok(200, 'The cycle', CycleResponseSchema), ...common },
  },
  {
    method: 'patch',
    path: '/api/cycles/{id}',
    summary: 'Edit the measure, phase or tags (either partner); numbers must be JSON numbers',
    request: { params: idParams, ...body(UpdateCycleRequestSchema) },
    responses: { ...ok(200, 'The cycle', CycleResponseSchema), ...invalid, ...common },
  },
  {
    method: 'put',
    path: '/api/cycles/{id}/goal-status',
    summary: 'Mark the goal as set, or back to a draft (teacher only)',
    request: { params: idParams, ...body(SetGoalStatusRequestSchema) },
    responses: { ...ok(200, 'The cycle', CycleResponseSchema), ...invalid, ...teacherOnly, ...common },
  },
  {
    method: 'put',
    path: '/api/cycles/{id}/status',
    summary: 'Mark the cycle as met, set it aside, or reopen it (teacher only)',
    request: { params: idParams, ...body(SetCycleStatusRequestSchema) },
    responses: {
      ...ok(200, 'The cycle', CycleResponseSchema),
      ...invalid,
      ...teacherOnly,
      ...common,
      409: fail('Reopening while another cycle is active.'),
    },
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/coaching',
    summary: "A meeting's coaching facts (approach, carried step, review, PEERS, agreements, practice) and its cycle",
    request: { params: idParams },
    responses: { ...ok(200, 'The facts', MeetingCoachingResponseSchema), ...common },
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/approach',
    summary: 'Record the coaching approach used (coach only)',
    request: { params: idParams, ...body(SetApproachRequestSchema) },
    responses: {
      ...ok(200, 'The facts', CoachingResponseSchema),
      ...invalid,
      403: fail('Only the coach records the approach.'),
      ...common,
    },
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/review',
    summary: 'Record whether the step carried from last time happened (either partner)',
    request: { params: idParams, ...body(SetReviewRequestSchema) },
    responses: {
      ...ok(200, 'The facts', CoachingResponseSchema),
      ...invalid,
      ...common,
      409: fail('No step was carried into this meeting.'),
    },
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/step-due',
    summary: 'Set the "check back on" date of the action step; changing it asks both partners to agree again',
    request: { params: idParams, ...body(SetDueDateRequestSchema) },
    responses: { ...ok(200, 'The facts', CoachingResponseSchema), ...invalid, ...common },
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/peers',
    summary: 'Tick or untick one PEERS criterion of the goal (either partner)',
    request: { params: idParams, ...body(SetPeersRequestSchema) },
    responses: { ...ok(200, 'The facts', CoachingResponseSchema), ...invalid, ...common },
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/agreements',
    summary: 'Agree to the action step as you see it, named by its hash (text and date)',
    request: { params: idParams, ...body(AgreeRequestSchema) },
    responses: {
      ...ok(201, 'Recorded; the facts', CoachingResponseSchema),
      ...invalid,
      ...common,
      409: fail('`stale`: the step changed; `already_agreed`: you agreed to this already; `empty_step`.'),
    },
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/practice',
    summary: "Add a rehearsal to the cycle's practice log (either partner; only the teacher may add a reflection)",
    request: { params: idParams, ...body(AddPracticeRequestSchema) },
    responses: {
      ...ok(201, 'The facts', CoachingResponseSchema),
      ...invalid,
      403: fail('A reflection from the coach.'),
      ...common,
    },
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/practice/{entryId}/reflection',
    summary: "The teacher's reflection on a rehearsal (teacher only)",
    request: { params: z.object({ id: IdSchema, entryId: IdSchema }), ...body(SetReflectionRequestSchema) },
    responses: { ...ok(200, 'The facts', CoachingResponseSchema), ...invalid, ...teacherOnly, ...common },
  },
];

export const COACHING_ROUTES: RouteConfig[] = routes.map((r) => ({ ...r, security: signedIn }));
