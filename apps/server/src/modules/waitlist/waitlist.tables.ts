import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/schema';

export type WaitlistEntryTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  appointment_type_id: string;
  provider_id: string | null;
  location_id: string | null;
  earliest_date: string;
  latest_date: string;
  weekdays: number[] | null;
  earliest_time: string | null;
  latest_time: string | null;
  note: string | null;
  priority: 'normal' | 'high';
  status: 'active' | 'booked' | 'cancelled' | 'expired';
  appointment_id: string | null;
  created_by: string | null;
  created_via: 'desk' | 'portal';
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_reason: string | null;
  version: Generated<number>;
};

export type WaitlistOfferTable = {
  organization_id: string;
  id: string;
  entry_id: string;
  patient_id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  token_hash: string;
  channel: 'sms' | 'email' | 'phone';
  message_id: string | null;
  state: 'open' | 'accepted' | 'declined' | 'expired' | 'taken' | 'withdrawn';
  withdrawn_reason: 'slot-booked' | 'slot-unavailable' | 'entry-closed' | null;
  sent_at: Timestamp;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
  closed_at: Timestamp | null;
  appointment_id: string | null;
};

declare module '../../platform/db/schema' {
  interface Database {
    waitlist_entry: WaitlistEntryTable;
    waitlist_offer: WaitlistOfferTable;
  }
}
