import type { OrganizationSettings } from '../../platform/db/schema';
import { formatPhone, normalizePhone } from '../../platform/phone';

/** The name patients know the clinic by: the organization's display name, or its name. */
export function clinicName(organizationName: string, settings: OrganizationSettings): string {
  return settings.displayName?.trim() || organizationName;
}

/** The number a message names (TCPA): the location's, else the organization's contact phone; null if neither. */
export function clinicPhone(locationPhone: string | null, settings: OrganizationSettings): string | null {
  for (const candidate of [locationPhone, settings.contactPhone]) {
    const normalized = candidate ? normalizePhone(candidate) : null;
    if (normalized) return formatPhone(normalized);
  }
  return null;
}

/** Preparation in the patient's language, else English, else whatever the clinic wrote. */
export function preparationIn(preparation: Record<string, string>, language: string): string | null {
  const text = preparation[language] ?? preparation.en ?? Object.values(preparation)[0];
  return text?.trim() ? text.trim() : null;
}
