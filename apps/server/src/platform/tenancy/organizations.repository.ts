import type { Executor } from '../audit/audit.repository';
import { json, type OrganizationSettings } from '../db/schema';

export async function insertOrganization(
  executor: Executor,
  organization: { id: string; slug: string; name: string; settings: OrganizationSettings },
): Promise<void> {
  await executor
    .insertInto('organization')
    .values({ ...organization, settings: json(organization.settings) })
    .execute();
}

export async function findOrganizationBySlug(executor: Executor, slug: string) {
  return executor
    .selectFrom('organization')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** The name and settings of an organization: what messages to its patients are signed with. */
export async function organizationProfile(executor: Executor, organizationId: string) {
  const row = await executor
    .selectFrom('organization')
    .select(['name', 'settings'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row ? { name: row.name, settings: row.settings } : null;
}

export async function countOrganizations(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
