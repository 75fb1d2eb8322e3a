// Runs every check the way CI does and ends with one plain summary line ("N passed, N failed").
// Stages: type-check, lint, unit/component/fake/CLI tests, extension build, store package, end-to-end tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const only = process.argv.slice(2);
const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/unit.json'], report: 'artifacts/unit.json' },
  { name: 'build', cmd: ['npx', 'wxt', 'build'] },
  // The store package (.output/*-chrome.zip) and what a store checks in it.
  { name: 'package', cmd: ['npm', 'run', '-s', 'check:package'] },
  { name: 'e2e', cmd: ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/e2e.json'], report: 'artifacts/e2e.json' },
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env: process.env });
  const ok = res.status === 0;
  console.log(`=== ${stage.name}: ${ok ? 'ok' : `FAILED (exit ${res.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (stage.report && existsSync(stage.report)) {
    const r = JSON.parse(readFileSync(stage.report, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    if (!ok && (r.numFailedTests ?? 0) === 0) failed += 1;
  } else if (!ok) {
    failed += 1;
  } else if (!stage.report) {
    passed += 1; // a check stage that passed counts as one passed check
  }
  if (!ok) failures.push(stage.name);
}
console.log(`\nFailed stages: ${failures.length ? failures.join(', ') : 'none'}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failures.length ? 1 : 0;
