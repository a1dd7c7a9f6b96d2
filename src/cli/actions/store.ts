import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialiseExport } from '../../backup/export.js';
import { parseExport } from '../../backup/restore.js';
import { restoreBackupFile, restoreIntoNewStore } from '../../backup/service.js';
import { isBackupFile } from '../../backup/snapshot.js';
import { changePassphrase, refuseExisting } from '../../platform/db/store.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole } from '../../platform/files.js';
import { readFailure } from '../files.js';
import { promptHidden, promptNewPassphrase } from '../prompt.js';
import { heading, note, printJson, printRecord, printTable, say } from '../output.js';
import type { GlobalOptions } from '../run.js';
import { createSession, newPassphrase, storePath, type Session } from '../session.js';
import * as providers from './providers/providers.js';
import * as contracts from './providers/contracts.js';
import * as interactions from './providers/interactions.js';
import * as cases from './providers/cases.js';
import * as facts from './facts.js';
import * as knows from './disclosures/disclosures.js';
import * as agreements from './disclosures/agreements.js';
import * as money from './money.js';
import * as moneySubscriptions from './money-subscriptions.js';

export async function init(globals: GlobalOptions): Promise<void> {
  const path = storePath(globals.store);
  // Refused before the passphrase is asked for.
  refuseExisting(path);
  const { store } = await createSession(path, await newPassphrase());
  await store.close();
  say(`Created an encrypted store at ${path}`);
  note('Run `vrm unlock` for a session token, so that later commands need not ask for the passphrase.');
}

export function unlock({ store }: Session, o: { raw?: boolean }): void {
  if (o.raw) {
    say(store.sessionToken);
    return;
  }
  say(`Store ${store.path} unlocked. To use this session in this shell:\n`);
  say(`  export VRM_SESSION="${store.sessionToken}"\n`);
  say('Anyone with this token can open the store: keep it out of files and shared shells.');
}

export async function passphrase({ store }: Session): Promise<void> {
  const next = process.env.VRM_NEW_PASSPHRASE ?? (await promptNewPassphrase());
  const rekeyed = await changePassphrase(store, next);
  const token = rekeyed.sessionToken;
  await rekeyed.close();
  say(`Passphrase changed and the store re-keyed. Session tokens made before no longer open it.`);
  note(`New session token: export VRM_SESSION="${token}"`);
}

export async function info({ store, services }: Session, o: { json?: boolean }): Promise<void> {
  const { schemaVersion, counts } = await services.backup.summary();
  const data = {
    path: store.path,
    bytes: statSync(store.path).size,
    schemaVersion,
    cipher: 'SQLCipher 4 (AES-256, HMAC-SHA512, PBKDF2-HMAC-SHA512 256,000 iterations)',
    counts,
  };
  if (o.json) {
    printJson(data);
    return;
  }
  printRecord([
    ['store', data.path],
    ['size', `${data.bytes.toLocaleString('en')} bytes`],
    ['schema', data.schemaVersion],
    ['encryption', data.cipher],
  ]);
  printTable(Object.entries(counts), [
    { header: 'records', value: ([t]) => t },
    { header: 'count', value: ([, n]) => n, align: 'right' },
  ]);
}

export async function exportCommand(
  { services }: Session,
  o: { output?: string; withSecrets?: boolean },
): Promise<void> {
  const withSecrets = o.withSecrets ?? false;
  const text = serialiseExport(await services.backup.export({ withSecrets }));
  // The warning goes to stderr, so it is seen even when the export itself goes to stdout.
  if (withSecrets) {
    note(
      'Warning: this export holds your private signing keys and IMAP passwords in clear text: ' +
        'whoever reads it can sign as you and read your mail. For a copy to keep, `vrm backup` is encrypted.',
    );
  }
  if (!o.output) {
    process.stdout.write(text);
    return;
  }
  writeFileWhole(o.output, text, 'the export');
  note(
    `Wrote ${o.output} (${text.length.toLocaleString('en')} bytes). It is not encrypted: keep it safe.` +
      (withSecrets ? '' : ' Secrets (private keys, passwords) are left out; --with-secrets puts them in.'),
  );
}

export function backup({ services }: Session, file: string): void {
  const { path, bytes } = services.backup.backup(file);
  say(`Backed up the whole store to ${path} (${bytes.toLocaleString('en')} bytes, encrypted).`);
  note('It opens with the passphrase the store has now: `vrm restore` it into a new store.');
}

async function restoreFromBackup(path: string, file: string): Promise<void> {
  const token = process.env.VRM_SESSION;
  const credentials = token
    ? { sessionToken: token }
    : {
        passphrase:
          process.env.VRM_PASSPHRASE ??
          (await promptHidden(`Passphrase of ${file} (the store's passphrase when it was backed up): `)),
      };
  await restoreBackupFile(file, path, credentials);
  say(`Restored the backup ${file} into ${path}. It opens with the same passphrase as the backup.`);
}

export async function restore(globals: GlobalOptions, file: string): Promise<void> {
  const path = storePath(globals.store);
  // Refused before the file is read: a restore never goes into, or waits on, a store that exists.
  if (existsSync(path)) {
    throw new VrmError(
      'conflict',
      `a store already exists at ${path}: restore goes into a new store (use --store)`,
    );
  }
  let text: string;
  let backup: boolean;
  try {
    backup = isBackupFile(file);
    text = backup ? '' : readFileSync(file, 'utf8');
  } catch (cause) {
    throw new VrmError('invalid_input', `cannot read ${file}: ${readFailure(cause)}`, { cause });
  }
  if (backup) {
    await restoreFromBackup(path, file);
    return;
  }
  const data = parseExport(text, file);
  // The store is written under a temporary name and only named `path` once complete.
  const { store, report } = await restoreIntoNewStore(path, await newPassphrase(), data);
  await store.close();
  const total = Object.values(report.restored).reduce((a, b) => a + b, 0);
  for (const line of report.notes) note(line);
  for (const problem of report.skipped) note(`${file}: ${problem.record}: ${problem.message}`);
  if (report.skipped.length > 0) {
    throw new VrmError(
      'invalid_input',
      `restored ${total} records into ${path}; skipped ${report.skipped.length} bad record(s), listed above`,
    );
  }
  say(`Restored ${total} records into ${path}`);
}

export async function audit(
  { services }: Session,
  o: { entity?: string; id?: number; limit?: number; json?: boolean },
): Promise<void> {
  if (o.id !== undefined && o.entity === undefined) {
    throw new VrmError('invalid_input', '--id needs --entity, such as --entity providers --id 3');
  }
  const entries = await services.audit.list({ entity: o.entity, entityId: o.id, limit: o.limit ?? 50 });
  if (o.json) {
    printJson(entries);
    return;
  }
  printTable(
    entries,
    [
      { header: 'id', value: (e) => e.id, align: 'right' },
      { header: 'at', value: (e) => e.at.replace('T', ' ').slice(0, 19) },
      { header: 'record', value: (e) => `${e.entity} ${e.entityId}` },
      // The raw values (signed tokens and all) are in --json.
      { header: 'what happened', value: (e) => e.summary, maxWidth: 90 },
    ],
    'The audit log is empty.',
  );
}

export async function demo(globals: GlobalOptions): Promise<void> {
  const path = storePath(globals.store);
  if (existsSync(path))
    throw new VrmError('conflict', `a store already exists at ${path}; choose another --store`);
  const session = await createSession(path, await newPassphrase());
  try {
    const { seedDemo } = await import('../../demo/seed.js');
    const summary = await seedDemo(session.services, session.services.today());
    say(
      `Created a demo store at ${path}: ${summary.providers} providers, ${summary.contracts} contracts, ` +
        `${summary.interactions} interactions, ${summary.cases} cases, ${summary.facts} facts, ` +
        `${summary.disclosures} disclosures, ${summary.agreements} agreements, ${summary.messages} messages, ` +
        `${summary.bookings} bank bookings.`,
    );
  } finally {
    await session.store.close();
  }
}

/** `npm start` until the web app lands: a guided look at a demo store, nothing touched outside it. */
export async function tour(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vrm-tour-'));
  const path = join(dir, 'store.db');
  const passphrase = 'tour of the demo store';
  const session = await createSession(path, passphrase);
  try {
    const { seedDemo } = await import('../../demo/seed.js');
    await seedDemo(session.services, session.services.today());
    const step = (command: string, why: string): void => heading(`$ vrm ${command}    # ${why}`);
    step('fact list', 'what is true about me now');
    await facts.list(session, {});
    step('provider list --status active', 'who I deal with');
    await providers.list(session, { status: 'active' });
    step('renewals --within 60', 'what renews soon, and the last day to cancel');
    await contracts.renewals(session, { within: 60 });
    step('costs', 'what each provider costs me a year');
    await contracts.costs(session, {});
    step('follow-ups', 'what I promised to chase');
    await interactions.followUps(session, {});
    step('case list --status unresolved', 'complaints still open');
    await cases.listCases(session, { status: 'unresolved' });
    const first = (await session.services.cases.list({ status: 'unresolved' }))[0];
    if (first) {
      step(`provider show ${first.providerId}`, 'one provider, everything at once');
      await providers.show(session, String(first.providerId), {});
    }
    const home = (await session.services.vault.list({ kind: 'postal_address' })).find(
      (f) => f.label === 'home',
    );
    if (home) {
      step(`disclosure fact ${home.id}`, 'who has my address, and who still has the old one');
      await knows.factHolders(session, String(home.id), {});
    }
    step('agreement list', 'the terms I proffered, and the answers');
    await agreements.listAgreements(session, {});
    step(
      'money subscriptions',
      'what the bank takes again and again: a price rise, a forgotten app, a gym after its end',
    );
    await moneySubscriptions.subscriptions(session, {});
    step(
      'money transactions --unmatched --limit 5',
      'bookings no provider is known for, with the directory’s suggestions',
    );
    await money.transactions(session, { unmatched: true, limit: '5' });
    say(`\nThe demo store stays at ${path} for you to try commands on:`);
    say(`  export VRM_PASSPHRASE='${passphrase}'`);
    say(`  node bin/vrm.js --store ${path} provider list`);
    say('Run `node bin/vrm.js --help` for every command, or read docs/cli.md.');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await session.store.close();
  }
}
