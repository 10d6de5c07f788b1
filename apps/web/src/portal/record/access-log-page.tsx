import type { Session } from '@patientdesk/contracts';
import { useState } from 'react';
import { getAccessLog, listPortalPatients, type AccessLogEntry } from '../../api/portal-records';
import { SelectField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { LoadError, Loading } from '../../components/states';
import { formatPatientName } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { mayActFor } from '../portal-access';
import { PortalFrame } from '../portal-frame';
import { describeAccess } from './access-words';

const DAY = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** Entries grouped by the day they happened, newest day first. */
function byDay(entries: AccessLogEntry[]): [string, AccessLogEntry[]][] {
  const days = new Map<string, AccessLogEntry[]>();
  for (const entry of entries) {
    const day = DAY.format(new Date(entry.at));
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return [...days.entries()];
}

const PAGE_SIZE = 50;

function AccessList({ patientId }: { patientId: string }) {
  const first = useResource((signal) => getAccessLog(patientId, { limit: PAGE_SIZE }, signal), [patientId]);
  const [more, setMore] = useState<{ items: AccessLogEntry[]; cursor: string | null }>({
    items: [],
    cursor: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  if (first.error) return <LoadError error={first.error} onRetry={first.reload} />;
  if (!first.data) return <Loading label="Loading who looked at your record…" />;
  const entries = [...first.data.items, ...more.items];
  const cursor = more.items.length > 0 ? more.cursor : first.data.nextCursor;
  if (entries.length === 0)
    return <p className="lede">No one at the clinic has looked at your record yet.</p>;

  const loadMore = () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    getAccessLog(patientId, { cursor, limit: PAGE_SIZE })
      .then((page) => setMore((old) => ({ items: [...old.items, ...page.items], cursor: page.nextCursor })))
      .catch((error: unknown) =>
        setMoreError(error instanceof Error ? error.message : 'Loading more failed.'),
      )
      .finally(() => setLoadingMore(false));
  };

  return (
    <>
      {byDay(entries).map(([day, items]) => (
        <section key={day} className="portal-section" aria-label={day}>
          <h2 className="access-day">{day}</h2>
          <ul className="access-list">
            {items.map((entry, index) => (
              <li key={`${entry.at}-${index}`} className="access-entry">
                <span className="access-who">
                  {entry.who}
                  <span className="access-role">{entry.role}</span>
                </span>
                <span className="access-what">{describeAccess(entry.what)}</span>
                <time className="access-when" dateTime={entry.at}>
                  {TIME.format(new Date(entry.at))}
                </time>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {moreError ? (
        <p className="notice notice-error" role="alert">
          {moreError}
        </p>
      ) : null}
      {cursor ? (
        <p>
          <button type="button" className="button large block" aria-disabled={loadingMore} onClick={loadMore}>
            {loadingMore ? 'Loading…' : 'Show earlier'}
          </button>
        </p>
      ) : null}
    </>
  );
}

/**
 * `/portal/access-log`: who at the clinic looked at or changed the patient's record, by name and role, when and
 * what (45 CFR 164.528 covers disclosures; this goes further, as patients expect). A proxy chooses whose record.
 */
export function AccessLogPage({ session }: { session: Session }) {
  const patients = useResource((signal) => listPortalPatients(signal), []);
  const [chosen, setChosen] = useState<string | null>(null);
  // A proxy allowed only some areas (appointments, say) does not see that patient's access log.
  const list = (patients.data ?? []).filter((patient) => mayActFor(session, patient.id, 'records'));
  const patientId = chosen ?? list[0]?.id ?? null;
  return (
    <PortalFrame session={session} back={{ to: '/portal', label: 'Home' }}>
      <PageHeading title="Who looked at your record">Who looked at your record</PageHeading>
      <p className="lede">
        Everyone at the clinic who opened, found or changed your record, newest first. If something looks
        wrong, please call the clinic.
      </p>
      {list.length > 1 ? (
        <SelectField
          className="large"
          label="Whose record"
          value={patientId ?? ''}
          options={list.map((patient) => ({
            value: patient.id,
            label:
              patient.id === session.user.patientId
                ? `${formatPatientName(patient)} (you)`
                : formatPatientName(patient),
          }))}
          onChange={setChosen}
        />
      ) : null}
      {patients.error ? (
        <LoadError error={patients.error} onRetry={patients.reload} />
      ) : !patients.data ? (
        <Loading label="Loading…" />
      ) : patientId ? (
        <AccessList key={patientId} patientId={patientId} />
      ) : (
        <p className="lede">Your account is not linked to a patient record yet. Please call the clinic.</p>
      )}
    </PortalFrame>
  );
}
