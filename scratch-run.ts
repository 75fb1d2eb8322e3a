import { startFakeHubspot, TOKENS } from './test/fake-hubspot/index';
import { run } from './cli/audit';
const fake = await startFakeHubspot({ quiet: true });
const r = await run(process.argv.slice(2), { HUBSPOT_TOKEN: TOKENS.valid, HUBSPOT_API_BASE: fake.httpUrl, ...process.env.PSG_LANG ? { PSG_LANG: process.env.PSG_LANG } : {} });
console.log(r.stdout); console.error(r.stderr, r.code);
await fake.close();
