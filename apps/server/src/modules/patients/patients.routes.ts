import {
  ZCreatePatientRequest,
  ZId,
  ZPatient,
  ZPatientSearchQuery,
  ZPatientSearchResult,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/context';
import type { App, ServerDeps } from '../../platform/http/server';
import { createPatient } from './create-patient';
import { getPatient } from './get-patient';
import { toPatient, toPatientSummary } from './patient-view';
import { findPatients } from './search-patients';
import { listOwnPatients } from './list-own-patients';

export function registerPatientRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;

  app.post(
    '/api/patients',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary: 'Register a patient',
        body: ZCreatePatientRequest,
        response: { 201: ZPatient },
      },
    },
    async (request, reply) => {
      const row = await createPatient(db, deps.clock, actorContext(request), request.body);
      return reply
        .status(201)
        .header('location', `/api/patients/${row.id}`)
        .header('etag', `W/"${row.version}"`)
        .send(toPatient(row));
    },
  );

  app.get(
    '/api/patients/:id',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['patients'],
        summary: 'One patient',
        params: z.object({ id: ZId }),
        response: { 200: ZPatient },
      },
    },
    async (request, reply) => {
      const row = await getPatient(db, actorContext(request), request.params.id);
      return reply.header('etag', `W/"${row.version}"`).send(toPatient(row));
    },
  );

  app.get(
    '/api/patients',
    {
      config: { permission: 'patients:search' },
      schema: {
        tags: ['patients'],
        summary: 'Search patients by name, date of birth, MRN, phone or email',
        querystring: ZPatientSearchQuery,
        response: { 200: ZPatientSearchResult },
      },
    },
    async (request) => {
      const rows = await findPatients(db, actorContext(request), request.query.q, request.query.limit);
      return { items: rows.map(toPatientSummary), nextCursor: null };
    },
  );

  // The portal: a patient (or proxy) sees only the records their account may act for.
  app.get(
    '/api/portal/patients',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'The patients this portal account may act for (its own record first)',
        response: { 200: z.object({ items: z.array(ZPatient) }) },
      },
    },
    async (request) => {
      const rows = await listOwnPatients(db, actorContext(request));
      return { items: rows.map(toPatient) };
    },
  );

  app.get(
    '/api/portal/patients/:id',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'One record this portal account may act for',
        params: z.object({ id: ZId }),
        response: { 200: ZPatient },
      },
    },
    async (request) => toPatient(await getPatient(db, actorContext(request), request.params.id)),
  );
}
