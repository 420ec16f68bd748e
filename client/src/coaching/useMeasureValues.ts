/**
 * A cycle's measure values over time, kept live: one query, read again when
 * `cycle:changed` arrives (../realtime/queryBridge.ts); each change's answer
 * (the values and the cycle, whose latest value may have moved) is written
 * into the cache, for this query and for any meeting showing the cycle.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingCoachingResponse } from '../../../shared/coaching.js';
import type {
  CorrectMeasureValueRequest,
  MeasureChangeResponse,
  RecordMeasureValueRequest,
} from '../../../shared/measure.js';
import {
  correctMeasureValue,
  fetchMeasureValues,
  recordMeasureValue,
  removeMeasureValue,
} from '../api/measureEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';

export function useMeasureValues(cycleId: string) {
  return useQuery({ queryKey: queryKeys.measureValues(cycleId), queryFn: () => fetchMeasureValues(cycleId) });
}

type Change =
  | { kind: 'record'; value: RecordMeasureValueRequest }
  | { kind: 'correct'; valueId: string; correction: CorrectMeasureValueRequest }
  | { kind: 'remove'; valueId: string };

export function useMeasureChange(cycleId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Change): Promise<MeasureChangeResponse> => {
      if (change.kind === 'record') return recordMeasureValue(cycleId, change.value);
      if (change.kind === 'correct') return correctMeasureValue(cycleId, change.valueId, change.correction);
      return removeMeasureValue(cycleId, change.valueId);
    },
    onSuccess: ({ cycle, values, meetings }) => {
      client.setQueryData(queryKeys.measureValues(cycleId), { values, meetings });
      client.setQueriesData<MeetingCoachingResponse>(
        { predicate: (q) => q.queryKey[0] === 'meetings' && q.queryKey[2] === 'coaching' && q.queryKey.length === 3 },
        (current) => (current && current.cycle.id === cycle.id ? { ...current, cycle } : current),
      );
      void client.invalidateQueries({ queryKey: queryKeys.timeline(cycle.partnershipId) });
      void client.invalidateQueries({ queryKey: queryKeys.home() });
    },
  });
}
