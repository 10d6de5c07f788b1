import {
  ZAppointmentReminders,
  ZAppointmentResponseLink,
  ZAppointmentResponseRequest,
  ZAppointmentResponseResult,
  ZCommunicationPreferences,
  ZCommunicationPreferencesRequest,
  ZResponseToken,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/context';
import { requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { answerResponseLink } from './answer-response-link';
import { describeResponseLink } from './describe-response-link';
import { getCommunicationPreferences } from './get-communication-preferences';
import { toCommunicationPreferences } from './preferences-view';
import { readAppointmentReminders } from './read-appointment-reminders';
import { setCommunicationPreferences } from './set-communication-preferences';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

/** Communication preferences for the desk, the desk's view of reminders, and the public answer-link endpoints. */
export function registerReminderRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;

  app.get(
    '/api/patients/:id/communication-preferences',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['reminders'],
        summary:
          'How a patient wants to hear about appointments: language, channel, consent, quiet hours, detail',
        params: ZIdParams,
        response: { 200: ZCommunicationPreferences },
      },
    },
    async (request, reply) => {
      const row = await getCommunicationPreferences(db, actorContext(request), request.params.id);
      return reply.header('etag', `W/"${row.communication_version}"`).send(toCommunicationPreferences(row));
    },
  );

  app.put(
    '/api/patients/:id/communication-preferences',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['reminders'],
        summary: 'Replace a patient’s communication preferences (If-Match: their version)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZCommunicationPreferencesRequest,
        response: { 200: ZCommunicationPreferences },
      },
    },
    async (request, reply) => {
      const version = requireVersion(request.headers['if-match']);
      const row = await setCommunicationPreferences(
        db,
        actorContext(request),
        request.params.id,
        version,
        request.body,
        deps.clock.now(),
      );
      return reply.header('etag', `W/"${row.communication_version}"`).send(toCommunicationPreferences(row));
    },
  );

  app.get(
    '/api/appointments/:id/reminders',
    {
      config: { permission: 'appointments:read' },
      schema: {
        tags: ['reminders'],
        summary: 'The confirmations and reminders of an appointment, and what the patient answered',
        params: ZIdParams,
        response: { 200: ZAppointmentReminders },
      },
    },
    async (request) => readAppointmentReminders(db, actorContext(request), request.params.id),
  );

  app.get(
    '/api/appointment-responses/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['reminders'],
        summary:
          'What an emailed answer link is for: the visit’s time and the clinic (the token is the authority)',
        security: [],
        params: z.object({ token: ZResponseToken }),
        response: { 200: ZAppointmentResponseLink },
      },
    },
    async (request) =>
      describeResponseLink(db, request.params.token, {
        now: deps.clock.now(),
        requestId: request.id,
        sourceAddress: request.ip,
      }),
  );

  app.post(
    '/api/appointment-responses',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['reminders'],
        summary: 'Confirm a visit, or ask for a new time, with an emailed single-use link',
        security: [],
        body: ZAppointmentResponseRequest,
        response: { 200: ZAppointmentResponseResult },
      },
    },
    async (request) => ({
      outcome: await answerResponseLink(db, request.body, {
        now: deps.clock.now(),
        requestId: request.id,
        sourceAddress: request.ip,
      }),
    }),
  );
}
