import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/schema';

export type AvailabilityTemplateTable = {
  organization_id: string;
  id: string;
  provider_id: string;
  location_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  effective_from: string;
  effective_to: string | null;
  appointment_type_ids: string[] | null;
  created_at: CreatedAt;
};

export type AvailabilityExceptionTable = {
  organization_id: string;
  id: string;
  provider_id: string;
  location_id: string | null;
  kind: 'block' | 'extra';
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
};

export type HolidayTable = {
  organization_id: string;
  id: string;
  day: string;
  name: string;
  location_id: string | null;
};

export type AppointmentTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  provider_id: string;
  location_id: string;
  room_id: string | null;
  appointment_type_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  blocked_until: Timestamp;
  status:
    | 'proposed'
    | 'booked'
    | 'confirmed'
    | 'arrived'
    | 'checked_in'
    | 'in_room'
    | 'completed'
    | 'cancelled'
    | 'no_show';
  modality: 'in_person' | 'video';
  video_url: string | null;
  note: string | null;
  overbooked: Generated<boolean>;
  overbook_reason: string | null;
  rescheduled_from_id: string | null;
  rescheduled_to_id: string | null;
  cancel_reason: string | null;
  cancelled_by: 'patient' | 'clinic' | 'provider' | null;
  cancelled_at: Timestamp | null;
  late_cancellation: Generated<boolean>;
  confirmed_at: Timestamp | null;
  booked_by: string | null;
  booked_via: 'desk' | 'portal' | 'waitlist' | 'api';
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type AppointmentStatusChangeTable = {
  organization_id: string;
  appointment_id: string;
  seq: number;
  from_status: string | null;
  to_status: string;
  changed_at: Timestamp;
  changed_by: string | null;
  reason: string | null;
};

declare module '../../platform/db/schema' {
  interface Database {
    availability_template: AvailabilityTemplateTable;
    availability_exception: AvailabilityExceptionTable;
    holiday: HolidayTable;
    appointment: AppointmentTable;
    appointment_status_change: AppointmentStatusChangeTable;
  }
}
