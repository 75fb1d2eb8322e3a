// npm run bench -- --only-audits (or directly: tsx scripts/bench-large.ts): the audit figures alone.
import { benchAudits } from './bench-audit';

await benchAudits((label, value) => console.log(`${label.padEnd(100)} ${value}`));
