import {
  ZAvailabilityException,
  ZAvailabilityTemplate,
  ZCreateAvailabilityExceptionRequest,
  ZCreateAvailabilityTemplateRequest,
  ZCreateHolidayRequest,
  ZHoliday,
  ZId,
  ZPlainDate,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.repository';
import { inTransaction, pgErrorCode } from '../../platform/db/transaction';
import { actorContext } from '../../platform/http/context';
import type { App, ServerDeps } from '../../platform/http/server';
import { uuidv7 } from '../../platform/ids';
import { schedulingError } from './scheduling.errors';
import { templateView } from './slot-view';
import { exceptionsFor, holidaysBetween } from './scheduling.repository';
import {
  deleteAvailabilityException,
  deleteAvailabilityTemplate,
  deleteHoliday,
  insertAvailabilityException,
  insertAvailabilityTemplate,
  insertHoliday,
  providerExists,
  providerWorksAt,
  templatesOfProvider,
} from './availability.repository';
import { ZIdParams } from '../../platform/http/route-schemas';

/** Where and when providers work: weekly templates, blocks and extra clinics, and holidays. */
export function registerAvailabilityRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();

  const requireProvider = async (organizationId: string, providerId: string) => {
    if (!(await providerExists(db, organizationId, providerId))) {
      throw schedulingError('AVAILABILITY_INVALID', 'No provider with that id.');
    }
  };
  const requireWorksAt = async (organizationId: string, providerId: string, locationId: string) => {
    if (!(await providerWorksAt(db, organizationId, providerId, locationId))) {
      throw schedulingError('AVAILABILITY_INVALID', 'The provider does not work at that location.', {
        fields: [{ path: 'body.locationId', message: 'Not one of the provider’s locations' }],
      });
    }
  };
  const audit = (
    request: Parameters<typeof actorContext>[0],
    resourceType: string,
    id: string,
    action: 'create' | 'delete',
  ) => recordAudit(db, actorContext(request), { action, resourceType, resourceId: id });

  app.get(
    '/api/providers/:id/availability',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['availability'],
        summary: 'A provider’s weekly templates and the blocks and extra clinics of the next 90 days',
        params: ZIdParams,
        response: {
          200: z.object({
            templates: z.array(ZAvailabilityTemplate),
            exceptions: z.array(ZAvailabilityException),
          }),
        },
      },
    },
    async (request) => {
      const { organizationId } = actorContext(request);
      await requireProvider(organizationId, request.params.id);
      const from = now();
      const [templates, exceptions] = await Promise.all([
        templatesOfProvider(db, organizationId, request.params.id),
        exceptionsFor(
          db,
          organizationId,
          [request.params.id],
          from,
          new Date(from.getTime() + 90 * 86_400_000),
        ),
      ]);
      return {
        templates: templates.map((row) => ({ id: row.id, ...templateView(row) })),
        exceptions: exceptions.map((row) => ({
          id: row.id,
          providerId: request.params.id,
          locationId: row.location_id,
          kind: row.kind,
          start: row.starts_at.toISOString(),
          end: row.ends_at.toISOString(),
          reason: row.reason,
        })),
      };
    },
  );

  app.post(
    '/api/providers/:id/availability-templates',
    {
      config: { permission: 'availability:manage' },
      schema: {
        tags: ['availability'],
        summary: 'Add a weekly block of availability, in the location’s local time',
        params: ZIdParams,
        body: ZCreateAvailabilityTemplateRequest,
        response: { 201: z.object({ id: ZId }) },
      },
    },
    async (request, reply) => {
      const { organizationId } = actorContext(request);
      const body = request.body;
      await requireProvider(organizationId, request.params.id);
      await requireWorksAt(organizationId, request.params.id, body.locationId);
      const id = uuidv7();
      await inTransaction(db, async (trx) => {
        await insertAvailabilityTemplate(trx, organizationId, {
          id,
          providerId: request.params.id,
          locationId: body.locationId,
          weekday: body.weekday,
          startTime: body.startTime,
          endTime: body.endTime,
          effectiveFrom: body.effectiveFrom,
          effectiveTo: body.effectiveTo ?? null,
          appointmentTypeIds: body.appointmentTypeIds ?? null,
        });
      });
      await audit(request, 'AvailabilityTemplate', id, 'create');
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/api/availability-templates/:id',
    {
      config: { permission: 'availability:manage' },
      schema: { tags: ['availability'], summary: 'Remove a weekly block', params: ZIdParams },
    },
    async (request, reply) => {
      const { organizationId } = actorContext(request);
      if (!(await deleteAvailabilityTemplate(db, organizationId, request.params.id))) {
        throw schedulingError('AVAILABILITY_INVALID', 'No such availability template.');
      }
      await audit(request, 'AvailabilityTemplate', request.params.id, 'delete');
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/providers/:id/availability-exceptions',
    {
      config: { permission: 'availability:manage' },
      schema: {
        tags: ['availability'],
        summary: 'Block time (vacation, a closed afternoon) or add a one-off extra clinic',
        params: ZIdParams,
        body: ZCreateAvailabilityExceptionRequest,
        response: { 201: z.object({ id: ZId }) },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const body = request.body;
      await requireProvider(context.organizationId, request.params.id);
      if (body.locationId) await requireWorksAt(context.organizationId, request.params.id, body.locationId);
      const id = uuidv7();
      await insertAvailabilityException(db, context.organizationId, {
        id,
        providerId: request.params.id,
        locationId: body.locationId ?? null,
        kind: body.kind,
        start: new Date(body.start),
        end: new Date(body.end),
        reason: body.reason ?? null,
        createdBy: context.actor?.id ?? null,
      });
      await audit(request, 'AvailabilityException', id, 'create');
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/api/availability-exceptions/:id',
    {
      config: { permission: 'availability:manage' },
      schema: { tags: ['availability'], summary: 'Remove a block or extra clinic', params: ZIdParams },
    },
    async (request, reply) => {
      if (!(await deleteAvailabilityException(db, actorContext(request).organizationId, request.params.id))) {
        throw schedulingError('AVAILABILITY_INVALID', 'No such block or extra clinic.');
      }
      await audit(request, 'AvailabilityException', request.params.id, 'delete');
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/holidays',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['availability'],
        summary: 'Days the organization or a location is closed',
        querystring: z.strictObject({ from: ZPlainDate, to: ZPlainDate }),
        response: { 200: z.object({ items: z.array(ZHoliday) }) },
      },
    },
    async (request) => {
      const rows = await holidaysBetween(
        db,
        actorContext(request).organizationId,
        request.query.from,
        request.query.to,
      );
      return {
        items: rows.map((row) => ({ id: row.id, day: row.day, name: row.name, locationId: row.location_id })),
      };
    },
  );

  app.post(
    '/api/holidays',
    {
      config: { permission: 'availability:manage' },
      schema: {
        tags: ['availability'],
        summary: 'Close the organization (or one location) for a day',
        body: ZCreateHolidayRequest,
        response: { 201: z.object({ id: ZId }) },
      },
    },
    async (request, reply) => {
      const id = uuidv7();
      try {
        await insertHoliday(db, actorContext(request).organizationId, {
          id,
          day: request.body.day,
          name: request.body.name,
          locationId: request.body.locationId ?? null,
        });
      } catch (error) {
        if (pgErrorCode(error) === '23505')
          throw schedulingError('HOLIDAY_EXISTS', 'That day is already a holiday.');
        throw error;
      }
      await audit(request, 'Holiday', id, 'create');
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/api/holidays/:id',
    {
      config: { permission: 'availability:manage' },
      schema: { tags: ['availability'], summary: 'Reopen a holiday', params: ZIdParams },
    },
    async (request, reply) => {
      if (!(await deleteHoliday(db, actorContext(request).organizationId, request.params.id))) {
        throw schedulingError('AVAILABILITY_INVALID', 'No such holiday.');
      }
      await audit(request, 'Holiday', request.params.id, 'delete');
      return reply.status(204).send();
    },
  );
}
