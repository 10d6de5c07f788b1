import type { JoinWaitlistRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { uuidv7 } from '../../platform/ids';
import { providerWorksAt, toLocal } from '../scheduling';
import { waitlistError } from './waitlist.errors';
import {
  appointmentTypeFor,
  insertEntry,
  locationExists,
  locationZones,
  patientContact,
  providerFor,
} from './waitlist.repository';

export type JoinWaitlistInput = Omit<JoinWaitlistRequest, 'priority'> & { priority?: 'normal' | 'high' };

/**
 * Puts a patient on the waitlist for a kind of visit (and, if named, a provider and location) within a window.
 * From the portal only kinds of visit open to self-scheduling may be joined. One active entry per patient and kind
 * of visit. Returns the new entry's id.
 */
export async function joinWaitlist(
  db: Db,
  clock: Clock,
  context: ActorContext,
  input: JoinWaitlistInput,
  via: 'desk' | 'portal',
): Promise<string> {
  const now = clock.now();
  const organizationId = context.organizationId;
  const field = (name: string, message: string) => ({ fields: [{ path: `body.${name}`, message }] });
  if (context.patientScope && !context.patientScope.includes(input.patientId)) {
    throw waitlistError(
      'PATIENT_INVALID',
      'You can join the waitlist only for yourself or those you care for.',
      field('patientId', 'Not one of your records'),
    );
  }
  if (!(await patientContact(db, organizationId, input.patientId))) {
    throw waitlistError('PATIENT_INVALID', 'No patient with that id.', field('patientId', 'No such patient'));
  }
  const type = await appointmentTypeFor(db, organizationId, input.appointmentTypeId);
  if (!type) {
    throw waitlistError(
      'APPOINTMENT_TYPE_INVALID',
      'No active appointment type with that id.',
      field('appointmentTypeId', 'Choose an active kind of visit'),
    );
  }
  if (via === 'portal' && !type.self_schedulable) {
    throw waitlistError(
      'NOT_SELF_SCHEDULABLE',
      'For this kind of visit, call the clinic to join the waitlist.',
    );
  }
  if (input.locationId && !(await locationExists(db, organizationId, input.locationId))) {
    throw waitlistError(
      'LOCATION_INVALID',
      'No location with that id.',
      field('locationId', 'No such location'),
    );
  }
  if (input.providerId) {
    const provider = await providerFor(db, organizationId, input.providerId);
    if (!provider || provider.specialty !== type.specialty) {
      throw waitlistError(
        'PROVIDER_INVALID',
        'This provider does not offer this kind of visit.',
        field('providerId', 'Choose a provider who offers this visit'),
      );
    }
    if (
      input.locationId &&
      !(await providerWorksAt(db, organizationId, input.providerId, input.locationId))
    ) {
      throw waitlistError(
        'PROVIDER_INVALID',
        'This provider does not work at this location.',
        field('providerId', 'Choose a provider who works at this location'),
      );
    }
  }
  // Passed when the last day has ended at every location the entry could be offered at (the sweep's rule too).
  const zones = await locationZones(db, organizationId, input.locationId ?? null);
  if (zones.every((timeZone) => toLocal(now, timeZone).date > input.latestDate)) {
    throw waitlistError(
      'WINDOW_PASSED',
      'The window has already passed.',
      field('latestDate', 'Choose a day that has not passed'),
    );
  }
  const id = uuidv7(now.getTime());
  await inTransaction(db, async (trx) => {
    const inserted = await insertEntry(trx, organizationId, {
      id,
      patient_id: input.patientId,
      appointment_type_id: input.appointmentTypeId,
      provider_id: input.providerId ?? null,
      location_id: input.locationId ?? null,
      earliest_date: input.earliestDate,
      latest_date: input.latestDate,
      weekdays: input.weekdays ? [...input.weekdays].sort((a, b) => a - b) : null,
      earliest_time: input.earliestTime ?? null,
      latest_time: input.latestTime ?? null,
      note: input.note ?? null,
      priority: via === 'portal' ? 'normal' : (input.priority ?? 'normal'),
      created_by: context.actor?.id ?? null,
      created_via: via,
      created_at: now,
      updated_at: now,
    });
    if (!inserted) {
      throw waitlistError(
        'ENTRY_EXISTS',
        'This patient is already on the waitlist for this kind of visit. Change or leave that entry first.',
      );
    }
    await recordAudit(
      trx,
      context,
      {
        action: 'create',
        patientId: input.patientId,
        resourceType: 'WaitlistEntry',
        resourceId: id,
        details: { via, priority: via === 'portal' ? 'normal' : (input.priority ?? 'normal') },
      },
      now,
    );
  });
  return id;
}
