/** Contracts of the routes for coming back to a meeting: finishing, history, search and exports that keep the record. */
import { z } from 'zod';
import { IdSchema, MeetingResponseSchema } from '../api.js';
import {
  CompareResponseSchema,
  RestoreRequestSchema,
  RestoreResponseSchema,
  VersionListResponseSchema,
  VersionResponseSchema,
} from '../history.js';
import { SearchQuerySchema, SearchResponseSchema } from '../search.js';
import { IdParams, route } from './define.js';

const hidden = 'Not found, or not one of your partnerships.';
const VersionParams = z.object({ id: IdSchema, versionId: IdSchema });
const noVersion = '`not_found`: not one of your meetings; `version_not_found`: no such version of this meeting.';

export const RECORD_ROUTES = {
  finishMeeting: route({
    method: 'POST',
    path: '/api/meetings/:id/finish',
    summary: 'Finish a meeting (either partner): records a named version; the notes turn read-only for both',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The finished meeting', schema: MeetingResponseSchema },
    errors: { 404: hidden, 409: '`already_finished`.' },
  }),
  reopenMeeting: route({
    method: 'POST',
    path: '/api/meetings/:id/reopen',
    summary: 'Reopen a finished meeting for editing (either partner); recorded in its history, both told at once',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The reopened meeting', schema: MeetingResponseSchema },
    errors: { 404: hidden, 409: '`not_finished`: it is open already.' },
  }),
  versions: route({
    method: 'GET',
    path: '/api/meetings/:id/versions',
    summary: "A meeting's versions, newest first: automatic ones and named ones (finished, agreed, reopened, restored)",
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The versions', schema: VersionListResponseSchema },
    errors: { 404: hidden },
  }),
  version: route({
    method: 'GET',
    path: '/api/meetings/:id/versions/:versionId',
    summary: 'One version: every section as it was, who wrote what, and the facts as they stood',
    auth: 'session',
    params: VersionParams,
    success: { status: 200, description: 'The version', schema: VersionResponseSchema },
    errors: { 404: noVersion },
  }),
  compareVersion: route({
    method: 'GET',
    path: '/api/meetings/:id/versions/:versionId/compare',
    summary: 'What changed in each section between a version and now, word by word',
    auth: 'session',
    params: VersionParams,
    success: {
      status: 200,
      description: 'Per section, the words kept, added and removed',
      schema: CompareResponseSchema,
    },
    errors: { 404: noVersion },
  }),
  restoreSection: route({
    method: 'POST',
    path: '/api/meetings/:id/versions/:versionId/restore',
    summary: "Bring a section's text back from a version, as a new edit by you that your partner sees at once",
    auth: 'session',
    params: VersionParams,
    body: RestoreRequestSchema,
    success: { status: 200, description: 'The version recording the restore', schema: RestoreResponseSchema },
    errors: {
      404: noVersion,
      409: '`meeting_finished`: reopen the meeting first.',
      413: 'The meeting would grow past its size limit.',
    },
  }),
  search: route({
    method: 'GET',
    path: '/api/search',
    summary: 'Find words across every meeting of your partnerships (English stemming), newest first',
    auth: 'session',
    query: SearchQuerySchema,
    success: { status: 200, description: 'Hits grouped by partnership and meeting', schema: SearchResponseSchema },
  }),
  meetingMarkdown: route({
    method: 'GET',
    path: '/api/meetings/:id/export.md',
    summary: 'One meeting as Markdown: every section with its formatting, and every fact',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The meeting', contentType: 'text/markdown; charset=utf-8' },
    errors: { 404: hidden },
  }),
  cycleMarkdown: route({
    method: 'GET',
    path: '/api/cycles/:id/export.md',
    summary: 'A whole Impact Cycle as Markdown: the goal and measure, then every meeting in order',
    auth: 'session',
    params: IdParams,
    success: { status: 200, description: 'The cycle', contentType: 'text/markdown; charset=utf-8' },
    errors: { 404: hidden },
  }),
} as const;
