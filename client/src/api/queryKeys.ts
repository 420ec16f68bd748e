/**
 * Every query's key, one function per resource. Keys nest, so invalidating a
 * prefix reaches what sits under it: `meeting(id)` covers the meeting's
 * coaching, authors and versions, `partnership(id)` its timeline.
 */
export const queryKeys = {
  /** Who is signed in (`null`: no one); kept when the rest of the cache is emptied for the next person. */
  session: () => ['session'] as const,
  /** The home page's summaries. */
  home: () => ['home'] as const,
  /** Every partnership of the signed-in person. */
  partnerships: () => ['partnerships'] as const,
  partnership: (id: string) => ['partnerships', id] as const,
  /** A partnership's meetings and cycles. */
  timeline: (partnershipId: string) => ['partnerships', partnershipId, 'timeline'] as const,
  /** When the partners next meet (kept fresh by the `partnership:next-meeting` event). */
  nextMeeting: (partnershipId: string) => ['partnerships', partnershipId, 'next-meeting'] as const,
  reminderSettings: () => ['me', 'reminders'] as const,
  calendarLink: () => ['me', 'calendar'] as const,
  cycleRecord: (cycleId: string) => ['cycles', cycleId, 'record'] as const,
  /** Every value recorded for a cycle's measure, and the cycle's meetings. */
  measureValues: (cycleId: string) => ['cycles', cycleId, 'measure'] as const,
  meeting: (id: string) => ['meetings', id] as const,
  meetingCoaching: (meetingId: string) => ['meetings', meetingId, 'coaching'] as const,
  authors: (meetingId: string) => ['meetings', meetingId, 'authors'] as const,
  versions: (meetingId: string) => ['meetings', meetingId, 'versions'] as const,
  version: (meetingId: string, versionId: string) => ['meetings', meetingId, 'versions', versionId] as const,
  compare: (meetingId: string, versionId: string) => ['meetings', meetingId, 'versions', versionId, 'compare'] as const,
  invite: (token: string) => ['invites', token] as const,
  /** Sign-in providers besides passwords (the same for everyone). */
  authProviders: () => ['authProviders'] as const,
  /** This browser's pending link of a school sign-in to an account. */
  accountLink: () => ['accountLink'] as const,
  search: (q: string) => ['search', q] as const,
  /** The signed-in person's schools; `school(id)` covers its problems and programme. */
  schools: () => ['schools'] as const,
  school: (id: string) => ['schools', id] as const,
  problems: (schoolId: string) => ['schools', schoolId, 'problems'] as const,
  programme: (schoolId: string) => ['schools', schoolId, 'programme'] as const,
  /** The school's library of models, and one model's revisions. */
  models: (schoolId: string) => ['schools', schoolId, 'models'] as const,
  modelRevisions: (modelId: string) => ['models', modelId, 'revisions'] as const,
  /** The linked school's live models, offered in a meeting. */
  meetingModels: (meetingId: string) => ['meetings', meetingId, 'models'] as const,
  schoolInvitation: (token: string) => ['school-invitations', token] as const,
  /** A partnership's link to a school and what the school sees of it. */
  partnershipSchool: (partnershipId: string) => ['partnerships', partnershipId, 'school'] as const,
  schoolView: (partnershipId: string) => ['partnerships', partnershipId, 'school', 'view'] as const,
  cycleProblem: (cycleId: string) => ['cycles', cycleId, 'problem'] as const,
};
