import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_PATH = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

type AxeNode = { target: unknown[]; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/** Runs axe-core on the page as it stands and fails, listing every violation, unless there are none. */
export async function assertNoAxeViolations(page: Page, label: string): Promise<void> {
  // The page's CSP forbids inline scripts: the context that runs this is opened with bypassCSP.
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: ${JSON.stringify(TAGS)} }).then((result) => result.violations)`,
  );
  const report = violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `      ${JSON.stringify(node.target)}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : ''}`,
        )
        .join('\n');
      return `  ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  assert.equal(violations.length, 0, `Accessibility violations on ${label}:\n${report}`);
}
