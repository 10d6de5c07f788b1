import type { ZCreatePatientRequest, ZUpdatePatientRequest } from '@patientdesk/contracts';
import type { z } from 'zod';
import type { Executor } from '../../platform/audit/audit.repository';
import { normalizePhone } from '../../platform/phone';
import { patientError } from './patients.errors';
import { identifierHolder } from './patients.repository';

export type CreatePatientInput = z.input<typeof ZCreatePatientRequest>;
export type UpdatePatientInput = z.output<typeof ZUpdatePatientRequest>;

type FieldProblem = { path: string; message: string };
const PHONE_HINT = 'Enter a 10-digit US number or an international number with +';

/**
 * Checks what the schema cannot (a date of birth in the past, phone numbers we can call, one identifier listed
 * once) and normalizes phones to E.164 and emails to lower case. Every problem is reported at once, field by
 * field; nothing is written when any is found.
 */
export function checkRegistration<T extends Partial<UpdatePatientInput>>(input: T, now: Date): T {
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = { ...input };
  if (input.birthDate !== undefined) {
    const today = now.toISOString().slice(0, 10);
    const oldest = `${now.getUTCFullYear() - 130}${today.slice(4)}`;
    if (input.birthDate > today || input.birthDate < oldest) {
      problems.push({ path: 'body.birthDate', message: 'Must be a past date (and within 130 years)' });
    }
  }
  const phone = (value: string, path: string) => {
    const normalized = normalizePhone(value);
    if (!normalized) problems.push({ path, message: PHONE_HINT });
    return normalized ?? value;
  };
  if (typeof input.phone === 'string') out.phone = phone(input.phone, 'body.phone');
  if (input.otherPhones) {
    out.otherPhones = input.otherPhones.map((entry, index) => ({
      ...entry,
      number: phone(entry.number, `body.otherPhones.${index}.number`),
    }));
  }
  if (input.emergencyContacts) {
    out.emergencyContacts = input.emergencyContacts.map((contact, index) => ({
      ...contact,
      phone: phone(contact.phone, `body.emergencyContacts.${index}.phone`),
    }));
  }
  if (typeof input.email === 'string') out.email = input.email.toLowerCase();
  if (input.identifiers) {
    const seen = new Set<string>();
    input.identifiers.forEach((identifier, index) => {
      const key = `${identifier.system}\u0000${identifier.value}`;
      if (seen.has(key)) problems.push({ path: `body.identifiers.${index}`, message: 'Listed twice' });
      seen.add(key);
    });
  }
  if (input.accessibilityNeeds) out.accessibilityNeeds = [...new Set(input.accessibilityNeeds)];
  if (problems.length > 0) {
    const birth = problems.every((problem) => problem.path === 'body.birthDate');
    const phones = problems.every((problem) => /phone|Phones/.test(problem.path));
    throw patientError(
      birth ? 'BIRTH_DATE_OUT_OF_RANGE' : phones ? 'PHONE_INVALID' : 'REGISTRATION_INVALID',
      birth
        ? 'The date of birth must be in the past (and within 130 years).'
        : phones
          ? 'A phone number is not a number we can call.'
          : 'Some fields need another look.',
      { fields: problems },
    );
  }
  return out as T;
}

/** Refuses identifiers from other systems that already name another patient of the organization (409). */
export async function assertIdentifiersFree(
  executor: Executor,
  organizationId: string,
  patientId: string,
  identifiers: readonly { system: string; value: string }[],
): Promise<void> {
  const holder = await identifierHolder(executor, organizationId, patientId, identifiers);
  if (!holder) return;
  throw patientError(
    'IDENTIFIER_IN_USE',
    'That identifier already belongs to another patient: this may be a duplicate record.',
    { fields: [{ path: 'body.identifiers', message: `${holder.system} ${holder.value} is in use` }] },
  );
}
