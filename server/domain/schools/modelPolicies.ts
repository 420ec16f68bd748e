/**
 * Who may do what with a school's models, as pure functions. The lead and the
 * school's coaches write and improve models together; other staff (members)
 * read the library, so they know what coaching offers, but do not write it.
 */
import type { SchoolRole } from '../../../shared/schools.js';
import { errors } from '../../errors.js';

export const modelErrors = {
  notFound: () => errors.notFound('That model'),
  writersOnly: () =>
    errors.forbidden('Only the school’s coaching lead and coaches write models; other staff can read them.'),
  stale: () =>
    errors.conflict(
      'stale_revision',
      'Someone else changed this model while you were editing it. Their version is shown now; make your change again.',
    ),
  alreadyRetired: () => errors.conflict('already_retired', 'This model is already retired.'),
  notRetired: () => errors.conflict('not_retired', 'This model is live already; it is not retired.'),
  unavailable: () =>
    errors.conflict(
      'model_unavailable',
      'That model is not one of the live models of the school this partnership is linked to.',
    ),
  unknownProblem: () =>
    errors.validation({ problemIds: 'Choose problems of this school only.' }, 'Choose problems of this school only.'),
};

export function mayWriteModels(role: SchoolRole): boolean {
  return role === 'lead' || role === 'coach';
}

export function assertMayWriteModels(role: SchoolRole): void {
  if (!mayWriteModels(role)) throw modelErrors.writersOnly();
}
