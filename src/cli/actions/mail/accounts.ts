/** `vrm mail account …` and `vrm mail sources`: IMAP accounts and the other mail sources. */
import { VrmError } from '../../../platform/errors.js';
import { parseId } from '../../../platform/validation.js';
import type { JsonOption } from '../../options.js';
import { printJson, printTable, say } from '../../output.js';
import { promptHidden } from '../../prompt.js';
import type { Session } from '../../session.js';

/** Asks for the IMAP password on the terminal; a script sets VRM_IMAP_PASSWORD instead. */
function imapPassword(user: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new VrmError('invalid_input', 'no terminal to ask for the IMAP password: set VRM_IMAP_PASSWORD');
  }
  return promptHidden(`IMAP password for ${user}: `);
}

export async function addAccount(
  { services }: Session,
  o: {
    host: string;
    user: string;
    port?: number;
    security?: 'tls' | 'starttls' | 'none';
    folder?: string[];
    label?: string;
    allowSelfSigned?: boolean;
  },
): Promise<void> {
  const password = process.env.VRM_IMAP_PASSWORD ?? (await imapPassword(o.user));
  const source = await services.mail.addAccount({
    host: o.host,
    username: o.user,
    password,
    port: o.port,
    security: o.security,
    folders: o.folder,
    label: o.label,
    allowSelfSigned: o.allowSelfSigned,
  });
  say(`Mail account ${source.id}: ${source.location}, folders ${(source.folders ?? []).join(', ')}`);
}

export async function listSources({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.mail.sources();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (s) => s.id, align: 'right' },
      { header: 'kind', value: (s) => s.kind },
      { header: 'label', value: (s) => s.label },
      { header: 'location', value: (s) => s.location, maxWidth: 60 },
      { header: 'folders', value: (s) => (s.folders ?? []).join(', ') },
    ],
    'No mail source yet: `vrm mail import FILE` or `vrm mail account add --host … --user …`.',
  );
}

export async function listFolders({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const folders = await services.mail.folders(parseId(id, 'mail account'));
  if (o.json) {
    printJson(folders);
    return;
  }
  printTable(folders, [
    { header: 'folder', value: (f) => f.path },
    { header: 'special', value: (f) => f.specialUse ?? '' },
    { header: 'messages', value: (f) => f.messages, align: 'right' },
  ]);
}

export async function useFolders({ services }: Session, id: string, folders: string[] = []): Promise<void> {
  const source = await services.mail.setFolders(parseId(id, 'mail account'), folders);
  say(`Mail account ${source.id} fetches ${(source.folders ?? []).join(', ')}`);
}

export async function removeSource({ services }: Session, id: string): Promise<void> {
  const sourceId = parseId(id, 'mail source');
  await services.mail.removeSource(sourceId);
  say(`Removed mail source ${sourceId}; its messages stay`);
}
