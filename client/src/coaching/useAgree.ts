/** "I agree" (an HTTP command); the new facts also reach both partners as `meeting:coaching`. */
import { useCallback, useState } from 'react';
import { agreeToStep } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';

export function useAgree(meetingId: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = useCallback(
    async (hash: string) => {
      setBusy(true);
      setError(null);
      try {
        await agreeToStep(meetingId, hash);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    },
    [meetingId],
  );
  return { send, busy, error };
}
