/**
 * Models in a meeting: the partners of a partnership linked to a school see
 * that school's live models, and record that they used one (once per meeting
 * and model). The words go into the notes as an ordinary edit by the partner
 * who chose it; this records only which model, which meeting, when and by
 * whom. The programme counts uses of linked partnerships (programmeQueries.ts).
 */
import { randomUUID } from 'node:crypto';
import type { MeetingModelsResponse } from '../../../shared/models.js';
import { errors } from '../../errors.js';
import { meetingAccess } from '../access.js';
import { assertMeetingOpen } from '../meetings/finishing.js';
import { modelErrors } from './modelPolicies.js';
import { presentModel, selectModels } from './models.js';
import { linkRowOf } from './schoolLinks.js';
import type { SchoolsDeps } from './schools.js';

const meetingNotFound = () => errors.notFound('That meeting');

export class ModelUses {
  constructor(private readonly deps: SchoolsDeps) {}

  private get db() {
    return this.deps.db;
  }

  private async access(userId: string, meetingId: string) {
    const access = await meetingAccess(this.db, userId, meetingId);
    if (!access) throw meetingNotFound();
    const link = await linkRowOf(this.db, access.partnership.id);
    return { access, link: link?.linked_at ? link : null };
  }

  /** The linked school's live models (none when the partnership is not linked), and those used here. */
  async forMeeting(userId: string, meetingId: string): Promise<MeetingModelsResponse> {
    const { link } = await this.access(userId, meetingId);
    if (!link) return { school: null, models: [], usedModelIds: [] };
    const [rows, used] = await Promise.all([
      selectModels(this.db)
        .where('m.school_id', '=', link.school_id)
        .where('m.retired_at', 'is', null)
        .orderBy('m.name')
        .orderBy('m.id')
        .execute(),
      this.db.selectFrom('model_uses').select('model_id').where('meeting_id', '=', meetingId).execute(),
    ]);
    return {
      school: { id: link.school_id, name: link.school_name },
      models: rows.map(presentModel),
      usedModelIds: used.map((u) => u.model_id),
    };
  }

  /** Records the use; a second use of the same model in the same meeting answers the first. */
  async record(userId: string, meetingId: string, modelId: string): Promise<{ modelId: string; usedAt: string }> {
    const { access, link } = await this.access(userId, meetingId);
    assertMeetingOpen(access.meeting);
    const model = await this.db
      .selectFrom('models')
      .select(['id', 'school_id', 'retired_at'])
      .where('id', '=', modelId)
      .executeTakeFirst();
    if (!link || !model || model.school_id !== link.school_id || model.retired_at !== null) {
      throw modelErrors.unavailable();
    }
    const coaching = await this.db
      .selectFrom('meeting_coaching')
      .select('cycle_id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    await this.db
      .insertInto('model_uses')
      .values({
        id: randomUUID(),
        model_id: modelId,
        meeting_id: meetingId,
        partnership_id: access.partnership.id,
        cycle_id: coaching?.cycle_id ?? null,
        used_at: this.deps.now().toISOString(),
        used_by: userId,
      })
      .onConflict((oc) => oc.columns(['meeting_id', 'model_id']).doNothing())
      .execute();
    const use = await this.db
      .selectFrom('model_uses')
      .select(['model_id', 'used_at'])
      .where('meeting_id', '=', meetingId)
      .where('model_id', '=', modelId)
      .executeTakeFirstOrThrow();
    return { modelId: use.model_id, usedAt: use.used_at };
  }
}
