import { systemContext } from '../platform/access/context';
import { recordAudit } from '../platform/audit/audit.repository';
import { inTransaction, pgErrorCode } from '../platform/db/transaction';
import { uuidv7 } from '../platform/ids';
import { findOrganizationBySlug, insertOrganization } from '../platform/tenancy/organizations.repository';
import { UsageError } from './args';
import { CliError, requiredValue, withDatabase, type Command } from './command';

// The same rule as the organization table's check constraint, checked first for a readable refusal.
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** `pd org create`: a new tenant, e.g. the first one of a fresh PostgreSQL deployment. */
export const orgCreateCommand: Command = {
  path: ['org', 'create'],
  summary: 'Create an organization',
  details: ['Then add its first administrator with `pd user create --role admin --organization <slug>`.'],
  options: {
    slug: {
      type: 'string',
      required: true,
      valueName: 'slug',
      description: 'Short name used at sign-in: a-z, 0-9 and "-", 2 to 63 characters',
    },
    name: { type: 'string', required: true, valueName: 'name', description: 'The organization’s full name' },
  },
  run: async (args, io) => {
    const slug = requiredValue(args, 'slug');
    const name = requiredValue(args, 'name').trim();
    if (!SLUG.test(slug)) {
      throw new UsageError(
        '--slug must be 2 to 63 characters of a-z, 0-9 and "-", starting with a letter or digit.',
      );
    }
    if (name.length === 0 || name.length > 200) throw new UsageError('--name must be 1 to 200 characters.');
    return withDatabase(io, { create: false, requireCurrent: true }, async (database) => {
      const id = uuidv7();
      try {
        await inTransaction(database.db, async (trx) => {
          if (await findOrganizationBySlug(trx, slug))
            throw new CliError(`An organization "${slug}" already exists.`);
          await insertOrganization(trx, { id, slug, name, settings: {} });
          await recordAudit(trx, systemContext(id), {
            action: 'create',
            resourceType: 'Organization',
            resourceId: id,
          });
        });
      } catch (error) {
        // Another process created the same slug between the check and the insert.
        if (pgErrorCode(error) === '23505') throw new CliError(`An organization "${slug}" already exists.`);
        throw error;
      }
      io.out(`Created organization "${slug}" (${name}), id ${id}.`);
      return 0;
    });
  },
};
