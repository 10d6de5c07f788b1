import type { CommunicationPreferences } from '@patientdesk/contracts';
import type { PreferencesRow } from './reminders.repository';

/** The channel in effect: the patient's choice, or SMS when they have a phone and email otherwise. */
export function effectiveChannel(
  chosen: 'sms' | 'email' | 'none' | null,
  phone: string | null,
): 'sms' | 'email' | 'none' {
  return chosen ?? (phone ? 'sms' : 'email');
}

export function toCommunicationPreferences(row: PreferencesRow): CommunicationPreferences {
  return {
    patientId: row.id,
    preferredLanguage: row.preferred_language,
    preferredChannel: effectiveChannel(row.preferred_channel, row.phone),
    preferredChannelChosen: row.preferred_channel !== null,
    smsConsent: row.sms_consent,
    emailConsent: row.email_consent,
    quietHoursStart: row.quiet_hours_start,
    quietHoursEnd: row.quiet_hours_end,
    messageDetail: row.message_detail,
    hasPhone: row.phone !== null,
    hasEmail: row.email !== null,
    version: row.communication_version,
  };
}
