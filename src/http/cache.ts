/**
 * Answers to repeated reads (the dashboard, the provider list) while nothing has changed. The
 * store's data version (its change counters, which also see writes by the CLI) and the day
 * (derived figures depend on it) key the whole cache, which empties itself the moment either
 * moves. It lives with the unlocked store and goes when the store locks.
 */
export class ReadCache {
  private version = '';
  private readonly entries = new Map<string, string>();

  constructor(private readonly limit = 500) {}

  async get(version: string, key: string, compute: () => Promise<unknown>): Promise<string> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const body = JSON.stringify(await compute());
    if (this.entries.size < this.limit) this.entries.set(key, body);
    return body;
  }

  clear(): void {
    this.entries.clear();
    this.version = '';
  }
}
