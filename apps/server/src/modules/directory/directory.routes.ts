import { ZDirectory } from '@patientdesk/contracts';
import { actorContext } from '../../platform/http/context';
import type { App, ServerDeps } from '../../platform/http/server';
import { listLocations, listProviders } from './directory.repository';

export function registerDirectoryRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  app.get(
    '/api/directory',
    {
      config: { permission: 'directory:read' },
      schema: { tags: ['directory'], summary: 'Locations and providers', response: { 200: ZDirectory } },
    },
    async (request) => {
      const { organizationId } = actorContext(request);
      const [locations, providers] = await Promise.all([
        listLocations(db, organizationId),
        listProviders(db, organizationId),
      ]);
      return {
        locations: locations.map((row) => ({
          id: row.id,
          name: row.name,
          timeZone: row.time_zone,
          phone: row.phone,
        })),
        providers: providers.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          specialty: row.specialty,
          npi: row.npi,
        })),
      };
    },
  );
}
