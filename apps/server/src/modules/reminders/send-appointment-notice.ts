import type { z } from 'zod';
import { systemContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import { publicBaseUrl, type Config } from '../../platform/config/config';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { handleJob } from '../../platform/jobs/jobs';
import { queueMessage } from '../../platform/notify/queue-message';
import { openWorkItem } from '../worklist';
import { chooseChannel } from './choose-channel';
import { clinicName, clinicPhone, preparationIn } from './clinic-identity';
import { scheduleNoticeSend, SendAppointmentNoticeJob } from './jobs/send-appointment-notice.job';
import {
  messageLanguage,
  noticeEmail,
  noticeGroup,
  noticeSms,
  type NoticeMessageInput,
} from './message-text';
import { quietHoursEnd } from './quiet-hours';
import {
  ACTIVE_STATUSES,
  insertResponseLink,
  lockNotice,
  noticeFacts,
  updateNotice,
  type NoticeFacts,
  type NoticeRow,
} from './reminders.repository';
import { newResponseToken, responseLinkUrl } from './response-token';

export type NoticeDeps = { db: Db; clock: Clock; config: Pick<Config, 'publicUrl' | 'port'> };

/** The purpose every appointment message is sent under: one TCPA exemption purpose, with one set of limits. */
export const APPOINTMENT_MESSAGE_PURPOSE = 'appointment-reminder';

/** A run may start this much before its time (clocks of the database and the worker differ a little). */
const EARLY_TOLERANCE_MS = 60_000;

/** The worker's handler for planned notices. */
export function sendAppointmentNoticeHandler(deps: NoticeDeps) {
  return handleJob(SendAppointmentNoticeJob, (payload) => sendAppointmentNotice(deps, payload));
}

type Settle = { status: 'void' | 'skipped'; reason: string };

/** Why a planned notice no longer applies (void), or can no longer help (skipped); null while it still does. */
function staleReason(kind: string, facts: NoticeFacts, notice: NoticeRow, now: Date): Settle | null {
  if (noticeGroup(kind) === 'cancelled') {
    if (facts.status !== 'cancelled') return { status: 'void', reason: `status-${facts.status}` };
  } else {
    if (facts.status === 'cancelled') {
      return { status: 'void', reason: facts.cancel_reason === 'rescheduled' ? 'moved' : 'cancelled' };
    }
    if (!(ACTIVE_STATUSES as readonly string[]).includes(facts.status)) {
      return { status: 'void', reason: `status-${facts.status}` };
    }
    // Planned for another start: the visit moved (a moved visit gets reminders of its own).
    if (facts.starts_at.getTime() !== notice.appointment_starts_at.getTime()) {
      return { status: 'void', reason: 'moved' };
    }
  }
  if (facts.starts_at <= now) return { status: 'skipped', reason: 'too-late' };
  return null;
}

/**
 * Sends one planned notice, exactly once: the notice row is locked and settled in the transaction that queues the
 * message, so a job that runs twice (a crash before its bookkeeping, a restart) finds it settled and sends nothing.
 * Re-checks that the visit is still on and at the planned time, honours quiet hours (a send inside them moves to
 * their end, unless that is after the visit), consent, opt-outs and the TCPA limits, and records what it did.
 */
export async function sendAppointmentNotice(
  deps: NoticeDeps,
  payload: z.output<typeof SendAppointmentNoticeJob.payload>,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const { organizationId, appointmentId, kind } = payload;
    const notice = await lockNotice(trx, organizationId, appointmentId, kind);
    if (!notice || notice.status !== 'planned') return;
    const due = notice.deferred_to ?? notice.planned_for;
    // A run for a time the notice was since deferred from: the later run will send it.
    if (due.getTime() !== new Date(payload.due).getTime()) return;
    const now = deps.clock.now();
    if (now.getTime() < due.getTime() - EARLY_TOLERANCE_MS) {
      throw new Error('This notice is not due yet by the clock; its job will run again.');
    }
    const settle = (change: Parameters<typeof updateNotice>[3]) =>
      updateNotice(trx, organizationId, { appointmentId, kind }, change);
    const facts = await noticeFacts(trx, organizationId, appointmentId);
    if (!facts) return settle({ status: 'void', reason: 'appointment-missing', updated_at: now });
    const stale = staleReason(kind, facts, notice, now);
    if (stale) return settle({ ...stale, updated_at: now });

    const group = noticeGroup(kind);
    const quietUntil = quietHoursEnd(now, facts.time_zone, facts.quiet_hours_start, facts.quiet_hours_end);
    if (quietUntil) {
      if (quietUntil < facts.starts_at) {
        await settle({ deferred_to: quietUntil, updated_at: now });
        await scheduleNoticeSend(trx, deps.clock, { organizationId, appointmentId, kind, due: quietUntil });
        return;
      }
      // Waiting would be too late. A reminder is dropped; a cancellation goes now, or the patient would learn
      // of it at the door.
      if (group !== 'cancelled') return settle({ status: 'skipped', reason: 'quiet-hours', updated_at: now });
    }

    const phone = clinicPhone(facts.location_phone, facts.settings);
    const choice = await chooseChannel(trx, organizationId, facts, { hasClinicPhone: phone !== null, now });
    const context = systemContext(organizationId);
    if (choice.channel === null) {
      await settle({ status: 'skipped', reason: choice.reason, updated_at: now });
      if (group === 'cancelled') await askDeskToCall(trx, organizationId, facts, now);
      return;
    }
    const language = messageLanguage(facts.preferred_language);
    const full = facts.message_detail === 'full';
    const input: NoticeMessageInput = {
      group,
      language,
      clinicName: clinicName(facts.organization_name, facts.settings),
      clinicPhone: phone,
      start: facts.starts_at,
      timeZone: facts.time_zone,
      confirmed: facts.status === 'confirmed',
      visitType: full ? facts.type_name : null,
      placeName: full ? facts.location_name : null,
      preparation: group === 'cancelled' ? null : preparationIn(facts.preparation, language),
      link: null,
    };
    let message: { subject?: string; body: string };
    if (choice.channel === 'sms') {
      message = { body: noticeSms({ ...input, clinicPhone: phone ?? '' }) };
    } else {
      if (group !== 'cancelled') {
        const { token, hash } = newResponseToken(organizationId);
        await insertResponseLink(trx, organizationId, {
          tokenHash: hash,
          appointmentId,
          noticeKind: kind,
          expiresAt: facts.starts_at,
          now,
        });
        input.link = responseLinkUrl(publicBaseUrl(deps.config), token);
      }
      message = noticeEmail(input);
    }
    const queued = await queueMessage(trx, context, {
      channel: choice.channel,
      recipient: choice.recipient,
      ...message,
      patientId: facts.patient_id,
      purpose: APPOINTMENT_MESSAGE_PURPOSE,
    });
    await settle({
      status: queued.status === 'queued' ? 'sent' : 'skipped',
      reason: queued.status === 'queued' ? null : 'opted-out',
      channel: choice.channel,
      recipient: choice.recipient,
      language,
      message_id: queued.id,
      sent_at: queued.status === 'queued' ? now : null,
      updated_at: now,
    });
  });
}

/** A cancellation no message could carry: someone calls the patient before they travel. */
async function askDeskToCall(trx: Executor, organizationId: string, facts: NoticeFacts, now: Date) {
  const soon = new Date(now.getTime() + 4 * 3600_000);
  await openWorkItem(
    trx,
    systemContext(organizationId),
    {
      kind: 'cancellation-call',
      title: 'Call the patient: their visit was cancelled and no message could reach them',
      patientId: facts.patient_id,
      queue: 'front_desk',
      priority: 'high',
      subject: { type: 'Appointment', id: facts.id },
      dueAt: facts.starts_at < soon ? facts.starts_at : soon,
    },
    now,
  );
}
