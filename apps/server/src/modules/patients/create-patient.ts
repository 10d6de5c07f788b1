import { ZCreatePatientRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { json } from '../../platform/db/schema';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { nameSearchColumns } from './name-search';
import { toPatient } from './patient-view';
import { insertPatient, insertPatientVersion, replaceIdentifiers } from './patients.repository';
import type { FieldChange } from './patients.tables';
import { assertIdentifiersFree, checkRegistration, type CreatePatientInput } from './registration';

export type { CreatePatientInput } from './registration';

/**
 * Registers a patient: validates what zod cannot, assigns an MRN, and writes the record, its identifiers, its
 * first version and the audit entry in one transaction.
 */
export async function createPatient(db: Db, clock: Clock, context: ActorContext, raw: CreatePatientInput) {
  const now = clock.now();
  const input = checkRegistration(ZCreatePatientRequest.parse(raw), now);
  const preferredName = input.preferredName ?? null;
  return inTransaction(db, async (trx) => {
    const id = uuidv7(now.getTime());
    const identifiers = input.identifiers ?? [];
    await assertIdentifiersFree(trx, context.organizationId, id, identifiers);
    const row = await insertPatient(
      trx,
      context,
      {
        id,
        familyName: input.familyName,
        givenNames: input.givenNames,
        preferredName,
        birthDate: input.birthDate,
        sex: input.sex,
        phone: input.phone ?? null,
        email: input.email ?? null,
        search: nameSearchColumns(input.familyName, input.givenNames, preferredName),
        details: {
          pronouns: input.pronouns ?? null,
          phone_type: input.phoneType ?? null,
          other_phones: json(input.otherPhones ?? []),
          addresses: json(input.addresses ?? []),
          preferred_language: input.preferredLanguage ?? 'en',
          interpreter_needed: input.interpreterNeeded ?? false,
          gender_identity: input.genderIdentity ?? null,
          accessibility_needs: input.accessibilityNeeds ?? [],
          accessibility_note: input.accessibilityNote ?? null,
          emergency_contacts: json(input.emergencyContacts ?? []),
          sms_consent: Boolean(input.smsConsent && input.phone),
        },
      },
      now,
    );
    await replaceIdentifiers(trx, context.organizationId, id, identifiers);
    const created = { ...row, identifiers };
    // The first version lists every field it set.
    const changes: FieldChange[] = Object.entries(toPatient(created))
      .filter(
        ([field, value]) =>
          !['id', 'mrn', 'createdAt', 'updatedAt', 'version'].includes(field) &&
          value !== null &&
          !(Array.isArray(value) && value.length === 0),
      )
      .map(([field, value]) => ({ field, from: null, to: value }));
    await insertPatientVersion(trx, context, { patientId: id, version: 1, changedAt: now, changes });
    await recordAudit(
      trx,
      context,
      { action: 'create', patientId: row.id, resourceType: 'Patient', resourceId: row.id },
      now,
    );
    return created;
  });
}
