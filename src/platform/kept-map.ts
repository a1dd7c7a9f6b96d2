/**
 * A cache of at most `limit` entries that starts afresh when full. What a long import asks again
 * is mostly what it asked lately (a statement's payees, their word prefixes), so starting afresh
 * costs a few misses, while a cache that only stopped growing would miss everything new, and one
 * that never stopped would grow with the file (40 MB of payees for 100,000 bookings).
 *
 * @example const payees = new KeptMap<string, string>(20_000); payees.set(raw, normalised);
 */
export class KeptMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
