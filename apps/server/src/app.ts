import { auditRoutes } from './platform/audit/audit.routes';
import { sealAudit } from './platform/audit/seal-audit';
import { registerAuthRoutes } from './platform/auth/auth.routes';
import { systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config/config';
import { openDatabase, type DatabaseHandle } from './platform/db/database';
import { migrate } from './platform/db/migrate';
import { registerHealthRoutes } from './platform/http/health.routes';
import { buildServer, type App, type RouteModule } from './platform/http/server';
import type { RouteEntry } from './platform/http/route-table';
import type { JobHandler } from './platform/jobs/jobs';
import { Worker } from './platform/jobs/worker';
import { createLogger, type Logger } from './platform/logging/logger';
import { deliverMessageHandler } from './platform/notify/deliver-message.job';
import { notifyRoutes } from './platform/notify/notify.routes';
import { transportsFromConfig, type Transports } from './platform/notify/transports';
import { registerDirectoryRoutes } from './modules/directory';
import { registerPatientRoutes } from './modules/patients';
import { recordsRoutes } from './modules/records';
import { storageFromConfig } from './platform/storage/storage-from-config';
import type { BlobStorage } from './platform/storage/storage';
import {
  closeWorkItemsFor,
  openWorkItem,
  registerWorklistRoutes,
  replyNeedsAHuman,
} from './modules/worklist';
import { confidentialityRoutes } from './modules/confidentiality';
import { identityWorker, patientIdsMergedInto, registerIdentityRoutes } from './modules/identity';
import { registerPortalInvitationRoutes } from './modules/portal-invitations';
import * as reminders from './modules/reminders';
import { registerWaitlistRoutes, waitlistWorker } from './modules/waitlist';
import {
  appointmentChangedHandler,
  registerAvailabilityRoutes,
  registerPortalSchedulingRoutes,
  registerSchedulingRoutes,
  type AppointmentChangeListener,
} from './modules/scheduling';
import path from 'node:path';

/** A running PatientDesk: the HTTP app, its database, and its job worker (not started until asked). */
export type PatientDesk = {
  app: App;
  routes: RouteEntry[];
  database: DatabaseHandle;
  worker: Worker;
  config: Config;
  logger: Logger;
  close(): Promise<void>;
};

/** Opens the database, applies migrations, and wires every module into the server and the worker. */
export async function createPatientDesk(options: {
  config: Config;
  database?: DatabaseHandle;
  logger?: Logger;
  clock?: Clock;
  transports?: Transports;
  storage?: BlobStorage;
}): Promise<PatientDesk> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      poolSize: config.databasePoolSize,
      dataDir: path.join(config.dataDir, 'pgdata'),
    }));
  const ran = await migrate(database.db);
  if (ran.length) logger.info({ migrations: ran }, 'migrations applied');

  const modules: RouteModule[] = [
    registerHealthRoutes,
    registerAuthRoutes,
    auditRoutes(patientIdsMergedInto),
    notifyRoutes([reminders.appointmentReplies(clock), replyNeedsAHuman]),
    registerDirectoryRoutes,
    registerPatientRoutes,
    registerWorklistRoutes,
    reminders.registerReminderRoutes,
    registerSchedulingRoutes,
    registerAvailabilityRoutes,
    registerPortalSchedulingRoutes,
    registerWaitlistRoutes,
    recordsRoutes(options.storage ?? storageFromConfig(config)),
    confidentialityRoutes({ open: openWorkItem, close: closeWorkItemsFor }),
    registerIdentityRoutes,
    registerPortalInvitationRoutes,
  ];
  const { app, routes } = await buildServer({ config, database, clock, logger }, modules);

  // Features that follow appointments (reminders, the waitlist) add their listeners here.
  const appointmentListeners: AppointmentChangeListener[] = [];
  appointmentListeners.push(reminders.planAppointmentNotices({ db: database.db, clock }));
  const waitlist = waitlistWorker({ db: database.db, clock, config });
  appointmentListeners.push(waitlist.listener);
  const identity = identityWorker({ db: database.db, clock });
  const handlers: JobHandler[] = [
    deliverMessageHandler(database.db, options.transports ?? transportsFromConfig(config)),
    appointmentChangedHandler(appointmentListeners),
    reminders.sendAppointmentNoticeHandler({ db: database.db, clock, config }),
    ...waitlist.handlers,
    ...identity.handlers,
  ];
  const worker = new Worker({
    db: database.db,
    handlers,
    logger,
    periodic: [
      { name: 'audit-sealer', everyMs: 1000, run: () => sealAudit(database.db) },
      waitlist.periodic,
      identity.periodic,
    ],
  });

  return {
    app,
    routes,
    database,
    worker,
    config,
    logger,
    close: async () => {
      await worker.stop();
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
