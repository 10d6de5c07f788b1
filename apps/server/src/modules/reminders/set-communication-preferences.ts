import type { CommunicationPreferencesRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { commonError, type FieldError } from '../../platform/http/errors';
import { reminderError } from './reminders.errors';
import {
  findPreferences,
  updatePreferences,
  type PreferencesChange,
  type PreferencesRow,
} from './reminders.repository';

const FIELDS: Record<keyof PreferencesChange, keyof CommunicationPreferencesRequest> = {
  preferred_language: 'preferredLanguage',
  preferred_channel: 'preferredChannel',
  sms_consent: 'smsConsent',
  email_consent: 'emailConsent',
  quiet_hours_start: 'quietHoursStart',
  quiet_hours_end: 'quietHoursEnd',
  message_detail: 'messageDetail',
};

/** What cannot work with the patient's contact details: a channel or a consent with nothing to send to. */
function contactErrors(input: CommunicationPreferencesRequest, current: PreferencesRow): FieldError[] {
  const errors: FieldError[] = [];
  if (!current.phone) {
    if (input.preferredChannel === 'sms') {
      errors.push({ path: 'body.preferredChannel', message: 'The patient has no phone number on file' });
    }
    if (input.smsConsent) {
      errors.push({ path: 'body.smsConsent', message: 'Record a phone number before consent to texts' });
    }
  }
  if (!current.email) {
    if (input.preferredChannel === 'email') {
      errors.push({ path: 'body.preferredChannel', message: 'The patient has no email address on file' });
    }
    if (input.emailConsent) {
      errors.push({ path: 'body.emailConsent', message: 'Record an email address before consent to email' });
    }
  }
  return errors;
}

/**
 * Replaces a patient's communication preferences at the version the desk saw (If-Match), with an audit entry
 * naming the fields that changed. The patient record's own version is left alone, so a demographics edit open at
 * the same time is not refused for it.
 */
export async function setCommunicationPreferences(
  db: Db,
  context: ActorContext,
  patientId: string,
  version: number,
  input: CommunicationPreferencesRequest,
  now: Date,
) {
  return inTransaction(db, async (trx) => {
    const current = await findPreferences(trx, context, patientId);
    if (!current) throw reminderError('PATIENT_NOT_FOUND', 'No patient with that id.');
    if (current.communication_version !== version) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed these preferences since you opened them. Reload them.',
      );
    }
    const errors = contactErrors(input, current);
    if (errors.length > 0) {
      throw reminderError(
        'PREFERENCES_INVALID',
        'Some preferences do not fit the patient’s contact details.',
        {
          fields: errors,
        },
      );
    }
    const change: PreferencesChange = {
      preferred_language: input.preferredLanguage,
      preferred_channel: input.preferredChannel,
      sms_consent: input.smsConsent,
      email_consent: input.emailConsent,
      quiet_hours_start: input.quietHoursStart,
      quiet_hours_end: input.quietHoursEnd,
      message_detail: input.messageDetail,
    };
    const updated = await updatePreferences(trx, context, patientId, version, change);
    if (!updated) {
      throw commonError(
        'VERSION_MISMATCH',
        'Someone changed these preferences since you opened them. Reload them.',
      );
    }
    const changed = (Object.keys(FIELDS) as (keyof PreferencesChange)[])
      .filter((column) => current[column] !== change[column])
      .map((column) => FIELDS[column]);
    await recordAudit(
      trx,
      context,
      {
        action: 'update',
        patientId,
        resourceType: 'Patient',
        resourceId: patientId,
        details: { part: 'communication-preferences', fields: changed },
      },
      now,
    );
    return updated;
  });
}
