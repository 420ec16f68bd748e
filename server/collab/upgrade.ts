/**
 * Decides, before any WebSocket handshake, whether an upgrade to
 * `/collab/<meetingId>` may proceed: signed in (session cookie), same origin,
 * and a partner of that meeting. Refusals are plain HTTP answers.
 */
import type { IncomingMessage } from 'node:http';
import type { Role, User } from '../../shared/api.js';
import { ACKS_PARAM, COLLAB_PATH } from '../../shared/collabProtocol.js';
import { originAllowed } from '../auth/origin.js';
import { readSessionToken } from '../auth/sessionCookie.js';
import { meetingAccess } from '../domain/access.js';
import type { Services } from '../services.js';

export type UpgradeDecision =
  | { ok: true; user: User; sessionId: string; role: Role; meetingId: string; wantsAcks: boolean }
  | { ok: false; status: 400 | 401 | 403 | 404; id: string; message: string };

const MEETING_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Parses `/collab/<meetingId>`; null when the path is not a collaboration path. */
export function collabMeetingId(url: string | undefined): { meetingId: string | null; params: URLSearchParams } | null {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '/', 'http://localhost');
  } catch {
    return null; // not a path at all (e.g. `http://[`): nobody's upgrade
  }
  if (!parsed.pathname.startsWith(`${COLLAB_PATH}/`)) return null;
  const rest = parsed.pathname.slice(COLLAB_PATH.length + 1);
  return { meetingId: MEETING_ID.test(rest) ? rest : null, params: parsed.searchParams };
}

export async function decideUpgrade(req: IncomingMessage, services: Services): Promise<UpgradeDecision> {
  const target = collabMeetingId(req.url);
  if (!target?.meetingId) return { ok: false, status: 404, id: 'not_found', message: 'No such meeting.' };
  if (!originAllowed(req, services.config.publicUrl)) {
    return { ok: false, status: 403, id: 'bad_origin', message: 'This page is not allowed to open the meeting.' };
  }
  const token = readSessionToken(req.headers.cookie, services.config.sessionSecret);
  const session = token ? await services.accounts.sessionForToken(token) : null;
  if (!session) return { ok: false, status: 401, id: 'unauthenticated', message: 'Please sign in to continue.' };
  const { user, sessionId } = session;
  const access = await meetingAccess(services.db, user.id, target.meetingId);
  if (!access) return { ok: false, status: 404, id: 'not_found', message: 'No such meeting.' };
  return {
    ok: true,
    user,
    sessionId,
    role: access.role,
    meetingId: target.meetingId,
    wantsAcks: target.params.get(ACKS_PARAM) === '1',
  };
}
