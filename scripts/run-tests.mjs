#!/usr/bin/env node
// Runs the test tiers with node's own test runner and prints a closing "N passed, N failed" line.
//   node scripts/run-tests.mjs unit int      unit tests, then integration tests (PGlite, or DATABASE_URL)
//   node scripts/run-tests.mjs e2e           browser tests in Chromium
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tiers = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const filter = process.argv.find((arg) => arg.startsWith('--filter='))?.slice(9);
if (tiers.length === 0) tiers.push('unit', 'int');

const SKIP = new Set(['node_modules', 'dist', '.git', 'data', '.tmp']);

function walk(directory, found = []) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

const all = ['apps', 'packages', 'e2e', 'scripts']
  .map((folder) => path.join(root, folder))
  .filter((folder) => fs.existsSync(folder))
  .flatMap((folder) => walk(folder));

const matchers = {
  unit: (file) => /\.test\.tsx?$/.test(file) && !/\.(int|e2e)\.test\.tsx?$/.test(file),
  int: (file) => /\.int\.test\.ts$/.test(file),
  e2e: (file) => /\.e2e\.test\.ts$/.test(file),
};

const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;
let exitCode = 0;

for (const tier of tiers) {
  const match = matchers[tier];
  if (!match) {
    console.error(`Unknown test tier: ${tier}`);
    process.exit(2);
  }
  const files = all
    .filter(match)
    .filter((file) => !filter || file.includes(filter))
    .sort();
  if (files.length === 0) {
    console.error(`No ${tier} tests found.`);
    exitCode = 1;
    continue;
  }
  const tap = path.join(tmp, `results-${tier}.tap`);
  const concurrency = tier === 'e2e' ? 1 : Math.max(2, Math.min(4, os.availableParallelism()));
  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\n== ${tier} tests: ${files.length} files${tier === 'unit' ? '' : ` on ${database}`} ==`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: 'inherit', cwd: root, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
  );
  const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  if (result.status !== 0) exitCode = result.status ?? 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
if (passed === 0) exitCode = exitCode || 1;
process.exit(exitCode || (failed > 0 ? 1 : 0));
