import {
  ZAppointment,
  ZAppointmentList,
  ZAppointmentListQuery,
  ZAppointmentType,
  ZAttendance,
  ZBookAppointmentRequest,
  ZCancelRequest,
  ZFirstAvailableQuery,
  ZRescheduleRequest,
  ZSlotList,
  ZSlotQuery,
  ZStatusChangeRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { inTransaction } from '../../platform/db/transaction';
import { actorContext } from '../../platform/http/context';
import { requireVersion } from '../../platform/http/errors';
import { withIdempotency } from '../../platform/http/idempotency';
import type { App, ServerDeps } from '../../platform/http/server';
import { toAppointmentType } from './appointment-type-view';
import { toAppointment } from './appointment-view';
import { readAppointment, readCalendar } from './appointments';
import { bookAppointment } from './book-appointment';
import { cancelAppointment, changeStatus, loadForChange } from './change-appointment';
import { findSlots, firstAvailable } from './find-slots';
import { rescheduleAppointment } from './reschedule-appointment';
import { schedulingError } from './scheduling.errors';
import { attendanceOf, findAppointment, listAppointmentTypes } from './scheduling.repository';
import { toSlots } from './slot-view';
import { ZIdParams, ZIdempotencyHeaders, ZIfMatchHeaders } from '../../platform/http/route-schemas';

const MAX_SLOT_DAYS = 31;

export function registerSchedulingRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();

  app.get(
    '/api/appointment-types',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'Appointment types with their rules and preparation',
        response: { 200: z.object({ items: z.array(ZAppointmentType) }) },
      },
    },
    async (request) => ({
      items: (await listAppointmentTypes(db, actorContext(request).organizationId)).map(toAppointmentType),
    }),
  );

  app.get(
    '/api/slots',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'Free slots of an appointment type in a range (computed from availability, never stored)',
        querystring: ZSlotQuery,
        response: { 200: ZSlotList },
      },
    },
    async (request) => {
      const query = request.query;
      const from = new Date(query.from);
      const to = new Date(query.to);
      if (to <= from || to.getTime() - from.getTime() > MAX_SLOT_DAYS * 86_400_000) {
        throw schedulingError(
          'RANGE_TOO_LONG',
          `Ask for at most ${MAX_SLOT_DAYS} days, ending after the start.`,
          {
            fields: [{ path: 'query.to', message: `At most ${MAX_SLOT_DAYS} days after from` }],
          },
        );
      }
      const { schedule, slots } = await findSlots(db, actorContext(request), {
        appointmentTypeId: query.appointmentTypeId,
        providerId: query.providerId,
        locationId: query.locationId,
        from,
        to,
        now: now(),
        limit: query.limit,
      });
      return { items: toSlots(slots, schedule.locations) };
    },
  );

  app.get(
    '/api/slots/first-available',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'The earliest free slots across every provider who offers the type',
        querystring: ZFirstAvailableQuery,
        response: { 200: ZSlotList },
      },
    },
    async (request) => {
      const query = request.query;
      const { schedule, slots } = await firstAvailable(db, actorContext(request), {
        appointmentTypeId: query.appointmentTypeId,
        providerId: query.providerId,
        locationId: query.locationId,
        from: query.from ? new Date(query.from) : now(),
        now: now(),
        days: query.days,
        limit: query.limit,
      });
      return { items: toSlots(slots, schedule.locations) };
    },
  );

  app.post(
    '/api/appointments',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['scheduling'],
        summary: 'Book an appointment (send an Idempotency-Key; 409 SLOT_TAKEN when the time is gone)',
        headers: ZIdempotencyHeaders,
        body: ZBookAppointmentRequest,
        response: { 201: ZAppointment },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const result = await withIdempotency(
        db,
        context,
        request.headers['idempotency-key'],
        request.body,
        async (trx) => {
          const row = await bookAppointment(trx, context, request.body, {
            now: now(),
            via: 'desk',
            mayOverbook: request.auth?.permissions.includes('appointments:overbook') ?? false,
          });
          return { status: 201, body: toAppointment(row) };
        },
      );
      return reply
        .status(201)
        .header('location', `/api/appointments/${result.body.id}`)
        .header('etag', `W/"${result.body.version}"`)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body);
    },
  );

  app.get(
    '/api/appointments',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'Appointments in a range, by provider, location, room, patient or status (the calendar)',
        querystring: ZAppointmentListQuery,
        response: { 200: ZAppointmentList },
      },
    },
    async (request) => {
      const query = request.query;
      const rows = await readCalendar(db, actorContext(request), {
        ...query,
        from: new Date(query.from),
        to: new Date(query.to),
      });
      return { items: rows.map(toAppointment) };
    },
  );

  app.get(
    '/api/appointments/:id',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'One appointment',
        params: ZIdParams,
        response: { 200: ZAppointment },
      },
    },
    async (request, reply) => {
      const row = await readAppointment(db, actorContext(request), request.params.id);
      return reply.header('etag', `W/"${row.version}"`).send(toAppointment(row));
    },
  );

  const changed = async (id: string, context: ReturnType<typeof actorContext>) => {
    const row = await findAppointment(db, context, id);
    if (!row) throw schedulingError('APPOINTMENT_NOT_FOUND', 'No appointment with that id.');
    return row;
  };

  app.post(
    '/api/appointments/:id/status',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['scheduling'],
        summary: 'Confirm, arrive, check in, room, complete or mark a no-show (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZStatusChangeRequest,
        response: { 200: ZAppointment },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const version = requireVersion(request.headers['if-match']);
      await inTransaction(db, async (trx) => {
        const current = await loadForChange(trx, context, request.params.id, version);
        await changeStatus(trx, context, current, request.body.status, {
          now: now(),
          reason: request.body.reason ?? null,
        });
      });
      const row = await changed(request.params.id, context);
      return reply.header('etag', `W/"${row.version}"`).send(toAppointment(row));
    },
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['scheduling'],
        summary: 'Cancel with a coded reason and who cancelled (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZCancelRequest,
        response: { 200: ZAppointment },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const version = requireVersion(request.headers['if-match']);
      await inTransaction(db, async (trx) => {
        const current = await loadForChange(trx, context, request.params.id, version);
        await cancelAppointment(trx, context, current, request.body, { now: now() });
      });
      const row = await changed(request.params.id, context);
      return reply.header('etag', `W/"${row.version}"`).send(toAppointment(row));
    },
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      config: { permission: 'appointments:write' },
      schema: {
        tags: ['scheduling'],
        summary: 'Move to a new time (and provider); the old appointment points to the new one (If-Match)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZRescheduleRequest,
        response: { 201: ZAppointment },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const version = requireVersion(request.headers['if-match']);
      const newId = await inTransaction(db, async (trx) => {
        const current = await loadForChange(trx, context, request.params.id, version);
        return rescheduleAppointment(trx, context, current, request.body, { now: now(), via: 'desk' });
      });
      const row = await changed(newId, context);
      return reply
        .status(201)
        .header('location', `/api/appointments/${row.id}`)
        .header('etag', `W/"${row.version}"`)
        .send(toAppointment(row));
    },
  );

  app.get(
    '/api/patients/:id/attendance',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['scheduling'],
        summary: 'No-shows, late cancellations and visits of a patient',
        params: ZIdParams,
        response: { 200: ZAttendance },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const counts = await attendanceOf(db, context.organizationId, request.params.id, now());
      return { patientId: request.params.id, ...counts };
    },
  );
}
