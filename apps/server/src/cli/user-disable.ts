import { disableAccount } from '../platform/auth/accounts';
import { inTransaction } from '../platform/db/transaction';
import { findOrganizationBySlug } from '../platform/tenancy/organizations.repository';
import { CliError, requiredValue, withDatabase, type Command } from './command';

/** `pd user disable`: the account can no longer sign in, and its open sessions end now. */
export const userDisableCommand: Command = {
  path: ['user', 'disable'],
  summary: 'Disable an account and end its sessions',
  options: {
    email: { type: 'string', required: true, valueName: 'email', description: 'The account’s email' },
    organization: {
      type: 'string',
      required: true,
      valueName: 'slug',
      description: 'The organization’s slug',
    },
  },
  run: async (args, io) => {
    const email = requiredValue(args, 'email');
    const slug = requiredValue(args, 'organization');
    return withDatabase(io, { create: false, requireCurrent: true }, async (database) => {
      const organization = await findOrganizationBySlug(database.db, slug);
      if (!organization) throw new CliError(`No organization "${slug}".`);
      const result = await inTransaction(database.db, (trx) =>
        disableAccount(trx, organization.id, email, new Date()),
      );
      io.out(
        `Disabled ${email.trim().toLowerCase()} in "${slug}"; ended ${result.sessionsEnded} open session(s).`,
      );
      return 0;
    });
  },
};
