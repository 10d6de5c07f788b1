import { APPOINTMENT_TRANSITIONS, type AppointmentStatus } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { organizationSettings } from '../../platform/auth/auth.repository';
import { commonError } from '../../platform/http/errors';
import { publishAppointmentChange } from './appointment-events';
import { schedulingError } from './scheduling.errors';
import {
  findAppointment,
  insertStatusChange,
  updateAppointment,
  type AppointmentChange,
  type AppointmentRow,
} from './scheduling.repository';

/** Loads an appointment for a change at the version the caller saw, locking it for the transaction. */
export async function loadForChange(trx: Executor, context: ActorContext, id: string, version: number) {
  const current = await findAppointment(trx, context, id, true);
  if (!current) throw schedulingError('APPOINTMENT_NOT_FOUND', 'No appointment with that id.');
  if (current.version !== version) {
    throw commonError('VERSION_MISMATCH', 'Someone changed this appointment since you opened it. Reload it.');
  }
  return current;
}

/**
 * Moves an appointment to a new status, if the state machine allows it, with its history row and audit entry.
 * Cancelling goes through `cancelAppointment` (reason and who), a no-show only once the start has passed.
 */
export async function changeStatus(
  trx: Executor,
  context: ActorContext,
  current: AppointmentRow,
  to: AppointmentStatus,
  options: { now: Date; reason?: string | null; extra?: AppointmentChange },
): Promise<void> {
  if (!APPOINTMENT_TRANSITIONS[current.status].includes(to)) {
    throw schedulingError(
      'TRANSITION_NOT_ALLOWED',
      `An appointment that is ${current.status.replace('_', ' ')} cannot become ${to.replace('_', ' ')}.`,
    );
  }
  if (to === 'no_show' && options.now < current.starts_at) {
    throw schedulingError(
      'NO_SHOW_TOO_EARLY',
      'A no-show can be recorded only after the appointment was due.',
    );
  }
  const change: AppointmentChange = {
    status: to,
    ...(to === 'confirmed' ? { confirmed_at: options.now } : {}),
    ...options.extra,
  };
  if (
    !(await updateAppointment(trx, context.organizationId, current.id, current.version, change, options.now))
  ) {
    throw commonError('VERSION_MISMATCH', 'Someone changed this appointment since you opened it. Reload it.');
  }
  // A reschedule's cancellation is published by the reschedule, as one change.
  if (options.extra?.cancel_reason !== 'rescheduled') {
    await publishAppointmentChange(trx, context, {
      appointmentId: current.id,
      change: to === 'cancelled' ? 'cancelled' : 'status',
    });
  }
  await insertStatusChange(trx, context.organizationId, {
    appointmentId: current.id,
    from: current.status,
    to,
    at: options.now,
    by: context.actor?.id ?? null,
    reason: options.reason ?? null,
  });
  await recordAudit(
    trx,
    context,
    {
      action: 'update',
      patientId: current.patient_id,
      resourceType: 'Appointment',
      resourceId: current.id,
      details: { from: current.status, to },
      reason: options.reason ?? null,
    },
    options.now,
  );
}

/**
 * Cancels with a coded reason and who cancelled. A patient cancelling closer to the start than the organization's
 * notice (default 24 hours) is counted as a late cancellation on their record.
 */
export async function cancelAppointment(
  trx: Executor,
  context: ActorContext,
  current: AppointmentRow,
  cancellation: { reason: string; by: 'patient' | 'clinic' | 'provider'; note?: string | undefined },
  options: { now: Date; rescheduledToId?: string },
): Promise<void> {
  const settings = await organizationSettings(trx, context.organizationId);
  const noticeMs = (settings.lateCancelHours ?? 24) * 3600_000;
  const late =
    cancellation.by === 'patient' &&
    cancellation.reason !== 'rescheduled' &&
    current.starts_at.getTime() - options.now.getTime() < noticeMs;
  await changeStatus(trx, context, current, 'cancelled', {
    now: options.now,
    reason: [cancellation.reason, cancellation.note].filter(Boolean).join(': '),
    extra: {
      cancel_reason: cancellation.reason,
      cancelled_by: cancellation.by,
      cancelled_at: options.now,
      late_cancellation: late,
      ...(options.rescheduledToId ? { rescheduled_to_id: options.rescheduledToId } : {}),
    },
  });
}
