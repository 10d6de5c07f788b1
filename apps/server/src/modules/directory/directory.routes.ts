import { ZDirectory, ZStaffList, type Role } from '@patientdesk/contracts';
import { actorContext } from '../../platform/http/context';
import type { App, ServerDeps } from '../../platform/http/server';
import { listLocations, listProviders, listStaff } from './directory.repository';

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

  app.get(
    '/api/directory/staff',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags: ['directory'],
        summary: 'Active staff members by name (to put someone on a care team)',
        response: { 200: ZStaffList },
      },
    },
    async (request) => {
      const rows = await listStaff(db, actorContext(request).organizationId);
      return { items: rows.map((row) => ({ id: row.id, name: row.display_name, role: row.role as Role })) };
    },
  );
}
