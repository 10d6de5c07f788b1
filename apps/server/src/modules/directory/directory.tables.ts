import type { AppointmentTypeRules } from '@patientdesk/contracts';
import type { Generated } from 'kysely';
import type { CreatedAt, Json } from '../../platform/db/schema';

export type LocationTable = {
  organization_id: string;
  id: string;
  name: string;
  time_zone: string;
  phone: string | null;
  address: Json<Record<string, string>>;
  created_at: CreatedAt;
};

export type ProviderTable = {
  organization_id: string;
  id: string;
  display_name: string;
  family_name: string;
  given_names: string;
  credentials: string | null;
  specialty: string;
  npi: string | null;
  active: boolean;
  created_at: CreatedAt;
};

export type ProviderLocationTable = { organization_id: string; provider_id: string; location_id: string };

export type RoomTable = {
  organization_id: string;
  id: string;
  location_id: string;
  name: string;
  kind: string;
};

export type AppointmentTypeTable = {
  organization_id: string;
  id: string;
  code: string;
  name: string;
  specialty: string;
  duration_minutes: number;
  modality: 'in_person' | 'video';
  new_patient: boolean;
  active: boolean;
  buffer_minutes: Generated<number>;
  room_kind: string | null;
  self_schedulable: Generated<boolean>;
  rules: Json<AppointmentTypeRules>;
  preparation: Json<Record<string, string>>;
  required_forms: Generated<string[]>;
};

declare module '../../platform/db/schema' {
  interface Database {
    location: LocationTable;
    provider: ProviderTable;
    provider_location: ProviderLocationTable;
    room: RoomTable;
    appointment_type: AppointmentTypeTable;
  }
}
