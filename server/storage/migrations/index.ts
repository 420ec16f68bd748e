import type { Migration } from 'kysely';
import type { Dialect } from '../db.js';
import { initial } from './001_initial.js';
import { docClients } from './002_doc_clients.js';
import { accountClosure } from './003_account_closure.js';
import { coachingCycle } from './004_coaching_cycle.js';
import { meetingFinish } from './005_meeting_finish.js';
import { meetingVersions } from './006_meeting_versions.js';
import { search } from './007_search.js';
import { sessionExpiryIndex } from './008_session_expiry_index.js';
import { accountMail } from './009_account_mail.js';
import { accountIdentities } from './010_account_identities.js';
import { schedule } from './011_schedule.js';
import { schools } from './012_schools.js';
import { measureValues } from './013_measure_values.js';
import { models } from './014_models.js';

/** Every migration, by name; names sort in the order they run. */
export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_initial': initial(dialect),
    '002_doc_clients': docClients,
    '003_account_closure': accountClosure(),
    '004_coaching_cycle': coachingCycle(),
    '005_meeting_finish': meetingFinish(),
    '006_meeting_versions': meetingVersions(dialect),
    '007_search': search(dialect),
    '008_session_expiry_index': sessionExpiryIndex,
    '009_account_mail': accountMail,
    '010_account_identities': accountIdentities,
    '011_schedule': schedule,
    '012_schools': schools,
    '013_measure_values': measureValues,
    '014_models': models,
  };
}
