import { STAFF_ROLES, type Role } from '@patientdesk/contracts';
import { createAccount } from '../platform/auth/accounts';
import { passwordProblem } from '../platform/auth/passwords';
import { inTransaction } from '../platform/db/transaction';
import { findOrganizationBySlug } from '../platform/tenancy/organizations.repository';
import { UsageError } from './args';
import { CliError, requiredValue, withDatabase, type Command } from './command';
import { readNewPassword } from './password';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isStaffRole(value: string): value is Role {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** `pd user create`: a staff account, with the password read from stdin (or typed, hidden, at a terminal). */
export const userCreateCommand: Command = {
  path: ['user', 'create'],
  summary: 'Create a staff account (password from stdin)',
  details: [
    'The password is the first line of stdin; at a terminal it is asked for twice, without echo. It must be at ' +
      'least 12 characters.',
    'Example: printf "%s\\n" "$PASSWORD" | pd user create --email ada@clinic.example --role admin --organization clinic',
  ],
  options: {
    email: { type: 'string', required: true, valueName: 'email', description: 'Sign-in email' },
    role: { type: 'string', required: true, valueName: 'role', description: STAFF_ROLES.join(' | ') },
    organization: {
      type: 'string',
      required: true,
      valueName: 'slug',
      description: 'The organization’s slug',
    },
    name: {
      type: 'string',
      valueName: 'name',
      description: 'Display name (default: the part of the email before @)',
    },
  },
  run: async (args, io) => {
    const email = requiredValue(args, 'email').trim().toLowerCase();
    const role = requiredValue(args, 'role');
    const slug = requiredValue(args, 'organization');
    if (!EMAIL.test(email) || email.length > 254) throw new UsageError('--email is not an email address.');
    if (!isStaffRole(role)) throw new UsageError(`--role must be one of: ${STAFF_ROLES.join(', ')}.`);
    const displayName = (args.values.name ?? email.slice(0, email.indexOf('@'))).trim();
    if (displayName.length === 0 || displayName.length > 200) {
      throw new UsageError('--name must be 1 to 200 characters.');
    }

    const password = await readNewPassword(io.stdin, io.prompt);
    const problem = passwordProblem(password);
    if (problem) throw new CliError(`Password refused: ${problem} Nothing was changed.`);

    return withDatabase(io, { create: false, requireCurrent: true }, async (database) => {
      const organization = await findOrganizationBySlug(database.db, slug);
      if (!organization) throw new CliError(`No organization "${slug}". Create it with \`pd org create\`.`);
      const id = await inTransaction(database.db, (trx) =>
        createAccount(trx, { organizationId: organization.id, email, displayName, role, password }),
      );
      io.out(`Created ${role} account ${email} in "${slug}", id ${id}.`);
      return 0;
    });
  },
};
