import { useVisits } from './use-visits';
import { isUpcomingActive, visitDay, visitTime } from './visit-text';

/** On the portal's home page: the next visit, or that there is none. */
export function NextVisit() {
  const visits = useVisits();
  if (visits.error) return <p>Your visits could not be loaded just now.</p>;
  if (!visits.data) return <p className="muted">Loading your visits…</p>;
  const next = visits.data.upcoming.find(isUpcomingActive);
  if (!next) return <p>You have no upcoming visits.</p>;
  const zone = next.location.timeZone;
  return (
    <p>
      Your next visit: <strong>{visitDay(next.start, zone)}</strong> at{' '}
      <strong>{visitTime(next.start, zone)}</strong>, {next.appointmentType.name.toLowerCase()} with{' '}
      {next.provider.name}.
    </p>
  );
}
