/** "I agree" (an HTTP command); the new facts also reach both partners as `meeting:coaching`. */
import { useMutation } from '@tanstack/react-query';
import { agreeToStep } from '../api/coachingEndpoints.js';
import { errorMessage } from '../api/errorMessage.js';

export function useAgree(meetingId: string) {
  const agree = useMutation({ mutationFn: (hash: string) => agreeToStep(meetingId, hash) });
  return {
    send: (hash: string) => agree.mutate(hash),
    busy: agree.isPending,
    error: agree.isError ? errorMessage(agree.error) : null,
  };
}
