import type { Clock } from '../platform/clock.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { SourceRepository, SourceRow } from './repository.js';
import { accountInput, type AccountInput } from './schemas.js';
import { listImapFolders, type ImapSettings } from './sources/imap.js';

/** A mail source as shown: never the password. */
export type SourceView = Omit<SourceRow, 'password' | 'folders' | 'allowSelfSigned'> & {
  folders: string[] | null;
  hasPassword: boolean;
  /** 0 or 1, as the API has always shown it (the web app reads it so). */
  allowSelfSigned: 0 | 1;
};

const view = ({ password, folders, ...row }: SourceRow): SourceView => ({
  ...row,
  // The API's 0 or 1, not the store's: a boolean as a number.
  allowSelfSigned: Number(row.allowSelfSigned) as 0 | 1,
  folders: folders === null ? null : (JSON.parse(folders) as string[]),
  hasPassword: password !== null,
});

/** IMAP accounts and the other mail sources: adding, their folders, forgetting them. */
export class AccountService {
  constructor(
    private readonly repo: SourceRepository,
    private readonly clock: Clock,
  ) {}

  /** Adds an IMAP account after checking that it logs in; the password is kept only in the encrypted store. */
  async addAccount(input: AccountInput): Promise<SourceView> {
    const a = parseInput(accountInput, input, 'IMAP account');
    const port = a.port ?? (a.security === 'tls' ? 993 : 143);
    const location = `imap://${a.username}@${a.host}:${port}`;
    const existing = await this.repo.sourceAt('imap', location);
    // An account restored from an export without secrets has no password: adding it again gives
    // it one (after the same login check), and keeps its folders and how far each was fetched.
    if (existing && existing.password !== null) {
      throw new VrmError('conflict', `the IMAP account ${location} is there already`);
    }
    const settings: ImapSettings = {
      host: a.host,
      port,
      secure: a.security === 'tls',
      starttls: a.security === 'starttls',
      user: a.username,
      password: a.password,
      folders: a.folders ?? ['INBOX'],
      allowSelfSigned: a.allowSelfSigned ?? false,
    };
    const folders = await listImapFolders(settings);
    const missing = (a.folders ?? []).filter((f) => !folders.some((x) => x.path === f));
    if (missing.length > 0) {
      throw new VrmError(
        'invalid_input',
        `IMAP account: folders: ${missing.map((m) => `"${m}"`).join(', ')} not on the server (it has ${folders.map((f) => f.path).join(', ')})`,
      );
    }
    const now = this.clock().toISOString();
    if (existing) {
      await this.repo.updateSource(existing.id, { password: a.password, updatedAt: now });
      return view(await this.source(existing.id));
    }
    const id = await this.repo.insertSource({
      kind: 'imap',
      label: a.label ?? `${a.username} at ${a.host}`,
      location,
      host: a.host,
      port,
      security: a.security,
      username: a.username,
      password: a.password,
      allowSelfSigned: a.allowSelfSigned ?? false,
      folders: JSON.stringify(settings.folders),
      createdAt: now,
      updatedAt: now,
    });
    return view(await this.source(id));
  }

  /** How to log in to an IMAP account, or why it cannot be. */
  settingsOf(source: SourceRow): ImapSettings {
    if (!source.host || !source.username) {
      throw new VrmError('invalid_input', `mail source ${source.id} has no IMAP settings`);
    }
    if (source.password === null) {
      throw new VrmError(
        'invalid_input',
        `the IMAP account ${source.location} has no password (it came from an export without secrets): ` +
          `give it again with \`vrm mail account add --host ${source.host} --user ${source.username}\``,
      );
    }
    return {
      host: source.host,
      port: source.port ?? 993,
      secure: source.security === 'tls',
      starttls: source.security === 'starttls',
      user: source.username,
      password: source.password,
      folders: source.folders === null ? ['INBOX'] : (JSON.parse(source.folders) as string[]),
      allowSelfSigned: source.allowSelfSigned,
    };
  }

  async folders(sourceRef: number) {
    return listImapFolders(this.settingsOf(await this.source(sourceRef)));
  }

  async setFolders(sourceRef: number, folders: readonly string[]): Promise<SourceView> {
    const source = await this.source(sourceRef);
    const available = await this.folders(source.id);
    const missing = folders.filter((f) => !available.some((x) => x.path === f));
    if (folders.length === 0 || missing.length > 0) {
      throw new VrmError(
        'invalid_input',
        `folders: ${missing.length ? `${missing.join(', ')} not on the server` : 'name at least one'}`,
      );
    }
    await this.repo.updateSource(source.id, {
      folders: JSON.stringify(folders),
      updatedAt: this.clock().toISOString(),
    });
    return view(await this.source(source.id));
  }

  async sources(): Promise<SourceView[]> {
    return (await this.repo.sources()).map(view);
  }

  /** One source as stored, password included: for the services that fetch from it. */
  async source(id: number): Promise<SourceRow> {
    const row = await this.repo.source(id);
    if (!row) throw notFound('mail source', id);
    return row;
  }

  /** Forgets a source and how far its imports got; its messages stay. */
  async removeSource(id: number): Promise<void> {
    await this.source(id);
    await this.repo.deleteSource(id);
  }
}
