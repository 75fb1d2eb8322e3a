// The brands a user chose for a segment or a workflow (the pickers of the list and workflow
// panels), kept in their own storage item, apart from the settings: working state, not
// configuration. Until 0.2.0 they sat in the settings blob (`listBrands`), rewritten whole by
// every choice, so two tabs choosing at once lost one choice, and the map never shrank.
// Now:
//   - one write at a time: every change runs after the previous one, on the state it left
//     (a KeyedQueue in the one service worker that every tab and page goes through);
//   - bounded: a choice not used for CHOICE_MAX_AGE_DAYS (set, or audited on its page) expires, and
//     beyond CHOICE_MAX_ENTRIES the least recently used go first.
import { z } from 'zod';
import { KeyedQueue } from './queue';

export interface BrandChoice {
  /** Option values of the block property. */
  brands: string[];
  /** When the choice was last set or audited with on its page (ISO). */
  usedAt: string;
}
/** Key → choice. Keys: `${portalId}:${listId}` (lists), `${portalId}:flow:${flowId}` (workflows), as in 0.2.0. */
export type BrandChoices = Record<string, BrandChoice>;

export const BrandChoicesSchema = z.record(z.string(), z.object({ brands: z.array(z.string()), usedAt: z.string() }));

export const listChoiceKey = (portalId: string, listId: string) => `${portalId}:${listId}`;
export const flowChoiceKey = (portalId: string, flowId: string) => `${portalId}:flow:${flowId}`;

export const CHOICE_MAX_AGE_DAYS = 365;
export const CHOICE_MAX_ENTRIES = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The storage item that holds the choices (WXT's storage item in the worker, memory in tests). */
export interface ChoicesItem {
  getValue(): Promise<unknown>;
  setValue(value: BrandChoices): Promise<void>;
}

/** Without the expired choices, and at most `maxEntries`, the most recently used. */
export function pruneChoices(choices: BrandChoices, nowMs: number, maxAgeDays = CHOICE_MAX_AGE_DAYS, maxEntries = CHOICE_MAX_ENTRIES): BrandChoices {
  const live = Object.entries(choices).filter(([, c]) => c.brands.length > 0 && nowMs - Date.parse(c.usedAt) <= maxAgeDays * DAY_MS);
  live.sort(([, a], [, b]) => Date.parse(b.usedAt) - Date.parse(a.usedAt));
  return Object.fromEntries(live.slice(0, maxEntries));
}

export class BrandChoiceStore {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly item: ChoicesItem,
    private readonly now: () => number = Date.now,
  ) {}

  private async read(): Promise<BrandChoices> {
    const parsed = BrandChoicesSchema.safeParse((await this.item.getValue()) ?? {});
    return parsed.success ? parsed.data : {};
  }

  /** Live choices only (an expired one counts as none). */
  async all(): Promise<Record<string, string[]>> {
    const live = pruneChoices(await this.read(), this.now());
    return Object.fromEntries(Object.entries(live).map(([k, c]) => [k, c.brands]));
  }

  async get(key: string): Promise<string[] | undefined> {
    return (await this.all())[key];
  }

  /** Sets (or with null / [] clears) one choice. */
  set(key: string, brands: readonly string[] | null): Promise<void> {
    return this.update((choices, at) => {
      if (brands && brands.length > 0) choices[key] = { brands: [...brands], usedAt: at };
      else delete choices[key];
    });
  }

  /** Marks a choice as used (its page was audited with it); at most one write a day per choice. */
  touch(key: string): Promise<void> {
    return this.update((choices, at) => {
      const c = choices[key];
      if (c && this.now() - Date.parse(c.usedAt) >= DAY_MS) choices[key] = { ...c, usedAt: at };
    });
  }

  /** One change at a time, each on the state the previous one left; expired choices go with it. */
  private update(change: (choices: BrandChoices, at: string) => void): Promise<void> {
    return this.queue.run('choices', async () => {
      const before = await this.read();
      const next = structuredClone(before);
      change(next, new Date(this.now()).toISOString());
      const pruned = pruneChoices(next, this.now());
      if (JSON.stringify(pruned) !== JSON.stringify(before)) await this.item.setValue(pruned);
    });
  }
}

/** A ChoicesItem in memory (tests, the CLI has none). */
export function memoryChoicesItem(initial: BrandChoices = {}): ChoicesItem & { value: BrandChoices } {
  const box = {
    value: structuredClone(initial),
    getValue: () => Promise.resolve(structuredClone(box.value)),
    setValue: (v: BrandChoices) => {
      box.value = structuredClone(v);
      return Promise.resolve();
    },
  };
  return box;
}
