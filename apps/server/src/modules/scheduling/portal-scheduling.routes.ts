import {
  ZAppointmentType,
  ZId,
  ZInstant,
  ZPortalAppointment,
  ZPortalAppointmentList,
  ZPortalBookRequest,
  ZPortalCancelRequest,
  ZPortalRescheduleRequest,
  ZSlotList,
} from '@patientdesk/contracts';
import { z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown, type Executor } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { actorContext, portalContext } from '../../platform/http/context';
import { requireVersion } from '../../platform/http/errors';
import { withIdempotency } from '../../platform/http/idempotency';
import type { App, ServerDeps } from '../../platform/http/server';
import { toAppointmentType } from './appointment-type-view';
import { toAppointment } from './appointment-view';
import { bookAppointment } from './book-appointment';
import { cancelAppointment, loadForChange } from './change-appointment';
import { findSlots } from './find-slots';
import { toIcs } from './ics';
import { rescheduleAppointment } from './reschedule-appointment';
import { schedulingError } from './scheduling.errors';
import {
  appointmentsOfPatients,
  findAppointment,
  findAppointmentType,
  listAppointmentTypes,
  type AppointmentRow,
} from './scheduling.repository';
import { toSlots } from './slot-view';
import { ZIdParams, ZIdempotencyHeaders, ZIfMatchHeaders } from '../../platform/http/route-schemas';

async function requireSelfSchedulable(executor: Executor, context: ActorContext, appointmentTypeId: string) {
  const type = await findAppointmentType(executor, context.organizationId, appointmentTypeId);
  if (!type?.self_schedulable) {
    throw schedulingError('NOT_SELF_SCHEDULABLE', 'This kind of visit is booked by calling the clinic.');
  }
  return type;
}

/** A portal appointment the account may see, for reading or changing. */
async function ownAppointment(
  executor: Executor,
  context: ActorContext,
  id: string,
): Promise<AppointmentRow> {
  const row = await findAppointment(executor, context, id);
  if (!row) throw schedulingError('APPOINTMENT_NOT_FOUND', 'No appointment with that id.');
  return row;
}

/** Self-scheduling in the portal: a patient (or proxy) books, moves and cancels the types the clinic opens. */
export function registerPortalSchedulingRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();

  const portalView = async (executor: Executor, context: ActorContext, id: string) => {
    const row = await ownAppointment(executor, context, id);
    const type = await findAppointmentType(executor, context.organizationId, row.appointment_type_id);
    return {
      ...toAppointment(row),
      preparation: type?.preparation ?? {},
      selfSchedulable: type?.self_schedulable ?? false,
    };
  };

  app.get(
    '/api/portal/appointment-types',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'The kinds of visit a patient may book online',
        response: { 200: z.object({ items: z.array(ZAppointmentType) }) },
      },
    },
    async (request) => ({
      items: (await listAppointmentTypes(db, actorContext(request).organizationId, true)).map(
        toAppointmentType,
      ),
    }),
  );

  app.get(
    '/api/portal/slots',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Free times for a kind of visit a patient may book online (at most 31 days)',
        querystring: z.strictObject({
          appointmentTypeId: ZId,
          providerId: ZId.optional(),
          locationId: ZId.optional(),
          from: ZInstant,
          to: ZInstant,
        }),
        response: { 200: ZSlotList },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const query = request.query;
      await requireSelfSchedulable(db, context, query.appointmentTypeId);
      const from = new Date(query.from);
      const to = new Date(query.to);
      if (to <= from || to.getTime() - from.getTime() > 31 * 86_400_000) {
        throw schedulingError('RANGE_TOO_LONG', 'Ask for at most 31 days.', {
          fields: [{ path: 'query.to', message: 'At most 31 days after from' }],
        });
      }
      const { schedule, slots } = await findSlots(db, context, {
        ...query,
        from,
        to,
        now: now(),
        limit: 300,
      });
      return { items: toSlots(slots, schedule.locations) };
    },
  );

  app.get(
    '/api/portal/appointments',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'The account’s upcoming or past appointments, with how to prepare',
        querystring: z.strictObject({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
        response: { 200: ZPortalAppointmentList },
      },
    },
    async (request) => {
      const context = portalContext(request, 'appointments');
      const rows = await appointmentsOfPatients(db, context, request.query.when, now(), 100);
      await recordShown(
        db,
        context,
        'read',
        'Appointment',
        rows.map((row) => row.patient_id),
      );
      return {
        items: rows.map((row) => ({
          ...toAppointment(row),
          preparation: row.preparation,
          selfSchedulable: row.self_schedulable,
        })),
      };
    },
  );

  app.post(
    '/api/portal/appointments',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Book a visit online (send an Idempotency-Key)',
        headers: ZIdempotencyHeaders,
        body: ZPortalBookRequest,
        response: { 201: ZPortalAppointment },
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'appointments');
      if (!context.patientScope?.includes(request.body.patientId)) {
        throw schedulingError('PATIENT_INVALID', 'You can book only for yourself or those you care for.', {
          fields: [{ path: 'body.patientId', message: 'Not one of your records' }],
        });
      }
      const result = await withIdempotency(
        db,
        context,
        request.headers['idempotency-key'],
        request.body,
        async (trx) => {
          await requireSelfSchedulable(trx, context, request.body.appointmentTypeId);
          const { id } = await bookAppointment(trx, context, request.body, {
            now: now(),
            via: 'portal',
            mayOverbook: false,
          });
          return { status: 201, body: await portalView(trx, context, id) };
        },
      );
      return reply.status(201).header('etag', `W/"${result.body.version}"`).send(result.body);
    },
  );

  app.post(
    '/api/portal/appointments/:id/cancel',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Cancel a visit (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZPortalCancelRequest,
        response: { 200: ZPortalAppointment },
      },
    },
    async (request) => {
      const context = portalContext(request, 'appointments');
      const version = requireVersion(request.headers['if-match']);
      return inTransaction(db, async (trx) => {
        const current = await loadForChange(trx, context, request.params.id, version);
        await cancelAppointment(trx, context, current, { ...request.body, by: 'patient' }, { now: now() });
        return portalView(trx, context, current.id);
      });
    },
  );

  app.post(
    '/api/portal/appointments/:id/reschedule',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Move a visit to another free time (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZPortalRescheduleRequest,
        response: { 201: ZPortalAppointment },
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'appointments');
      const version = requireVersion(request.headers['if-match']);
      const body = await inTransaction(db, async (trx) => {
        const current = await loadForChange(trx, context, request.params.id, version);
        await requireSelfSchedulable(trx, context, current.appointment_type_id);
        const newId = await rescheduleAppointment(
          trx,
          context,
          current,
          { ...request.body, by: 'patient' },
          { now: now(), via: 'portal' },
        );
        return portalView(trx, context, newId);
      });
      return reply.status(201).send(body);
    },
  );

  app.get(
    '/api/portal/appointments/:id/calendar.ics',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'The visit as an iCalendar file, to add to a calendar',
        params: ZIdParams,
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'appointments');
      const view = await portalView(db, context, request.params.id);
      await recordAudit(db, context, {
        action: 'export',
        patientId: view.patient.id,
        resourceType: 'Appointment',
        resourceId: view.id,
      });
      const preparation = view.preparation.en ?? Object.values(view.preparation)[0] ?? '';
      const text = toIcs({
        uid: `${view.id}@patientdesk`,
        start: new Date(view.start),
        end: new Date(view.end),
        summary: `${view.appointmentType.name} with ${view.provider.name}`,
        location: view.modality === 'video' ? 'Video visit' : view.location.name,
        description: [preparation, view.videoUrl ? `Join: ${view.videoUrl}` : ''].filter(Boolean).join('\n'),
        url: view.videoUrl,
        cancelled: view.status === 'cancelled',
        stamp: now(),
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .send(text);
    },
  );
}
