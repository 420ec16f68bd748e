/**
 * Who is in a meeting right now: join the meeting's room (again after every
 * reconnect, because the server forgets rooms when a socket drops), take the
 * roster from the join acknowledgement, then follow `meeting:presence`.
 */
import { useEffect, useState } from 'react';
import {
  ClientEvent,
  JoinAckSchema,
  MeetingEndedSchema,
  PresenceSchema,
  ServerEvent,
  type MeetingEnded,
  type PresentPerson,
} from '../../../shared/events.js';
import { useSocket } from './socket.js';

export interface MeetingRoom {
  /** Null until the first roster arrives. */
  people: PresentPerson[] | null;
  /** Set when the server refused to let us in. */
  error: string | null;
  /** Set when someone ended the meeting while we were here. */
  ended: MeetingEnded | null;
}

const JOIN_TIMEOUT_MS = 5_000;
const JOIN_RETRY_MS = 1_000;

export function useMeetingPresence(meetingId: string): MeetingRoom {
  const socket = useSocket();
  const [room, setRoom] = useState<MeetingRoom & { meetingId: string }>({
    meetingId,
    people: null,
    error: null,
    ended: null,
  });

  useEffect(() => {
    if (socket === null) return;
    let active = true;
    const update = (patch: Partial<MeetingRoom>) =>
      setRoom((prev) => ({
        ...(prev.meetingId === meetingId ? prev : { people: null, error: null, ended: null }),
        ...patch,
        meetingId,
      }));

    let retry: ReturnType<typeof setTimeout> | undefined;
    const join = () => {
      clearTimeout(retry);
      socket
        .timeout(JOIN_TIMEOUT_MS)
        .emit(ClientEvent.JoinMeeting, { meetingId }, (err: Error | null, raw: unknown) => {
          if (!active) return;
          // No answer is not a refusal (the server may still be setting the connection
          // up): ask again while connected; a reconnect also joins again.
          if (err) {
            if (socket.connected) retry = setTimeout(join, JOIN_RETRY_MS);
            return;
          }
          const ack = JoinAckSchema.safeParse(raw);
          if (!ack.success) return;
          if (ack.data.ok) update({ people: ack.data.presence.people, error: null });
          else update({ error: ack.data.error.message });
        });
    };
    const onPresence = (raw: unknown) => {
      const parsed = PresenceSchema.safeParse(raw);
      if (parsed.success && parsed.data.meetingId === meetingId) update({ people: parsed.data.people });
    };
    const onEnded = (raw: unknown) => {
      const parsed = MeetingEndedSchema.safeParse(raw);
      if (parsed.success && parsed.data.meetingId === meetingId) update({ ended: parsed.data });
    };

    // While disconnected we cannot know who is here; say so rather than show a stale list.
    const forget = () => update({ people: null });
    socket.on('connect', join);
    socket.on('disconnect', forget);
    socket.on(ServerEvent.Presence, onPresence);
    socket.on(ServerEvent.MeetingEnded, onEnded);
    if (socket.connected) join();

    return () => {
      active = false;
      clearTimeout(retry);
      socket.off('connect', join);
      socket.off('disconnect', forget);
      socket.off(ServerEvent.Presence, onPresence);
      socket.off(ServerEvent.MeetingEnded, onEnded);
      if (socket.connected) socket.emit(ClientEvent.LeaveMeeting, { meetingId }, () => undefined);
    };
  }, [socket, meetingId]);

  if (room.meetingId !== meetingId) return { people: null, error: null, ended: null };
  return { people: room.people, error: room.error, ended: room.ended };
}
