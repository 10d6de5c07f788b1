import type { AppointmentTypeRules } from '@patientdesk/contracts';
import type { Executor } from '../../platform/audit/audit.repository';
import { json } from '../../platform/db/schema';

export async function listLocations(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('location')
    .select(['id', 'name', 'time_zone', 'phone'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .execute();
}

export async function listProviders(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('provider')
    .select(['id', 'display_name', 'specialty', 'npi'])
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .orderBy('family_name')
    .orderBy('given_names')
    .execute();
}

/** Active staff accounts (never patients), by name. */
export async function listStaff(executor: Executor, organizationId: string) {
  return executor
    .selectFrom('app_user')
    .select(['id', 'display_name', 'role'])
    .where('organization_id', '=', organizationId)
    .where('role', '!=', 'patient')
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export type NewLocation = {
  id: string;
  name: string;
  timeZone: string;
  phone: string | null;
  address: Record<string, string>;
};
export type NewProvider = {
  id: string;
  displayName: string;
  familyName: string;
  givenNames: string;
  credentials: string | null;
  specialty: string;
  npi: string | null;
  locationIds: string[];
};

export async function insertLocation(executor: Executor, organizationId: string, location: NewLocation) {
  await executor
    .insertInto('location')
    .values({
      organization_id: organizationId,
      id: location.id,
      name: location.name,
      time_zone: location.timeZone,
      phone: location.phone,
      address: json(location.address),
    })
    .execute();
}

export async function insertProvider(executor: Executor, organizationId: string, provider: NewProvider) {
  await executor
    .insertInto('provider')
    .values({
      organization_id: organizationId,
      id: provider.id,
      display_name: provider.displayName,
      family_name: provider.familyName,
      given_names: provider.givenNames,
      credentials: provider.credentials,
      specialty: provider.specialty,
      npi: provider.npi,
      active: true,
    })
    .execute();
  if (provider.locationIds.length) {
    await executor
      .insertInto('provider_location')
      .values(
        provider.locationIds.map((locationId) => ({
          organization_id: organizationId,
          provider_id: provider.id,
          location_id: locationId,
        })),
      )
      .execute();
  }
}

export async function insertRoom(
  executor: Executor,
  organizationId: string,
  room: { id: string; locationId: string; name: string; kind: string },
) {
  await executor
    .insertInto('room')
    .values({
      organization_id: organizationId,
      id: room.id,
      location_id: room.locationId,
      name: room.name,
      kind: room.kind,
    })
    .execute();
}

export type NewAppointmentType = {
  id: string;
  code: string;
  name: string;
  specialty: string;
  durationMinutes: number;
  modality: 'in_person' | 'video';
  newPatient: boolean;
  bufferMinutes?: number;
  roomKind?: string | null;
  selfSchedulable?: boolean;
  rules?: AppointmentTypeRules;
  preparation?: Record<string, string>;
  requiredForms?: string[];
};

export async function insertAppointmentType(
  executor: Executor,
  organizationId: string,
  type: NewAppointmentType,
) {
  await executor
    .insertInto('appointment_type')
    .values({
      organization_id: organizationId,
      id: type.id,
      code: type.code,
      name: type.name,
      specialty: type.specialty,
      duration_minutes: type.durationMinutes,
      modality: type.modality,
      new_patient: type.newPatient,
      active: true,
      buffer_minutes: type.bufferMinutes ?? 0,
      room_kind: type.roomKind ?? null,
      self_schedulable: type.selfSchedulable ?? false,
      rules: json(type.rules ?? {}),
      preparation: json(type.preparation ?? {}),
      required_forms: type.requiredForms ?? [],
    })
    .execute();
}
