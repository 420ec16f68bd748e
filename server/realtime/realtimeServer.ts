/**
 * socket.io for the meeting room: presence (who is here, as what), meetings
 * started and ended. Shares the http server with the collaboration socket, so
 * it must never destroy upgrades it does not own.
 */
import type http from 'node:http';
import { Server } from 'socket.io';
import { AccountServerEvent } from '../../shared/accountMail.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/eventMap.js';
import {
  ClientEvent,
  HandshakeAuthSchema,
  ServerEvent,
  type Ack,
  type JoinAck,
  type MeetingRef,
  type Presence,
} from '../../shared/events.js';
import { CloseCode } from '../../shared/closeCodes.js';
import { LIMITS } from '../../shared/limits.js';
import { SchoolServerEvent, type SchoolLink } from '../../shared/schools.js';
import { originAllowed } from '../auth/origin.js';
import { readSessionToken } from '../auth/sessionCookie.js';
import { meetingAccess } from '../domain/access.js';
import { rolesForClaims } from '../domain/meetings/authorship.js';
import type { Services } from '../services.js';
import { attachCoachingBroadcasts, registerCoachingHandlers } from './coachingRealtime.js';
import { limitConnectionsPerUser } from './connectionCap.js';
import { capStrangers } from './strangerCap.js';
import { clientAddressOf } from '../auth/clientAddress.js';
import { onCommand, type RealtimeSocket, type SocketData } from './commands.js';
import { meetingRoom, partnershipRoom, userRoom } from './rooms.js';
import { attachMeetingStateBroadcasts } from './meetingStateRealtime.js';
import { attachScheduleBroadcasts } from './scheduleRealtime.js';
import { streamReading } from './streamReading.js';

/** Times presence is asked of every process before falling back to this one's sockets. */
const FETCH_SOCKETS_ATTEMPTS = 3;

export type RealtimeIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeServer {
  io: RealtimeIo;
  /** Resolves once socket.io can serve: at once on one process; with several, once the stream is read. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Where socket.io listens; engine.io owns every request and upgrade whose URL starts with it and a slash. */
export const REALTIME_PATH = '/socket.io';

export function attachRealtime(httpServer: http.Server, services: Services): RealtimeServer {
  const io: RealtimeIo = new Server(httpServer, {
    path: REALTIME_PATH,
    serveClient: false,
    // Leave /collab upgrades alone (engine.io would otherwise destroy them after 1 s); server/upgrades.ts answers strays.
    destroyUpgrade: false,
    maxHttpBufferSize: LIMITS.maxRealtimePacketBytes,
    connectTimeout: LIMITS.handshakeTimeoutMs,
    allowRequest: (req, callback) => {
      if (!originAllowed(req, services.config.publicUrl)) return callback(null, false);
      strangers.admits(req).then(
        (admitted) => callback(null, admitted),
        () => callback(null, true),
      );
    },
  });
  // Several processes: rooms, broadcasts and fetchSockets (presence) span them all.
  if (services.cluster) io.adapter(services.cluster.socketAdapter);
  const ready = services.cluster
    ? streamReading(io).then((reading) => {
        if (!reading) services.logger.warn('realtime', 'not reading the socket.io stream yet; serving anyway');
      })
    : Promise.resolve();
  const strangers = capStrangers(
    io,
    LIMITS.maxUnauthenticatedSocketsPerAddress,
    clientAddressOf(services.config.trustProxy),
    services.cluster?.connectionCounts('realtime-address'),
  );

  io.use((socket, next) => {
    if (!HandshakeAuthSchema.safeParse(socket.handshake.auth).success) {
      return next(Object.assign(new Error('unsupported_protocol'), { data: { message: 'Please reload the page.' } }));
    }
    const token = readSessionToken(socket.handshake.headers.cookie, services.config.sessionSecret);
    if (!token) return next(new Error('unauthenticated'));
    services.accounts.sessionForToken(token).then(
      (session) => {
        if (!session) return next(new Error('unauthenticated'));
        socket.data.user = session.user;
        socket.data.sessionId = session.sessionId;
        next();
      },
      (err: unknown) => {
        services.logger.error('realtime', 'authentication failed', { err });
        next(new Error('internal'));
      },
    );
  });

  io.use(
    limitConnectionsPerUser(
      LIMITS.maxRealtimeConnectionsPerUser,
      services.cluster?.connectionCounts('realtime-person'),
    ),
  );

  io.on('connection', (socket) => {
    onConnection(socket as RealtimeSocket).catch((err: unknown) => {
      services.logger.error('realtime', 'could not set up a socket', { err });
      socket.disconnect(true);
    });
  });

  async function onConnection(socket: RealtimeSocket): Promise<void> {
    const { user } = socket.data;
    // Handlers first: a client may emit the moment it is connected.
    onCommand(socket, ClientEvent.JoinMeeting, services.logger, (ref) => joinMeeting(socket, ref));
    onCommand(socket, ClientEvent.LeaveMeeting, services.logger, (ref) => leaveMeeting(socket, ref));
    registerCoachingHandlers(socket, services);
    socket.on('disconnecting', () => {
      const meetings = [...socket.rooms].filter((r) => r.startsWith('meeting:'));
      // After the socket has left its rooms, tell each meeting who is still there.
      socket.once('disconnect', () => {
        for (const room of meetings) void broadcastPresence(room.slice('meeting:'.length));
      });
    });
    await socket.join(userRoom(user.id));
    const partnerships = await services.db
      .selectFrom('partnerships')
      .select('id')
      .where((eb) => eb.or([eb('coach_id', '=', user.id), eb('teacher_id', '=', user.id)]))
      .execute();
    await socket.join(partnerships.map((p) => partnershipRoom(p.id)));
  }

  async function joinMeeting(socket: RealtimeSocket, { meetingId }: MeetingRef): Promise<JoinAck> {
    const access = await meetingAccess(services.db, socket.data.user.id, meetingId);
    if (!access) return { ok: false, error: { id: 'not_found', message: 'No such meeting.' } };
    await socket.join(meetingRoom(meetingId));
    return { ok: true, presence: await broadcastPresence(meetingId) };
  }

  async function leaveMeeting(socket: RealtimeSocket, { meetingId }: MeetingRef): Promise<Ack> {
    if (!socket.rooms.has(meetingRoom(meetingId))) return { ok: true };
    await socket.leave(meetingRoom(meetingId));
    await broadcastPresence(meetingId);
    return { ok: true };
  }

  /**
   * The sockets in a meeting's room on every process. The adapter fails the request when a process does not
   * answer within its timeout (5 s): one killed moments ago still counts until its heartbeat lapses (10 s),
   * and one just started may not be reading the stream yet. Ask again, then settle for this process's own.
   */
  async function socketsIn(meetingId: string) {
    for (let attempt = 1; attempt <= FETCH_SOCKETS_ATTEMPTS; attempt++) {
      try {
        return await io.in(meetingRoom(meetingId)).fetchSockets();
      } catch (err) {
        services.logger.warn('realtime', 'another process did not say who is in a meeting', {
          meetingId,
          attempt,
          err,
        });
      }
    }
    return io.local.in(meetingRoom(meetingId)).fetchSockets();
  }

  /** Computes who is in a meeting now (across processes, via the adapter) and tells them. */
  async function broadcastPresence(meetingId: string): Promise<Presence> {
    const sockets = await socketsIn(meetingId);
    const meeting = await services.db
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .select(['partnerships.coach_id', 'partnerships.teacher_id'])
      .where('meetings.id', '=', meetingId)
      .executeTakeFirst();
    const people = new Map<string, Presence['people'][number]>();
    for (const s of sockets) {
      const u = s.data.user;
      if (!meeting || people.has(u.id)) continue;
      const role = u.id === meeting.coach_id ? 'coach' : u.id === meeting.teacher_id ? 'teacher' : null;
      if (role) people.set(u.id, { userId: u.id, name: u.name, role });
    }
    const presence: Presence = { meetingId, people: [...people.values()] };
    io.to(meetingRoom(meetingId)).emit(ServerEvent.Presence, presence);
    return presence;
  }

  const onMeetingStarted = (e: {
    meetingId: string;
    partnershipId: string;
    startedBy: { id: string; name: string };
  }) => {
    io.to(partnershipRoom(e.partnershipId)).emit(ServerEvent.MeetingStarted, e);
  };
  const onMeetingEnded = (e: { meetingId: string; partnershipId: string; endedAt: string }) => {
    const payload = { meetingId: e.meetingId, endedAt: e.endedAt };
    io.to([partnershipRoom(e.partnershipId), meetingRoom(e.meetingId)]).emit(ServerEvent.MeetingEnded, payload);
  };
  const onAuthorsClaimed = (e: { meetingId: string; claims: { clientId: number; userId: string }[] }) => {
    rolesForClaims(services.db, e.meetingId, e.claims).then(
      (authors) =>
        io.to(meetingRoom(e.meetingId)).emit(ServerEvent.AuthorsClaimed, { meetingId: e.meetingId, authors }),
      (err: unknown) => services.logger.error('realtime', 'could not announce authors', { err }),
    );
  };
  const onPartnershipCreated = (e: { partnershipId: string; userIds: [string, string] }) => {
    io.in(e.userIds.map(userRoom)).socketsJoin(partnershipRoom(e.partnershipId));
    // The inviter may be looking at their home, waiting: it shows the new partnership at once.
    io.to(e.userIds.map(userRoom)).emit(ServerEvent.PartnershipCreated, { partnershipId: e.partnershipId });
  };
  // A partner asking, agreeing or unlinking: both partners' open pages show the link as it now stands.
  const onSchoolLinkChanged = (e: { partnershipId: string; userIds: [string, string]; link: SchoolLink | null }) => {
    io.to(e.userIds.map(userRoom)).emit(SchoolServerEvent.LinkChanged, {
      partnershipId: e.partnershipId,
      link: e.link,
    });
  };
  // A closed account's sockets go at once; leaving updates the presence its partner sees.
  const onAccountClosed = (e: { userId: string }) => {
    io.in(userRoom(e.userId)).disconnectSockets(true);
  };
  // A session that ends (sign-out, expiry, account closure) takes its sockets with it.
  const onSessionEnded = (e: { sessionId: string }) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.sessionId === e.sessionId) endWithSession(socket);
    }
  };
  // A new name reaches the person's partners and their own other tabs at once, and the presence of every
  // meeting they are in (sockets remember who they are from the handshake, so they learn it too).
  const onNameChanged = (e: { userId: string; name: string; partnershipIds: string[] }) => {
    const meetings = new Set<string>();
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.user.id !== e.userId) continue;
      socket.data.user = { ...socket.data.user, name: e.name };
      for (const room of socket.rooms) if (room.startsWith('meeting:')) meetings.add(room.slice('meeting:'.length));
    }
    io.to([userRoom(e.userId), ...e.partnershipIds.map(partnershipRoom)]).emit(AccountServerEvent.PersonRenamed, {
      userId: e.userId,
      name: e.name,
    });
    for (const meetingId of meetings) {
      broadcastPresence(meetingId).catch((err: unknown) =>
        services.logger.error('realtime', 'could not announce presence', { err }),
      );
    }
  };
  services.events.on('nameChanged', onNameChanged);
  services.events.on('meetingStarted', onMeetingStarted);
  services.events.on('accountClosed', onAccountClosed);
  services.events.on('sessionEnded', onSessionEnded);
  services.events.on('meetingEnded', onMeetingEnded);
  services.events.on('partnershipCreated', onPartnershipCreated);
  services.events.on('schoolLinkChanged', onSchoolLinkChanged);
  services.events.on('authorsClaimed', onAuthorsClaimed);
  const detachCoaching = attachCoachingBroadcasts(io, services);
  const detachMeetingState = attachMeetingStateBroadcasts(io, services);
  const detachSchedule = attachScheduleBroadcasts(io, services);

  return {
    io,
    ready,
    close() {
      services.events.off('meetingStarted', onMeetingStarted);
      services.events.off('meetingEnded', onMeetingEnded);
      services.events.off('partnershipCreated', onPartnershipCreated);
      services.events.off('schoolLinkChanged', onSchoolLinkChanged);
      services.events.off('authorsClaimed', onAuthorsClaimed);
      services.events.off('accountClosed', onAccountClosed);
      services.events.off('sessionEnded', onSessionEnded);
      services.events.off('nameChanged', onNameChanged);
      detachCoaching();
      detachMeetingState();
      detachSchedule();
      return new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        // io.close() would also close the shared http server; the app closes that itself.
        io.engine.close();
        resolve();
      });
    },
  };
}

/**
 * Closes a socket whose session ended with `CloseCode.Unauthenticated` (4401) on its WebSocket, as the
 * collaboration socket does; the client's reconnect is then refused as `unauthenticated`. A socket still
 * on long-polling has no close code to carry, so it is disconnected.
 */
function endWithSession(socket: { conn: { transport: unknown }; disconnect(close: boolean): unknown }): void {
  const transport = socket.conn.transport as { name?: string; socket?: { close(code: number, reason: string): void } };
  if (transport.name === 'websocket' && transport.socket) {
    transport.socket.close(CloseCode.Unauthenticated, 'session ended');
  } else {
    socket.disconnect(true);
  }
}
