// Audit cost figures for `npm run bench` (filled in with the list and portal audits).
export async function benchAudits(_out: (label: string, value: string | number) => void): Promise<void> {}
