import './fastify.d';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Logger } from '../logging/logger';
import { uuidv7 } from '../ids';
import { loadSession, SESSION_COOKIE } from '../auth/sessions';
import { organizationSettings } from '../auth/auth.repository';
import { commonError } from './errors';
import { handleError, notFound } from './problem';
import { enforceRoutePermissions, markRoutesPublic, type RouteEntry } from './route-table';
import { checkSameOrigin, securityHeaders } from './security';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What route modules are given: the database, configuration, clock and logger. */
export type ServerDeps = {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
};

export type RouteModule = (app: App, deps: ServerDeps) => void;

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP server: every route module, the OpenAPI document, the web app, and the rules every route obeys. */
export async function buildServer(
  deps: ServerDeps,
  modules: readonly RouteModule[],
): Promise<{ app: App; routes: RouteEntry[] }> {
  const { config, database, clock } = deps;
  // Typed as Fastify's base logger so the instance type matches `App`.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // Requests are logged once, in onResponse below, by route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && REQUEST_ID.test(header) ? header : uuidv7();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: without this, text/plain bodies would reach validation instead of a clear 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFound);
  const routes = enforceRoutePermissions(app);
  app.decorateRequest('auth', null);

  await app.register(fastifyCookie);

  const publicOrigin = config.publicUrl ? new URL(config.publicUrl).origin : null;
  const settingsOf = (organizationId: string) => organizationSettings(database.db, organizationId);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    checkSameOrigin(request, publicOrigin);
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === 'public') return;
    const auth = await loadSession(database.db, clock, request.cookies[SESSION_COOKIE], settingsOf);
    if (!auth) throw commonError('UNAUTHENTICATED', 'Sign in to continue. Your session may have timed out.');
    request.auth = auth;
    if (permission !== 'authenticated' && !auth.permissions.includes(permission)) {
      throw commonError(
        'FORBIDDEN',
        auth.mfaEnrollmentRequired
          ? 'Your organization requires two-step sign-in for your role. Set up your authenticator app first.'
          : 'Your role does not allow this.',
      );
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(request, reply);
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the URL: query strings can hold names and dates of birth.
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PatientDesk API',
        version: '0.1.0',
        description:
          'The REST API of PatientDesk. Errors are RFC 9457 problem+json. Sign in with POST /api/auth/login; ' +
          'the session cookie authenticates every other call.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const register of modules) register(app, deps);

  registerWebApp(app, config);
  return { app, routes };
}

function registerWebApp(app: App, config: Config): void {
  const distDir = config.webDistDir ?? path.resolve(import.meta.dirname, '../../../../web/dist');
  const indexPath = path.join(distDir, 'index.html');
  const hasBuild = fs.existsSync(indexPath);
  const sendIndex = async (_request: unknown, reply: FastifyReply) => {
    if (!fs.existsSync(indexPath)) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web app is not built. Run `npm run build:web` (npm start does it for you).');
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(indexPath));
  };
  if (hasBuild) {
    void app.register(async (scope) => {
      markRoutesPublic(scope);
      await scope.register(fastifyStatic, {
        root: path.join(distDir, 'assets'),
        prefix: '/assets/',
        immutable: true,
        maxAge: '365d',
      });
    });
  }
  const spa = { config: { permission: 'public' as const }, schema: { hide: true } };
  app.get('/', spa, async (_request, reply) => reply.redirect('/desk'));
  for (const root of ['/desk', '/portal', '/kiosk']) {
    app.get(root, spa, sendIndex);
    app.get(`${root}/*`, spa, sendIndex);
  }
  app.get('/favicon.svg', spa, async (_request, reply) => {
    const file = path.join(distDir, 'favicon.svg');
    if (!fs.existsSync(file)) return notFound(_request, reply);
    return reply.type('image/svg+xml').send(fs.createReadStream(file));
  });
}
