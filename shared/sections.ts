/**
 * The six sections of a meeting's shared document. Each is a top-level
 * `Y.XmlText` in the meeting's Y.Doc, named by `id` (Lexical's `rootName`).
 * The order here is the order on the page.
 */
export const SECTIONS = [
  {
    id: 'review',
    title: 'Since last time',
    prompt: 'Did the step happen? What did you see students do? What surprised you?',
  },
  {
    id: 'currentReality',
    title: 'Current reality',
    prompt: 'What happened in the lesson? What did students do? What does the evidence show?',
  },
  {
    id: 'goal',
    title: 'Goal',
    prompt: 'What do you want to see students doing? How will you both know? By when?',
  },
  {
    id: 'modelledStrategy',
    title: 'Modelled strategy',
    prompt: 'What are the key moves of the strategy? What does it look like done well?',
  },
  {
    id: 'practicePlan',
    title: 'Practice plan',
    prompt: 'What exactly will you rehearse, and how? What will "good" sound like?',
  },
  {
    id: 'actionStep',
    title: 'Agreed next action step',
    prompt: 'What one step will you take before we next meet? When will we check back?',
  },
] as const;

export type Section = (typeof SECTIONS)[number];
export type SectionId = Section['id'];

export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((s) => s.id);

export function isSectionId(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value);
}
