#!/usr/bin/env node
// `npx post-sperre-audit …` (from a checkout after `npm ci`): runs cli/audit.ts with this
// repository's tsx under the Node that npx put first on PATH (the `node` devDependency, Node 22).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'cli/audit.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 2;
