import { isDeepStrictEqual } from 'node:util';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { json } from '../../platform/db/schema';
import { inTransaction } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { assertMayOpenRecord } from '../confidentiality';
import { nameSearchColumns } from './name-search';
import { FIELD_COLUMNS, type ColumnField } from './patient-fields';
import { patientError } from './patients.errors';
import {
  identifiersOf,
  insertPatientVersion,
  lockPatientForChange,
  rememberNameWords,
  replaceIdentifiers,
  type FullPatientRow,
} from './patients.repository';
import type { FieldChange } from './patients.tables';
import { assertIdentifiersFree, checkRegistration, type UpdatePatientInput } from './registration';

const JSON_COLUMNS = new Set(['other_phones', 'addresses', 'emergency_contacts']);

/**
 * Changes a record (merge-patch semantics) if `expectedVersion` is still current: 412 otherwise, so two people
 * cannot silently overwrite each other. Writes the new version's field-by-field changes and an audit entry that
 * names the fields (never their values) in the same transaction. A change that changes nothing writes nothing.
 */
export async function updatePatient(
  db: Db,
  clock: Clock,
  context: ActorContext,
  id: string,
  expectedVersion: number,
  patch: UpdatePatientInput,
) {
  const now = clock.now();
  const input = checkRegistration(patch, now);
  return inTransaction(db, async (trx) => {
    const row = await lockPatientForChange(trx, context, id);
    if (!row) throw patientError('PATIENT_NOT_FOUND', 'No patient with that id.');
    // A restricted record is changed only by those who may open it.
    await assertMayOpenRecord(trx, context, id, now, {
      action: 'update',
      resourceType: 'Patient',
      resourceId: id,
    });
    if (row.version !== expectedVersion) {
      throw commonError(
        'VERSION_MISMATCH',
        `Someone else changed this record (it is now at version ${row.version}). Reload it and make your change again.`,
      );
    }
    const changes: FieldChange[] = [];
    const set: Record<string, unknown> = {};
    for (const field of Object.keys(FIELD_COLUMNS) as ColumnField[]) {
      const next = (input as Record<string, unknown>)[field];
      if (next === undefined) continue;
      const column = FIELD_COLUMNS[field];
      const before = row[column as keyof FullPatientRow] ?? null;
      if (isDeepStrictEqual(before, next)) continue;
      changes.push({ field, from: before, to: next });
      set[column] = JSON_COLUMNS.has(column) ? json(next) : next;
    }
    if (input.identifiers) {
      const before = await identifiersOf(trx, context.organizationId, id);
      const sorted = [...input.identifiers].sort(
        (a, b) => a.system.localeCompare(b.system) || a.value.localeCompare(b.value),
      );
      if (!isDeepStrictEqual(before, sorted)) {
        await assertIdentifiersFree(trx, context.organizationId, id, sorted);
        await replaceIdentifiers(trx, context.organizationId, id, sorted);
        changes.push({ field: 'identifiers', from: before, to: sorted });
      }
    }
    if (changes.length === 0) return row.version;
    const names = ['family_name', 'given_names', 'preferred_name'];
    if (names.some((column) => column in set)) {
      const pick = (column: 'family_name' | 'given_names' | 'preferred_name') =>
        (column in set ? set[column] : row[column]) as string | null;
      const search = nameSearchColumns(
        pick('family_name') ?? '',
        pick('given_names') ?? '',
        pick('preferred_name'),
      );
      Object.assign(set, search);
      await rememberNameWords(trx, context.organizationId, search.name_search);
    }
    const version = row.version + 1;
    // Consent to texts is consent for a number (TCPA): a new number starts without it, and the communication
    // preferences' version moves so a form showing the old consent cannot save it back.
    const newNumber = 'phone' in set;
    await trx
      .updateTable('patient')
      .set((eb) => ({
        ...set,
        version,
        updated_at: now,
        ...(newNumber
          ? { sms_consent: false, communication_version: eb('communication_version', '+', 1) }
          : {}),
      }))
      .where('organization_id', '=', context.organizationId)
      .where('id', '=', id)
      .execute();
    await insertPatientVersion(trx, context, { patientId: id, version, changedAt: now, changes });
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId: id,
        resourceType: 'Patient',
        resourceId: id,
        details: { version, fields: changes.map((change) => change.field) },
      },
      now,
    );
    return version;
  });
}
