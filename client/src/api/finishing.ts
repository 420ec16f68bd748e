/** Typed calls for finishing and reopening a meeting, and the links its exports download from. */
import type { Meeting } from '../../../shared/api.js';
import { API } from '../../../shared/contract/index.js';
import { call, pathOf } from './call.js';

/** Finishes a meeting for both partners; the server records a named version and the notes turn read-only. */
export const finishMeeting = async (id: string): Promise<Meeting> =>
  (await call(API.finishMeeting, { params: { id } })).meeting;

/** Opens a finished meeting for editing again (either partner may). */
export const reopenMeeting = async (id: string): Promise<Meeting> =>
  (await call(API.reopenMeeting, { params: { id } })).meeting;

/** Where the browser downloads one meeting as Markdown (a plain link: the answer is a file). */
export const meetingMarkdownUrl = (id: string): string => pathOf(API.meetingMarkdown, { params: { id } });

/** Where the browser downloads a whole Impact Cycle as Markdown. */
export const cycleMarkdownUrl = (id: string): string => pathOf(API.cycleMarkdown, { params: { id } });
