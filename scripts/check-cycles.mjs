#!/usr/bin/env node
// Checks the import graph of the server and contracts: no circular imports, the platform imports no module, and a
// module imports another module only through that module's index.ts (ARCHITECTURE.md, "Shape").
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const sources = ['apps/server/src', 'packages/contracts/src', 'apps/web/src'].map((dir) =>
  path.join(root, dir),
);
const files = [];
const walk = (dir) => {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) files.push(full);
  }
};
sources.forEach(walk);

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"]([^'"]+)['"]/g;
const resolve = (from, specifier) => {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
};

const graph = new Map();
const problems = [];
const rel = (file) => path.relative(root, file);
const moduleOf = (file) => /apps\/server\/src\/modules\/([^/]+)\//.exec(rel(file))?.[1] ?? null;
const isTest = (file) => /\.test\.tsx?$/.test(file);
const isPlatform = (file) => rel(file).startsWith('apps/server/src/platform/');

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const edges = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(file, match[1]);
    if (!target) continue;
    // Type-only imports vanish at run time but still shape the design: count them for boundaries, not cycles.
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(match[0].trim());
    if (!typeOnly) edges.push(target);
    const targetModule = moduleOf(target);
    // Tests exercise the system as a whole (a platform test may make patients); the rules guard production code.
    if (isTest(file)) continue;
    if (isPlatform(file) && targetModule) {
      problems.push(`${rel(file)} imports the module "${targetModule}": the platform imports no module`);
    }
    const sourceModule = moduleOf(file);
    if (targetModule && sourceModule !== targetModule && path.basename(target) !== 'index.ts') {
      problems.push(`${rel(file)} imports ${rel(target)}: go through modules/${targetModule}/index.ts`);
    }
  }
  graph.set(file, edges);
}

const state = new Map();
const stack = [];
const visit = (file) => {
  state.set(file, 'active');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'active') {
      const cycle = stack.slice(stack.indexOf(next)).concat(next).map(rel);
      problems.push(`circular import: ${cycle.join(' -> ')}`);
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
};
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`imports: ${files.length} files, no cycles, module boundaries kept`);
