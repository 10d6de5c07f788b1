import { z } from 'zod';

/** Organization settings the waitlist reads (kept with the organization's other settings). */
export const ZWaitlistSettings = z.object({
  /** How long a patient has to answer an offer (default 2 hours). */
  waitlistOfferHours: z.number().min(0.25).max(72).catch(2),
  /** How many patients are offered the same time at once (default 3): the first to accept gets it. */
  waitlistOffersAtOnce: z.number().int().min(1).max(10).catch(3),
  /** How far ahead the sweep looks for free times that suit active entries (default 14 days). */
  waitlistSweepDays: z.number().int().min(1).max(60).catch(14),
});

export type WaitlistSettings = {
  offerHours: number;
  offersAtOnce: number;
  sweepDays: number;
  clinicName: string;
};

/** The waitlist's settings from an organization's row, with defaults for anything unset or out of range. */
export function waitlistSettingsOf(organization: {
  name: string;
  settings: Record<string, unknown> | null;
}): WaitlistSettings {
  const settings = organization.settings ?? {};
  const parsed = ZWaitlistSettings.parse(settings);
  const displayName = settings.displayName;
  return {
    offerHours: parsed.waitlistOfferHours,
    offersAtOnce: parsed.waitlistOffersAtOnce,
    sweepDays: parsed.waitlistSweepDays,
    clinicName:
      typeof displayName === 'string' && displayName.trim() ? displayName.trim() : organization.name,
  };
}
