import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { uuidv7 } from '../../platform/ids';
import { queueMessage } from '../../platform/notify/queue-message';
import { openWorkItem } from '../worklist';
import { OFFER_CALL_KIND } from './close-offers';
import type { FreeSlot } from './free-slot';
import { offerEmail, offerSms, type OfferMessageInput } from './offer-message';
import { newLinkToken } from '../../platform/link-token';
import { offerLink } from './waitlist-deps';
import { patientContact, type SlotRef } from './waitlist.repository';
import { insertOffer } from './waitlist-offers.repository';
import type { WaitlistSettings } from './waitlist-settings';

export type OfferTarget = { entryId: string; patientId: string; priority: 'normal' | 'high' };

/**
 * Offers a free time to one entry, in the caller's transaction: a single-use token (stored hashed), the offer row
 * with its expiry, and the message — a text when the patient has a phone (falling back to email when the number
 * opted out), an email otherwise, and when neither, a work item asking the desk to call. Returns the offer's id
 * and expiry, or null when there is no time left to answer before the visit.
 */
export async function makeOffer(
  executor: Executor,
  context: ActorContext,
  input: {
    target: OfferTarget;
    slot: SlotRef;
    free: FreeSlot;
    locationName: string;
    settings: WaitlistSettings;
    linkBase: string;
    now: Date;
  },
): Promise<{ id: string; expiresAt: Date } | null> {
  const { target, slot, free, settings, now } = input;
  const expiresAt = new Date(Math.min(now.getTime() + settings.offerHours * 3600_000, slot.start.getTime()));
  if (expiresAt <= now) return null;
  const id = uuidv7(now.getTime());
  const { token, hash } = newLinkToken(context.organizationId);
  const message: OfferMessageInput = {
    clinicName: settings.clinicName,
    locationName: input.locationName,
    timeZone: free.timeZone,
    start: slot.start,
    sentAt: now,
    expiresAt,
    link: offerLink(input.linkBase, token),
  };
  const contact = await patientContact(executor, context.organizationId, target.patientId);
  let channel: 'sms' | 'email' | 'phone' = 'phone';
  let messageId: string | null = null;
  const sms = contact?.phone ? offerSms(message) : null;
  if (contact?.phone && sms) {
    const queued = await queueMessage(executor, context, {
      channel: 'sms',
      recipient: contact.phone,
      body: sms,
      patientId: target.patientId,
      purpose: 'waitlist-offer',
    });
    if (queued.status === 'queued') {
      channel = 'sms';
      messageId = queued.id;
    }
  }
  if (channel === 'phone' && contact?.email) {
    const email = offerEmail(message);
    const queued = await queueMessage(executor, context, {
      channel: 'email',
      recipient: contact.email,
      subject: email.subject,
      body: email.body,
      patientId: target.patientId,
      purpose: 'waitlist-offer',
    });
    channel = 'email';
    messageId = queued.id;
  }
  await insertOffer(executor, context.organizationId, {
    id,
    entry_id: target.entryId,
    patient_id: target.patientId,
    appointment_type_id: slot.appointmentTypeId,
    provider_id: slot.providerId,
    location_id: slot.locationId,
    starts_at: slot.start,
    ends_at: free.end,
    token_hash: hash,
    channel,
    message_id: messageId,
    sent_at: now,
    expires_at: expiresAt,
  });
  if (channel === 'phone') {
    await openWorkItem(
      executor,
      context,
      {
        kind: OFFER_CALL_KIND,
        title: 'Call the patient: a waitlist time opened up (no phone or email on file)',
        patientId: target.patientId,
        priority: target.priority === 'high' ? 'high' : 'normal',
        dueAt: expiresAt,
        subject: { type: 'WaitlistOffer', id },
        detail: { offerId: id, start: slot.start.toISOString() },
      },
      now,
    );
  }
  await recordAudit(
    executor,
    context,
    {
      action: 'create',
      patientId: target.patientId,
      resourceType: 'WaitlistOffer',
      resourceId: id,
      details: { channel, entryId: target.entryId },
    },
    now,
  );
  return { id, expiresAt };
}
