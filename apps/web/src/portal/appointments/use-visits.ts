import type { AppointmentType, PortalAppointment, Slot } from '@patientdesk/contracts';
import { listPortalAppointments } from '../../api/portal-scheduling';
import { useResource } from '../../lib/use-resource';

export type Visits = { upcoming: PortalAppointment[]; past: PortalAppointment[] };

/** The patient's upcoming and past visits. */
export function useVisits() {
  return useResource(async (signal): Promise<Visits> => {
    const [upcoming, past] = await Promise.all([
      listPortalAppointments('upcoming', signal),
      listPortalAppointments('past', signal),
    ]);
    return { upcoming, past };
  }, []);
}

/** Names of clinicians and clinics, and the clinics' time zones, as the patient's own visits tell them. */
export type Places = {
  providers: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, { name: string; timeZone: string }>;
};

export function placesOf(visits: Visits | null): Places {
  const providers = new Map<string, string>();
  const locations = new Map<string, { name: string; timeZone: string }>();
  for (const visit of [...(visits?.upcoming ?? []), ...(visits?.past ?? [])]) {
    providers.set(visit.provider.id, visit.provider.name);
    locations.set(visit.location.id, { name: visit.location.name, timeZone: visit.location.timeZone });
  }
  return { providers, locations };
}

const SPECIALTY_WORDS: Record<string, string> = {
  primary_care: 'a primary care clinician',
  cardiology: 'a heart specialist',
  imaging: 'an imaging specialist',
  behavioral_health: 'a counselor',
};

/** "a counselor" → "A counselor", for a heading. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Who and where a free time is with. The portal's slots carry ids only, so names come from the patient's own
 * visits; for anyone else the words are generic (see the server change asked for in the scheduling notes).
 */
export function slotPlace(slot: Slot, type: AppointmentType, places: Places) {
  const location = places.locations.get(slot.locationId) ?? null;
  return {
    who: places.providers.get(slot.providerId) ?? SPECIALTY_WORDS[type.specialty] ?? 'a clinician',
    where: type.modality === 'video' ? 'Video visit' : (location?.name ?? 'Another clinic'),
    timeZone: location?.timeZone ?? null,
  };
}
