// Set equality of string lists (brand values, option values): order and repeats do not matter.

/** Whether `a` and `b` hold the same values, ignoring order and repeats. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
