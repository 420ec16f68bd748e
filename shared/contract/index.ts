/**
 * Every HTTP route of the API, by name. `API.meeting` is `GET /api/meetings/:id`;
 * see `define.ts` for what a contract holds and who derives what from it.
 */
import { ACCOUNT_MAIL_ROUTES } from './accountMailRoutes.js';
import { ACCOUNT_ROUTES } from './accountRoutes.js';
import { COACHING_ROUTES } from './coachingRoutes.js';
import { CYCLE_RECORD_ROUTES } from './cycleRecordRoutes.js';
import type { RouteContract } from './define.js';
import { MEASURE_ROUTES } from './measureRoutes.js';
import { MEETING_ROUTES } from './meetingRoutes.js';
import { MODEL_ROUTES } from './modelRoutes.js';
import { OIDC_ROUTES } from './oidcRoutes.js';
import { RECORD_ROUTES } from './recordRoutes.js';
import { SCHOOL_ROUTES } from './schoolRoutes.js';
import { SCHEDULE_ROUTES } from './scheduleRoutes.js';

export const API = {
  ...ACCOUNT_ROUTES,
  ...OIDC_ROUTES,
  ...ACCOUNT_MAIL_ROUTES,
  ...MEETING_ROUTES,
  ...COACHING_ROUTES,
  ...RECORD_ROUTES,
  ...CYCLE_RECORD_ROUTES,
  ...SCHOOL_ROUTES,
  ...MODEL_ROUTES,
  ...SCHEDULE_ROUTES,
  ...MEASURE_ROUTES,
} as const;

export type ApiName = keyof typeof API;
export type ApiRoute = (typeof API)[ApiName];

/** `METHOD /api/path` of every route, e.g. `GET /api/meetings/:id`. */
export type ApiRouteKey = { [K in ApiName]: `${(typeof API)[K]['method']} ${(typeof API)[K]['path']}` }[ApiName];

export const API_ROUTES: readonly RouteContract[] = Object.values(API);
