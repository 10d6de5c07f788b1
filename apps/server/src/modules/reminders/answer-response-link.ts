import type { AppointmentResponseRequest } from '@patientdesk/contracts';
import { systemContext } from '../../platform/access/context';
import type { Db } from '../../platform/db/database';
import { inTransaction } from '../../platform/db/transaction';
import { linkState } from './describe-response-link';
import { recordAnswer, type Answer } from './record-answer';
import { reminderError } from './reminders.errors';
import { findResponseLink, markLinkUsed } from './reminders.repository';
import { readResponseToken } from './response-token';

/**
 * The patient's answer through an emailed link: the token is the authority (no sign-in), it works once and not
 * after the visit begins. Confirms the visit or asks the desk for a new time.
 */
export async function answerResponseLink(
  db: Db,
  input: AppointmentResponseRequest,
  request: { now: Date; requestId: string; sourceAddress: string },
): Promise<Answer> {
  const parsed = readResponseToken(input.token);
  if (!parsed) throw reminderError('LINK_NOT_FOUND', 'This link is not valid.');
  const context = {
    ...systemContext(parsed.organizationId, request.requestId),
    sourceAddress: request.sourceAddress,
  };
  return inTransaction(db, async (trx) => {
    const link = await findResponseLink(trx, parsed.organizationId, parsed.hash, true);
    if (!link) throw reminderError('LINK_NOT_FOUND', 'This link is not valid.');
    switch (linkState(link, request.now)) {
      case 'used':
        throw reminderError('LINK_USED', 'This link was already used. Each link works once.');
      case 'expired':
        throw reminderError('LINK_EXPIRED', 'This link stopped working when the visit began.');
      case 'closed':
        throw reminderError('APPOINTMENT_NOT_ACTIVE', 'This visit was cancelled or moved.');
      case 'open':
        break;
    }
    const outcome = await recordAnswer(trx, context, {
      appointmentId: link.appointment_id,
      action: input.action,
      channel: 'email',
      now: request.now,
    });
    await markLinkUsed(trx, parsed.organizationId, parsed.hash, { action: input.action, at: request.now });
    return outcome;
  });
}
