import type { WaitlistEntry, WaitlistOffer, WaitlistOfferView } from '@patientdesk/contracts';
import { toZonedIso } from '../scheduling';
import type { EntryRow } from './waitlist.repository';
import type { OfferRow } from './waitlist-offers.repository';

/** An offer as the desk and portal show it, its times in the location's own offset. */
export function toWaitlistOffer(row: Omit<OfferRow, 'entry_id'>): WaitlistOffer {
  const zoned = (instant: Date) => toZonedIso(instant, row.time_zone);
  return {
    id: row.id,
    start: zoned(row.starts_at),
    end: zoned(row.ends_at),
    provider: { id: row.provider_id, name: row.provider_name },
    location: { id: row.location_id, name: row.location_name, timeZone: row.time_zone },
    channel: row.channel,
    state: row.state,
    sentAt: zoned(row.sent_at),
    expiresAt: zoned(row.expires_at),
    respondedAt: row.responded_at ? zoned(row.responded_at) : null,
    appointmentId: row.appointment_id,
  };
}

/** An entry with its offers (newest first). */
export function toWaitlistEntry(row: EntryRow, offers: readonly OfferRow[]): WaitlistEntry {
  return {
    id: row.id,
    patient: {
      id: row.patient_id,
      name: `${row.patient_family_name}, ${row.patient_given_names}`,
      mrn: row.patient_mrn,
    },
    appointmentType: { id: row.appointment_type_id, code: row.type_code, name: row.type_name },
    provider: row.provider_id ? { id: row.provider_id, name: row.provider_name ?? '' } : null,
    location: row.location_id ? { id: row.location_id, name: row.location_name ?? '' } : null,
    earliestDate: row.earliest_date,
    latestDate: row.latest_date,
    weekdays: row.weekdays ? row.weekdays.map(Number) : null,
    earliestTime: row.earliest_time,
    latestTime: row.latest_time,
    note: row.note,
    priority: row.priority,
    status: row.status,
    appointmentId: row.appointment_id,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdVia: row.created_via,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    version: row.version,
    offers: offers.filter((offer) => offer.entry_id === row.id).map(toWaitlistOffer),
  };
}

/** An offer as its link shows it: no patient, no kind of visit, no provider. */
export function toOfferView(row: OfferRow, clinicName: string): WaitlistOfferView {
  const zoned = (instant: Date) => toZonedIso(instant, row.time_zone);
  return {
    id: row.id,
    clinicName,
    state: row.state,
    start: zoned(row.starts_at),
    end: zoned(row.ends_at),
    location: { name: row.location_name, timeZone: row.time_zone },
    expiresAt: zoned(row.expires_at),
    appointmentId: row.appointment_id,
  };
}
