import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusMessage, writeCorpusMaildir } from '../../test/corpus.js';
import { startDovecot, type Dovecot } from '../../test/dovecot.js';
import type { SourceProblem } from '../types.js';
import {
  fetchImap,
  listImapFolders,
  type ImapFolderState,
  type ImapMessage,
  type ImapSettings,
} from './imap.js';

let server: Dovecot;
let tlsServer: Dovecot;

const WORK_MESSAGES = ['Subject: work 1\n\none\n', 'Subject: work 2\n\ntwo\n'];

beforeAll(async () => {
  [server, tlsServer] = await Promise.all([
    startDovecot({
      seed: (maildir) => {
        writeCorpusMaildir(maildir);
        writeCorpusMaildir(`${maildir}/.Work`, []);
      },
    }),
    startDovecot({ tls: true }),
  ]);
  for (const raw of WORK_MESSAGES) await server.deliver('Work', raw);
  await tlsServer.deliver('INBOX', 'Subject: over TLS\n\nsecret\n');
});

afterAll(async () => {
  await Promise.all([server.stop(), tlsServer.stop()]);
});

function settings(over: Partial<ImapSettings> = {}, on: Dovecot = server): ImapSettings {
  return {
    host: on.host,
    port: on.port,
    secure: false,
    user: on.user,
    password: on.password,
    ...over,
  };
}

interface Fetched {
  readonly messages: ImapMessage[];
  readonly folders: { folder: string; uidValidity: string; total: number; toFetch: number }[];
  readonly problems: SourceProblem[];
}

async function fetchAll(
  config: ImapSettings,
  state: ReadonlyMap<string, ImapFolderState> = new Map(),
): Promise<Fetched> {
  const result: Fetched = { messages: [], folders: [], problems: [] };
  const stream = fetchImap(config, state, {
    onFolder: (folder, info) => result.folders.push({ folder, ...info }),
    onProblem: (problem) => result.problems.push(problem),
  });
  for await (const message of stream) result.messages.push(message);
  return result;
}

/** What a state would hold after storing these messages. */
function stateAfter(messages: readonly ImapMessage[]): Map<string, ImapFolderState> {
  const state = new Map<string, ImapFolderState>();
  for (const m of messages) state.set(m.folder, { uidValidity: m.uidValidity, lastUid: m.uid });
  return state;
}

const lf = (raw: Buffer): Buffer => Buffer.from(raw.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
const sha = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex');
const texts = (messages: readonly ImapMessage[]): string[] => messages.map((m) => lf(m.raw).toString());

function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

describe('fetchImap', () => {
  it('brings all 6,046 corpus messages through IMAP with the bytes of the files', async () => {
    const files = corpusFiles();
    const { messages, folders, problems } = await fetchAll(settings());
    expect(problems).toEqual([]);
    expect(folders).toEqual([
      { folder: 'INBOX', uidValidity: expect.any(String) as string, total: 6046, toFetch: 6046 },
    ]);
    expect(messages).toHaveLength(files.length);
    const uids = messages.map((m) => m.uid);
    expect(uids).toEqual([...uids].sort((a, b) => a - b));
    expect(messages[0]?.location).toBe(`imap INBOX uid ${uids[0] ?? 0}`);
    const fetched = messages.map((m) => sha(lf(m.raw))).sort();
    const expected = files.map((file) => sha(lf(corpusMessage(file)))).sort();
    expect(fetched).toEqual(expected);
  });

  it('fetches only what was delivered after the last UID it got', async () => {
    await server.deliver('Incremental', 'Subject: first\n\n1\n');
    await server.deliver('Incremental', 'Subject: second\n\n2\n');
    const folders = ['Incremental'];
    const first = await fetchAll(settings({ folders }));
    expect(texts(first.messages)).toEqual(['Subject: first\n\n1\n', 'Subject: second\n\n2\n']);

    await server.deliver('Incremental', 'Subject: third\n\n3\n');
    const second = await fetchAll(settings({ folders }), stateAfter(first.messages));
    expect(texts(second.messages)).toEqual(['Subject: third\n\n3\n']);
    expect(second.folders[0]).toMatchObject({ total: 3, toFetch: 1 });

    const third = await fetchAll(settings({ folders }), stateAfter(second.messages));
    expect(third.messages).toEqual([]);
  });

  it('fetches a whole folder again when the server changed its UIDVALIDITY', async () => {
    const folders = ['Rebuilt'];
    await server.deliver('Rebuilt', 'Subject: old 1\n\n');
    await server.deliver('Rebuilt', 'Subject: old 2\n\n');
    const before = await fetchAll(settings({ folders }));
    expect(before.messages).toHaveLength(2);

    await server.deleteFolder('Rebuilt');
    await server.deliver('Rebuilt', 'Subject: new 1\n\n');
    await server.deliver('Rebuilt', 'Subject: new 2\n\n');
    const after = await fetchAll(settings({ folders }), stateAfter(before.messages));
    expect(after.messages[0]?.uidValidity).not.toBe(before.messages[0]?.uidValidity);
    expect(texts(after.messages)).toEqual(['Subject: new 1\n\n', 'Subject: new 2\n\n']);
  });

  it('reads several folders in the order given, each from where it stopped', async () => {
    const inbox = await fetchAll(settings());
    const { messages, folders } = await fetchAll(
      settings({ folders: ['Work', 'INBOX'] }),
      stateAfter(inbox.messages),
    );
    expect(folders.map((f) => [f.folder, f.toFetch])).toEqual([
      ['Work', 2],
      ['INBOX', 0],
    ]);
    expect(messages.map((m) => m.folder)).toEqual(['Work', 'Work']);
    expect(texts(messages)).toEqual(WORK_MESSAGES);
    expect(messages[0]?.location).toMatch(/^imap Work uid \d+$/);
  });

  it('says not_found for a folder the server does not have', async () => {
    const error = await failure(fetchAll(settings({ folders: ['Nowhere'] })));
    expect(error).toMatchObject({
      code: 'not_found',
      message: 'the IMAP server has no folder "Nowhere"',
    });
  });

  it('says the connection was refused when nobody listens on the port', async () => {
    const port = await closedPort();
    const error = await failure(fetchAll(settings({ port })));
    expect(error.message).toBe(`cannot connect to 127.0.0.1:${port}: connection refused`);
  });
});

describe('fetchImap over TLS', () => {
  it('reads over implicit TLS when a self-signed certificate is allowed', async () => {
    const config = settings({ secure: true, allowSelfSigned: true }, tlsServer);
    expect(texts((await fetchAll(config)).messages)).toEqual(['Subject: over TLS\n\nsecret\n']);
  });

  it('refuses a self-signed certificate unless told to allow it', async () => {
    const error = await failure(fetchAll(settings({ secure: true }, tlsServer)));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toBe(
      `cannot connect to 127.0.0.1:${tlsServer.port}: its TLS certificate is not trusted (self-signed certificate)`,
    );
  });

  it('upgrades with STARTTLS when it is required', async () => {
    const port = tlsServer.starttlsPort ?? 0;
    const config = settings({ port, starttls: true, allowSelfSigned: true }, tlsServer);
    expect(texts((await fetchAll(config)).messages)).toEqual(['Subject: over TLS\n\nsecret\n']);
    const refused = await failure(fetchAll({ ...config, allowSelfSigned: false }));
    expect(refused.message).toMatch(/its TLS certificate is not trusted/);
  });

  it('says so when STARTTLS is required and the server does not offer it', async () => {
    const error = await failure(fetchAll(settings({ starttls: true })));
    expect(error.message).toBe(
      `cannot connect to 127.0.0.1:${server.port}: the server does not offer STARTTLS`,
    );
  });

  it('hints at the port when implicit TLS meets a plain IMAP port', async () => {
    const error = await failure(fetchAll(settings({ secure: true })));
    expect(error.message).toBe(
      `cannot connect to 127.0.0.1:${server.port}: the TLS handshake failed (does this port use implicit TLS?)`,
    );
  });
});

describe('listImapFolders', () => {
  it('lists the folders that hold mail with their message counts', async () => {
    const folders = await listImapFolders(settings());
    expect(folders).toContainEqual({ path: 'INBOX', specialUse: '\\Inbox', messages: 6046 });
    expect(folders).toContainEqual({ path: 'Work', specialUse: null, messages: 2 });
  });
});

// Last: after a failed login Dovecot slows down the next logins from the same address.
describe('fetchImap with a wrong password', () => {
  it('gives a one-line message for a wrong password, without the password', async () => {
    const password = 'wrong-Pa55word-xyz';
    const error = await failure(fetchAll(settings({ password })));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toMatch(/^the IMAP server refused the login for testuser: .+/);
    expect(error.message).not.toContain(password);
    expect(error.message).not.toContain('\n');
    expect(JSON.stringify(error)).not.toContain(password);
  });
});

/** A port that was free a moment ago and that nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 1;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}
