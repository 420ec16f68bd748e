/**
 * A school's library of models: a strategy its coaches have written for one or
 * more persistent problems (key moves, what it looks like done well, a
 * practice activity, example action steps), tagged by phase and subject,
 * improved together with every edit kept as a revision, retired and brought
 * back. A model never holds anything from a meeting; a meeting only records
 * that a model was used in it (the school sees that as a count).
 *
 * Who: the lead and the school's coaches read and write; other staff (members)
 * read only. The partners of a partnership linked to the school see its live
 * models in their meeting, to use one.
 */
import { z } from 'zod';
import { IdSchema, PersonSchema } from './api.js';
import { LIMITS } from './limits.js';

const text = (max: number, what: string) => z.string().trim().max(max, `Keep ${what} under ${max} characters`);
const longText = (what: string) => text(LIMITS.maxModelTextChars, what);

export const ModelContentSchema = z.object({
  name: text(LIMITS.maxModelNameChars, 'the name').min(1, 'Give the strategy a name'),
  keyMoves: longText('the key moves').min(1, 'Write the key moves'),
  doneWell: longText('what it looks like done well').default(''),
  practiceActivity: longText('the practice activity').default(''),
  actionSteps: longText('the example action steps').default(''),
  problemIds: z
    .array(IdSchema)
    .max(LIMITS.maxModelProblems, `Choose at most ${LIMITS.maxModelProblems} problems`)
    .default([]),
  tags: z
    .array(text(LIMITS.maxModelTagChars, 'each tag').min(1, 'A tag cannot be empty'))
    .max(LIMITS.maxModelTags, `Use at most ${LIMITS.maxModelTags} tags`)
    .default([]),
});
export type ModelContent = z.infer<typeof ModelContentSchema>;

/** What each revision of a model is: written, its words changed, retired, brought back. */
export const MODEL_CHANGES = ['written', 'edited', 'retired', 'restored'] as const;
export type ModelChange = (typeof MODEL_CHANGES)[number];

const ContentOut = z.object({
  name: z.string(),
  keyMoves: z.string(),
  doneWell: z.string(),
  practiceActivity: z.string(),
  actionSteps: z.string(),
  problemIds: z.array(IdSchema),
  tags: z.array(z.string()),
});

export const ModelSchema = ContentOut.extend({
  id: IdSchema,
  schoolId: IdSchema,
  /** 1 when written; one more with every change (edit, retire, restore). PATCH sends the one it started from. */
  revision: z.number().int(),
  status: z.enum(['live', 'retired']),
  createdBy: PersonSchema,
  createdAt: z.string(),
  updatedBy: PersonSchema,
  updatedAt: z.string(),
});
export type Model = z.infer<typeof ModelSchema>;

export const ModelRevisionSchema = z.object({
  revision: z.number().int(),
  change: z.enum(MODEL_CHANGES),
  by: PersonSchema,
  at: z.string(),
  /** The whole model as it stood after this change. */
  content: ContentOut,
});
export type ModelRevision = z.infer<typeof ModelRevisionSchema>;

export const CreateModelRequestSchema = ModelContentSchema;
export const UpdateModelRequestSchema = ModelContentSchema.extend({
  /** The revision the edit started from; a newer one on the server means someone else changed it (409). */
  expectedRevision: z.number().int().min(1),
});
export const ModelResponseSchema = z.object({ model: ModelSchema });
export const ModelListResponseSchema = z.object({
  /** The caller's role decides whether they may write (`lead`, `coach`) or only read (`member`). */
  mayWrite: z.boolean(),
  models: z.array(ModelSchema),
});
export const ModelRevisionsResponseSchema = z.object({ revisions: z.array(ModelRevisionSchema) });

/** A meeting's models to use: the live models of the school its partnership is linked to. */
export const MeetingModelsResponseSchema = z.object({
  school: z.object({ id: IdSchema, name: z.string() }).nullable(),
  models: z.array(ModelSchema),
  /** Models already used in this meeting. */
  usedModelIds: z.array(IdSchema),
});
export type MeetingModelsResponse = z.infer<typeof MeetingModelsResponseSchema>;
export const RecordModelUseRequestSchema = z.object({ modelId: IdSchema });
export const ModelUseResponseSchema = z.object({
  use: z.object({ modelId: IdSchema, usedAt: z.string() }),
});

/** A heading line and the lines under it, as a model's words go into a section. */
export interface ModelBlock {
  heading: string;
  lines: string[];
}

/**
 * The words a model puts into a meeting: its name, key moves and what done well looks like into the Modelled
 * strategy; the practice activity and example action steps into the Practice plan. Each part becomes a heading
 * and its lines (one a line as written); parts left empty are left out.
 */
export function modelBlocks(
  model: Pick<Model, 'name' | 'keyMoves' | 'doneWell' | 'practiceActivity' | 'actionSteps'>,
): { modelledStrategy: ModelBlock[]; practicePlan: ModelBlock[] } {
  const lines = (s: string) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
  const blocks = (parts: [string, string][]) =>
    parts.filter(([, text]) => lines(text).length > 0).map(([heading, text]) => ({ heading, lines: lines(text) }));
  return {
    modelledStrategy: blocks([
      [`${model.name}: key moves`, model.keyMoves],
      ['What it looks like done well', model.doneWell],
    ]),
    practicePlan: blocks([
      [`Practice: ${model.name}`, model.practiceActivity],
      ['Example action steps', model.actionSteps],
    ]),
  };
}
