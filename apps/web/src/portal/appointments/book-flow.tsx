import type { Session, Slot } from '@patientdesk/contracts';
import { listPortalAppointmentTypes } from '../../api/portal-scheduling';
import { LoadError, Loading } from '../../components/states';
import { useResource } from '../../lib/use-resource';
import { isPlainDate, type PlainDate } from '../../lib/zoned-time';
import { useLocation, withQuery } from '../../router/router';
import { PortalFrame } from '../portal-frame';
import { DayStep, TimeStep, TypeStep } from './book-steps';
import { ConfirmStep } from './confirm-step';
import { placesOf, useVisits } from './use-visits';
import { isChangeable } from './visit-text';

/**
 * Booking a visit, or moving one, one decision per screen: type → day → time → confirm. Each step is an address
 * (`/portal/book?type=…&day=…`), so Back goes to the previous decision. `movingId` moves that visit instead.
 */
export function BookFlow({ session, movingId }: { session: Session; movingId?: string }) {
  const { search } = useLocation();
  const types = useResource((signal) => listPortalAppointmentTypes(signal), []);
  const visits = useVisits();
  const basePath = movingId ? `/portal/appointments/${movingId}/reschedule` : '/portal/book';
  const moving = movingId ? (visits.data?.upcoming.find((visit) => visit.id === movingId) ?? null) : null;

  const typeId = moving ? moving.appointmentType.id : search.get('type');
  const after = search.get('after');
  const day = search.get('day');
  const start = search.get('start');
  const providerId = search.get('provider');
  const locationId = search.get('location');
  const href = (query: Record<string, string | null>) =>
    withQuery(basePath, { type: movingId ? null : typeId, ...query });

  const back = (() => {
    if (start) return { to: href({ day }), label: 'Choose another time' };
    if (day) return { to: href({}), label: 'Choose another day' };
    if (typeId && !movingId) return { to: basePath, label: 'Choose another kind of visit' };
    return { to: '/portal/appointments', label: 'Your appointments' };
  })();

  const body = () => {
    if (types.error) return <LoadError error={types.error} onRetry={types.reload} />;
    if (visits.error) return <LoadError error={visits.error} onRetry={visits.reload} />;
    if (!types.data || !visits.data) return <Loading />;
    if (movingId && (!moving || !isChangeable(moving)))
      return <p className="lede">This visit cannot be moved online. Please call the clinic.</p>;
    const type = types.data.find((candidate) => candidate.id === typeId);
    if (!type) {
      if (movingId) return <p className="lede">This kind of visit is moved by calling the clinic.</p>;
      return <TypeStep types={types.data} hrefFor={(chosen) => withQuery(basePath, { type: chosen.id })} />;
    }
    const places = placesOf(visits.data);
    if (!isPlainDate(day))
      return (
        <DayStep
          type={type}
          after={isPlainDate(after) ? after : null}
          hrefForDay={(chosen: PlainDate) => href({ day: chosen })}
          hrefForLater={(next: PlainDate) => href({ after: next })}
        />
      );
    if (!start || !providerId || !locationId)
      return (
        <TimeStep
          type={type}
          day={day}
          places={places}
          hrefForSlot={(slot: Slot) =>
            href({ day, start: slot.start, provider: slot.providerId, location: slot.locationId })
          }
        />
      );
    const slot: Slot = { start, end: start, providerId, locationId, roomId: null };
    return (
      <ConfirmStep
        key={`${start}|${providerId}|${locationId}`}
        session={session}
        type={type}
        slot={slot}
        places={places}
        moving={moving}
        backHref={href({ day })}
      />
    );
  };

  return (
    <PortalFrame session={session} back={back}>
      {body()}
    </PortalFrame>
  );
}
