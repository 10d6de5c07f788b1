import {
  ZCreatePatientRequest,
  ZCreateProxyRequest,
  ZLinkProxyAccountRequest,
  ZId,
  ZPatient,
  ZPatientHistory,
  ZPatientSearchQuery,
  ZPatientSearchResult,
  ZProxy,
  ZProxyList,
  ZUpdatePatientRequest,
} from '@patientdesk/contracts';
import { z } from 'zod';
import { actorContext } from '../../platform/http/context';
import { requireVersion } from '../../platform/http/errors';
import { restrictedAmong } from '../confidentiality';
import type { App, ServerDeps } from '../../platform/http/server';
import { patientHistory } from './patient-history';
import { addProxy, endProxy, linkProxyAccount, listProxies } from './patient-proxies';
import { updatePatient } from './update-patient';
import { createPatient } from './create-patient';
import { getPatient } from './get-patient';
import { toPatient, toPatientSummary } from './patient-view';
import { findPatients } from './search-patients';
import { listOwnPatients } from './list-own-patients';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

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
        params: ZIdParams,
        response: { 200: ZPatient },
      },
    },
    async (request, reply) => {
      const row = await getPatient(db, actorContext(request), request.params.id, deps.clock.now());
      return reply.header('etag', `W/"${row.version}"`).send(toPatient(row));
    },
  );

  app.patch(
    '/api/patients/:id',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary:
          'Change a record (JSON merge patch with If-Match: 412 when someone else changed it first; each version kept)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZUpdatePatientRequest,
        response: { 200: ZPatient },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const version = requireVersion(request.headers['if-match']);
      await updatePatient(db, deps.clock, context, request.params.id, version, request.body);
      const row = await getPatient(db, context, request.params.id, deps.clock.now());
      return reply.header('etag', `W/"${row.version}"`).send(toPatient(row));
    },
  );

  app.get(
    '/api/patients/:id/history',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['patients'],
        summary: 'Every version of a record: who changed which fields, when, from what to what',
        params: ZIdParams,
        response: { 200: ZPatientHistory },
      },
    },
    async (request) => patientHistory(db, actorContext(request), request.params.id, deps.clock.now()),
  );

  app.get(
    '/api/patients/:id/proxies',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['patients'],
        summary: 'People who may act for the patient, what each may do, and until when',
        params: ZIdParams,
        response: { 200: ZProxyList },
      },
    },
    async (request) => listProxies(db, deps.clock, actorContext(request), request.params.id),
  );

  app.post(
    '/api/patients/:id/proxies',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary: 'Name a parent, guardian or caregiver who may act for the patient',
        params: ZIdParams,
        body: ZCreateProxyRequest,
        response: { 201: ZProxy },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addProxy(db, deps.clock, actorContext(request), request.params.id, request.body)),
  );

  app.post(
    '/api/patients/:id/proxies/:proxyId/end',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary: "End a proxy's authority now (kept for the record)",
        params: z.object({ id: ZId, proxyId: ZId }),
        response: { 200: ZProxy },
      },
    },
    async (request) =>
      endProxy(db, deps.clock, actorContext(request), request.params.id, request.params.proxyId),
  );

  app.post(
    '/api/patients/:id/proxies/:proxyId/portal-account',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary: 'Give a proxy their portal account (an existing portal account, by email)',
        params: z.object({ id: ZId, proxyId: ZId }),
        body: ZLinkProxyAccountRequest,
        response: { 200: ZProxy },
      },
    },
    async (request) =>
      linkProxyAccount(
        db,
        deps.clock,
        actorContext(request),
        request.params.id,
        request.params.proxyId,
        request.body,
      ),
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
      const context = actorContext(request);
      const rows = await findPatients(db, context, request.query.q, request.query.limit);
      // Restricted records are found like any other (the desk must be able to find them) and marked.
      const restricted = await restrictedAmong(
        db,
        context.organizationId,
        rows.map((row) => row.id),
      );
      return {
        items: rows.map((row) => toPatientSummary(row, restricted.has(row.id))),
        nextCursor: null,
      };
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
        params: ZIdParams,
        response: { 200: ZPatient },
      },
    },
    async (request) =>
      toPatient(await getPatient(db, actorContext(request), request.params.id, deps.clock.now())),
  );
}
