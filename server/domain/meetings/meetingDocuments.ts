/**
 * Facts the server derives from a meeting's shared document and keeps beside
 * it, such as the first line of the agreed action step shown in lists.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';

export async function setActionStepPreview(
  db: Kysely<Database>,
  meetingId: string,
  preview: string | null,
): Promise<void> {
  await db.updateTable('meetings').set({ action_step_preview: preview }).where('id', '=', meetingId).execute();
}
