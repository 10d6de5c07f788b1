import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit.repository';

/**
 * Writing and reading a provider's availability as staff manage it: weekly templates, exceptions (blocks and extra
 * clinics), holidays, and which providers work where. The slot engine reads availability through
 * `offeredSchedule` in scheduling.repository.
 */

export async function insertAvailabilityTemplate(
  executor: Executor,
  organizationId: string,
  template: {
    id: string;
    providerId: string;
    locationId: string;
    weekday: number;
    startTime: string;
    endTime: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    appointmentTypeIds: string[] | null;
  },
) {
  await executor
    .insertInto('availability_template')
    .values({
      organization_id: organizationId,
      id: template.id,
      provider_id: template.providerId,
      location_id: template.locationId,
      weekday: template.weekday,
      start_time: template.startTime,
      end_time: template.endTime,
      effective_from: template.effectiveFrom,
      effective_to: template.effectiveTo,
      appointment_type_ids: template.appointmentTypeIds,
    })
    .execute();
}

export async function deleteAvailabilityTemplate(executor: Executor, organizationId: string, id: string) {
  const result = await executor
    .deleteFrom('availability_template')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returning('provider_id')
    .executeTakeFirst();
  return result?.provider_id ?? null;
}

export async function insertAvailabilityException(
  executor: Executor,
  organizationId: string,
  exception: {
    id: string;
    providerId: string;
    locationId: string | null;
    kind: 'block' | 'extra';
    start: Date;
    end: Date;
    reason: string | null;
    createdBy: string | null;
  },
) {
  await executor
    .insertInto('availability_exception')
    .values({
      organization_id: organizationId,
      id: exception.id,
      provider_id: exception.providerId,
      location_id: exception.locationId,
      kind: exception.kind,
      starts_at: exception.start,
      ends_at: exception.end,
      reason: exception.reason,
      created_by: exception.createdBy,
    })
    .execute();
}

export async function deleteAvailabilityException(executor: Executor, organizationId: string, id: string) {
  const result = await executor
    .deleteFrom('availability_exception')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returning('provider_id')
    .executeTakeFirst();
  return result?.provider_id ?? null;
}

export async function insertHoliday(
  executor: Executor,
  organizationId: string,
  holiday: { id: string; day: string; name: string; locationId: string | null },
) {
  await executor
    .insertInto('holiday')
    .values({
      organization_id: organizationId,
      id: holiday.id,
      day: holiday.day,
      name: holiday.name,
      location_id: holiday.locationId,
    })
    .execute();
}

export async function deleteHoliday(executor: Executor, organizationId: string, id: string) {
  const result = await executor
    .deleteFrom('holiday')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether a provider works at a location (both in the organization). */
export async function providerWorksAt(
  executor: Executor,
  organizationId: string,
  providerId: string,
  locationId: string,
) {
  const row = await executor
    .selectFrom('provider_location')
    .select('provider_id')
    .where('organization_id', '=', organizationId)
    .where('provider_id', '=', providerId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function providerExists(executor: Executor, organizationId: string, providerId: string) {
  const row = await executor
    .selectFrom('provider')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', providerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function templatesOfProvider(executor: Executor, organizationId: string, providerId: string) {
  return executor
    .selectFrom('availability_template')
    .select([
      'id',
      'provider_id',
      'location_id',
      'weekday',
      sql<string>`to_char(start_time, 'HH24:MI')`.as('start_time'),
      sql<string>`to_char(end_time, 'HH24:MI')`.as('end_time'),
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effective_from'),
      sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effective_to'),
      'appointment_type_ids',
    ])
    .where('organization_id', '=', organizationId)
    .where('provider_id', '=', providerId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
}
