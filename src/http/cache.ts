/**
 * Answers to repeated reads (the dashboard, the provider list) while nothing has changed. Every
 * change to the store writes an audit row, so the audit log's last id is the data's version;
 * with the day (derived figures depend on it) it keys the whole cache, which empties itself the
 * moment either moves. It lives with the unlocked store and goes when the store locks.
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
