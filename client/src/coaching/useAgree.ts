/** "I agree" over socket.io with an acknowledgement; the new facts arrive as `meeting:coaching`. */
import { useCallback, useState } from 'react';
import { AckSchema, CycleClientEvent } from '../../../shared/cycleEvents.js';
import { useSocket } from '../realtime/socket.js';

const TIMEOUT_MS = 8_000;

export function useAgree(meetingId: string) {
  const socket = useSocket();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = useCallback(
    async (hash: string) => {
      if (!socket?.connected) {
        setError('You are offline just now. Try again when the connection is back.');
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const raw: unknown = await socket
          .timeout(TIMEOUT_MS)
          .emitWithAck(CycleClientEvent.AgreeToStep, { meetingId, hash });
        const ack = AckSchema.safeParse(raw);
        if (!ack.success) setError('Tandem sent an answer we did not understand. Please reload the page.');
        else if (!ack.data.ok) setError(ack.data.error.message);
      } catch {
        setError('We did not hear back in time. Please try again.');
      } finally {
        setBusy(false);
      }
    },
    [socket, meetingId],
  );
  return { send, busy, error };
}
