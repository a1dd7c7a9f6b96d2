/** `vrm mail import`, `vrm mail fetch` and `vrm mail imports`: bringing mail in, with progress. */
import type { ImportProgress, ImportSummary } from '../../../mail/importer.js';
import type { FileKind } from '../../../mail/service.js';
import { VrmError } from '../../../platform/errors.js';
import { parseId } from '../../../platform/validation.js';
import { instant } from '../../format.js';
import type { JsonOption } from '../../options.js';
import { note, printJson, printTable, say } from '../../output.js';
import { progressBar } from '../../progress.js';
import type { Session } from '../../session.js';
import { number } from './common.js';

/** Progress of one import, drawn as a bar on the terminal. */
function tracker() {
  const bar = progressBar();
  return {
    onProgress: (p: ImportProgress) => {
      bar.update({
        done: p.done,
        total: p.total,
        unit: p.unit,
        messages: p.seen,
        elapsedMs: p.elapsedMs,
        counts: { imported: p.imported, duplicates: p.duplicates, skipped: p.skipped },
      });
    },
    done: () => bar.done(),
  };
}

function printSummary(s: ImportSummary): void {
  say(
    `${s.location}: ${number.format(s.seen)} ${s.seen === 1 ? 'message' : 'messages'} read in ${(s.elapsedMs / 1000).toFixed(1)} s ` +
      `(${number.format(s.messagesPerSecond)}/s): ${number.format(s.imported)} imported, ` +
      `${number.format(s.duplicates)} duplicates, ${number.format(s.skipped)} skipped`,
  );
  if (s.resumedFrom) say(`  resumed after ${s.resumedFrom}`);
  for (const skip of s.skips) say(`  skipped ${skip.location}: ${skip.reason}`);
  if (s.skipsTruncated) say(`  … and ${number.format(s.skipped - s.skips.length)} more skipped`);
}

export async function importPaths(
  { services }: Session,
  paths: string[],
  o: JsonOption & { kind?: FileKind; full?: boolean; workers?: number },
): Promise<void> {
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) {
    throw new VrmError('invalid_input', '--workers: expected a whole number (0 parses on the main thread)');
  }
  const { summaries, failures } = await services.mail.importPaths(paths, {
    kind: o.kind,
    full: o.full,
    poolSize: o.workers,
    each: () => {
      const progress = o.json ? undefined : tracker();
      return {
        onProgress: progress?.onProgress,
        done: (outcome) => {
          progress?.done();
          // A path alone that fails is told once, by its error below.
          if ('error' in outcome) {
            if (paths.length > 1) note(`vrm: ${outcome.error.message}`);
          } else if (!o.json) printSummary(outcome);
        },
      };
    },
  });
  if (o.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
  // A path alone that cannot be imported fails as it is (missing: 3); a partial import exits 2.
  const [only] = failures;
  if (only && summaries.length === 0 && paths.length === 1) throw only.error;
  const skipped = summaries.reduce((n, s) => n + s.skipped, 0);
  if (failures.length > 0 || skipped > 0) {
    const parts = [
      failures.length > 0 ? `${failures.length} of ${paths.length} paths could not be imported` : '',
      skipped > 0 ? `${number.format(skipped)} ${skipped === 1 ? 'message' : 'messages'} skipped` : '',
    ].filter(Boolean);
    throw new VrmError(
      'invalid_input',
      `${parts.join('; ')}, each named with its reason; the rest was imported`,
    );
  }
}

export async function fetch(
  { services }: Session,
  id: string | undefined,
  o: JsonOption & { full?: boolean },
): Promise<void> {
  const accounts =
    id === undefined
      ? (await services.mail.sources()).filter((s) => s.kind === 'imap').map((s) => s.id)
      : [parseId(id, 'mail account')];
  if (accounts.length === 0) {
    throw new VrmError('not_found', 'no IMAP account yet: `vrm mail account add --host … --user …`');
  }
  const summaries: ImportSummary[] = [];
  for (const account of accounts) {
    const progress = o.json ? undefined : tracker();
    try {
      summaries.push(
        await services.mail.fetchAccount(account, { full: o.full, onProgress: progress?.onProgress }),
      );
    } finally {
      progress?.done();
    }
    const last = summaries.at(-1);
    if (!o.json && last) printSummary(last);
  }
  if (o.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
}

export async function listImports({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.mail.imports(50);
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(
    rows,
    [
      { header: 'id', value: (r) => r.id, align: 'right' },
      { header: 'started', value: (r) => instant(r.startedAt) },
      { header: 'status', value: (r) => r.status },
      { header: 'location', value: (r) => r.location, maxWidth: 50 },
      { header: 'seen', value: (r) => r.seen, align: 'right' },
      { header: 'imported', value: (r) => r.imported, align: 'right' },
      { header: 'duplicates', value: (r) => r.duplicates, align: 'right' },
      { header: 'skipped', value: (r) => r.skipped, align: 'right' },
    ],
    'No import yet.',
  );
  for (const r of rows) {
    for (const s of r.skips.slice(0, 20)) note(`import ${r.id}: skipped ${s.location}: ${s.reason}`);
  }
}
