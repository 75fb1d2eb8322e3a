import { benchLedger } from './scripts/bench-audit';
await benchLedger((l, v) => console.log(`${l.padEnd(64)} ${v}`));
