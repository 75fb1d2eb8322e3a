// Starts the fake HubSpot as its own process:
//   npx tsx test/fake-hubspot/cli.ts --port 8443 --http-port 8080 [--seed demo|big] [options]
// Prints ONE JSON line {httpsUrl,httpUrl,httpsPort,httpPort,spkiSha256} on stdout when ready, then
// runs until SIGINT/SIGTERM. Request logs go to stderr (--quiet silences them).
//
// Options:
//   --host ADDR              listen address (default 127.0.0.1)
//   --seed demo|big          seed data (default demo)
//   --contacts N --blocked N --lists N --max-list-size N --blocked-in-list N   (big seed)
//   --rate-limit N           requests per 10 s and token (default 100); --no-rate-limit disables limits
//   --search-per-second N    search requests per second (default 5)
//   --cert-out FILE          also write the certificate (PEM) to FILE
//   --quiet                  no request log on stderr
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bigSeed, demoSeed } from './seed';
import { startFakeHubspot } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'http-port': { type: 'string', default: '0' },
    host: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    contacts: { type: 'string' },
    blocked: { type: 'string' },
    lists: { type: 'string' },
    'max-list-size': { type: 'string' },
    'blocked-in-list': { type: 'string' },
    'rate-limit': { type: 'string' },
    'search-per-second': { type: 'string' },
    'no-rate-limit': { type: 'boolean', default: false },
    'cert-out': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
  strict: true,
});

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function fail(message: string): never {
  process.stderr.write(`fake-hubspot: ${message}\n`);
  process.exit(2);
}

if (values.seed !== 'demo' && values.seed !== 'big') fail(`unknown seed "${values.seed}" (demo or big)`);

const seed =
  values.seed === 'big'
    ? bigSeed({
        contacts: num(values.contacts),
        blocked: num(values.blocked),
        lists: num(values.lists),
        maxListSize: num(values['max-list-size']),
        blockedInList: num(values['blocked-in-list']),
      })
    : demoSeed();

const fake = await startFakeHubspot({
  port: Number(values.port),
  httpPort: Number(values['http-port']),
  host: values.host,
  seed,
  quiet: values.quiet,
  rateLimit: values['no-rate-limit']
    ? false
    : { perTenSeconds: num(values['rate-limit']), searchPerSecond: num(values['search-per-second']) },
}).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));

if (values['cert-out']) writeFileSync(values['cert-out'], fake.certPem);

process.stdout.write(
  `${JSON.stringify({ httpsUrl: fake.httpsUrl, httpUrl: fake.httpUrl, httpsPort: fake.httpsPort, httpPort: fake.httpPort, spkiSha256: fake.spkiSha256 })}\n`,
);

const stop = () => {
  void fake.close().then(() => {
    process.exitCode = 0;
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
