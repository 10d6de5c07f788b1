import type { AppointmentType } from '@patientdesk/contracts';
import {
  getDirectory,
  getProviderAvailability,
  listAppointments,
  listAppointmentTypes,
  type Availability,
  type Directory,
} from '../../api/scheduling';
import { useResource } from '../../lib/use-resource';
import {
  addDays,
  browserTimeZone,
  instantAt,
  startOfWeek,
  todayIn,
  type PlainDate,
} from '../../lib/zoned-time';
import type { ScheduleData } from './schedule-layout';
import type { ScheduleState } from './schedule-state';

/** What the calendar needs once: locations, providers and their working hours, and appointment types. */
export type Reference = {
  directory: Directory;
  types: AppointmentType[];
  availability: Map<string, Availability>;
};

/** Loads the directory, the appointment types and every provider's availability, once per visit to the page. */
export function useReference() {
  return useResource(async (signal): Promise<Reference> => {
    const [directory, types] = await Promise.all([getDirectory(signal), listAppointmentTypes(signal)]);
    const availability = await Promise.all(
      directory.providers.map(
        async (provider) => [provider.id, await getProviderAvailability(provider.id, signal)] as const,
      ),
    );
    return { directory, types, availability: new Map(availability) };
  }, []);
}

/** The location the calendar shows: the one asked for, else one in this computer's zone, else the first. */
export function chooseLocation(directory: Directory, locationId: string | null) {
  const zone = browserTimeZone();
  return (
    directory.locations.find((location) => location.id === locationId) ??
    directory.locations.find((location) => location.timeZone === zone) ??
    directory.locations[0] ??
    null
  );
}

/** The week's appointments at a location (day and week views share one load, so switching is instant). */
export function useWeekAppointments(locationId: string | null, timeZone: string, date: PlainDate) {
  const monday = startOfWeek(date);
  return useResource(
    (signal) =>
      locationId
        ? listAppointments(
            {
              locationId,
              from: instantAt(monday, 0, timeZone).toISOString(),
              to: instantAt(addDays(monday, 7), 0, timeZone).toISOString(),
              limit: 1000,
            },
            signal,
          )
        : Promise.resolve([]),
    [locationId, timeZone, monday],
  );
}

/** The date the calendar shows: the one in the address, or today in the location's zone. */
export function shownDate(state: ScheduleState, timeZone: string): PlainDate {
  return state.date ?? todayIn(timeZone);
}

/** "Adaeze Okonkwo, MD" → "Okonkwo": the desk lists providers by family name. */
function familyName(displayName: string): string {
  return displayName.split(',')[0]?.trim().split(/\s+/).at(-1) ?? displayName;
}

export function scheduleData(
  reference: Reference,
  locationId: string,
  timeZone: string,
  appointments: ScheduleData['appointments'],
): ScheduleData {
  return {
    timeZone,
    locationId,
    providers: reference.directory.providers
      .map((provider) => ({
        id: provider.id,
        displayName: provider.displayName,
        specialty: provider.specialty,
      }))
      .sort((a, b) => familyName(a.displayName).localeCompare(familyName(b.displayName))),
    availability: reference.availability,
    appointments,
    bufferMinutes: new Map(reference.types.map((type) => [type.id, type.bufferMinutes])),
  };
}
