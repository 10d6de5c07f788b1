import type { z } from 'zod';
import type { ZCreatePatientRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { normalizePhone } from '../../platform/phone';
import { nameSearchColumns } from './name-search';
import { patientError } from './patients.errors';
import { insertPatient } from './patients.repository';

export type CreatePatientInput = z.output<typeof ZCreatePatientRequest>;

/** Registers a patient: validates what zod cannot, assigns an MRN, and audits the creation in one transaction. */
export async function createPatient(db: Db, clock: Clock, context: ActorContext, input: CreatePatientInput) {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const oldest = `${now.getUTCFullYear() - 130}${today.slice(4)}`;
  if (input.birthDate > today || input.birthDate < oldest) {
    throw patientError(
      'BIRTH_DATE_OUT_OF_RANGE',
      'The date of birth must be in the past (and within 130 years).',
      {
        fields: [{ path: 'body.birthDate', message: 'Must be a past date' }],
      },
    );
  }
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizePhone(input.phone);
    if (!phone) {
      throw patientError('PHONE_INVALID', 'The phone number is not a number we can call.', {
        fields: [
          { path: 'body.phone', message: 'Enter a 10-digit US number or an international number with +' },
        ],
      });
    }
  }
  const preferredName = input.preferredName ?? null;
  return inTransaction(db, async (trx) => {
    const row = await insertPatient(
      trx,
      context,
      {
        id: uuidv7(now.getTime()),
        familyName: input.familyName,
        givenNames: input.givenNames,
        preferredName,
        birthDate: input.birthDate,
        sex: input.sex,
        phone,
        email: input.email?.toLowerCase() ?? null,
        search: nameSearchColumns(input.familyName, input.givenNames, preferredName),
      },
      now,
    );
    await recordAudit(
      trx,
      context,
      { action: 'create', patientId: row.id, resourceType: 'Patient', resourceId: row.id },
      now,
    );
    return row;
  });
}
