import type { Executor } from '../../platform/audit/audit.repository';
import { isOptedOut } from '../../platform/notify/notify.repository';
import { addDays, boundaryInstant, toLocal } from '../scheduling';
import { effectiveChannel } from './preferences-view';
import { lockTextsTo, textsSentSince, type NoticeFacts } from './reminders.repository';

/** TCPA healthcare exemption (FCC 2015; FCC 24-18): at most 1 message a day and 3 a week per number and purpose. */
const TEXTS_PER_DAY = 1;
const TEXTS_PER_WEEK = 3;

export type ChannelChoice =
  { channel: 'sms' | 'email'; recipient: string } | { channel: null; reason: string };

async function smsRefusal(
  executor: Executor,
  facts: NoticeFacts,
  organizationId: string,
  hasClinicPhone: boolean,
  now: Date,
): Promise<string | null> {
  if (!facts.phone) return 'no-phone';
  if (!facts.sms_consent) return 'no-sms-consent';
  // A text must name the clinic and a number to call back.
  if (!hasClinicPhone) return 'no-clinic-phone';
  if (await isOptedOut(executor, organizationId, facts.phone)) return 'opted-out';
  // Sends to one number take turns (to the end of the transaction), so two cannot both count the same gap.
  await lockTextsTo(executor, organizationId, facts.phone);
  // Days are the location's calendar days; the week is the 7 days ending today (never 6 texts in 7 days).
  const today = toLocal(now, facts.time_zone).date;
  const dayStart = boundaryInstant(today, 0, facts.time_zone, 'start');
  if ((await textsSentSince(executor, organizationId, facts.phone, dayStart)) >= TEXTS_PER_DAY) {
    return 'daily-limit';
  }
  const weekStart = boundaryInstant(addDays(today, -6), 0, facts.time_zone, 'start');
  if ((await textsSentSince(executor, organizationId, facts.phone, weekStart)) >= TEXTS_PER_WEEK) {
    return 'weekly-limit';
  }
  return null;
}

function emailRefusal(facts: NoticeFacts): string | null {
  if (!facts.email) return 'no-email';
  if (!facts.email_consent) return 'no-email-consent';
  return null;
}

/**
 * How a message can reach the patient now: the preferred channel, or the other one when the preferred one cannot
 * be used and the patient agreed to it. Otherwise the reason the preferred channel could not be used.
 */
export async function chooseChannel(
  executor: Executor,
  organizationId: string,
  facts: NoticeFacts,
  options: { hasClinicPhone: boolean; now: Date },
): Promise<ChannelChoice> {
  const preferred = effectiveChannel(facts.preferred_channel, facts.phone);
  if (preferred === 'none') return { channel: null, reason: 'patient-chose-none' };
  const order = preferred === 'sms' ? (['sms', 'email'] as const) : (['email', 'sms'] as const);
  let firstReason: string | null = null;
  for (const channel of order) {
    const refusal =
      channel === 'sms'
        ? await smsRefusal(executor, facts, organizationId, options.hasClinicPhone, options.now)
        : emailRefusal(facts);
    if (!refusal) {
      return { channel, recipient: (channel === 'sms' ? facts.phone : facts.email) ?? '' };
    }
    firstReason ??= refusal;
  }
  return { channel: null, reason: firstReason ?? 'no-channel' };
}
