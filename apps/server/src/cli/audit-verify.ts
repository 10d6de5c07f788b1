import { sealAudit } from '../platform/audit/seal-audit';
import { verifyAudit, type ChainReport } from '../platform/audit/verify-audit';
import { withDatabase, type Command } from './command';

function describeChain(report: ChainReport): string {
  const counts = `${report.sealed} sealed link(s), ${report.unsealed} unsealed row(s)`;
  if (!report.firstBreak) return `${report.slug}: ${counts}, chain intact`;
  const { chainSeq, auditEventId, problem } = report.firstBreak;
  const event = auditEventId === null ? '' : ` (audit event ${auditEventId})`;
  return `${report.slug}: ${counts}, chain BROKEN at link ${chainSeq}${event}: ${problem}`;
}

/** `pd audit verify`: recomputes every organization's audit hash chain; exit code 1 when any is broken. */
export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'Check every organization’s audit hash chain',
  details: [
    'Prints, per organization, the sealed links, the rows not sealed yet, and "chain intact" or the first broken ' +
      'link. Exits with 1 when any chain is broken. Only reads, unless --seal is given.',
  ],
  options: {
    seal: {
      type: 'boolean',
      description: 'Seal pending audit rows first (what the worker does every second)',
    },
  },
  run: async (args, io) =>
    withDatabase(io, { create: false, requireCurrent: true }, async (database) => {
      if (args.flags.has('seal')) {
        const sealed = await sealAudit(database.db);
        io.out(`Sealed ${sealed} pending audit row(s).`);
      }
      const reports = await verifyAudit(database.db);
      if (reports.length === 0) {
        io.out('No organizations.');
        return 0;
      }
      for (const report of reports) io.out(describeChain(report));
      const broken = reports.filter((report) => report.firstBreak !== null);
      if (broken.length === 0) {
        io.out(`All ${reports.length} chain(s) intact.`);
        return 0;
      }
      io.err(
        `${broken.length} of ${reports.length} audit chain(s) broken: ${broken.map((r) => r.slug).join(', ')}.`,
      );
      return 1;
    }),
};
