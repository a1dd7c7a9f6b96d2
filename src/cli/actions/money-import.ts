/** `vrm money import`: bank statements in, with progress and a summary naming every skip. */
import type { BankImportProgress, StatementImportSummary } from '../../money/service.js';
import { VrmError } from '../../platform/errors.js';
import { readInput } from '../files.js';
import { keepHeapSmall } from '../heap.js';
import type { JsonOption } from '../options.js';
import { note, printJson, say } from '../output.js';
import { progressBar } from '../progress.js';
import type { Session } from '../session.js';

const number = new Intl.NumberFormat('en-GB');

export interface StatementImportOptions extends JsonOption {
  format?: string;
  preset?: string;
  mapping?: string;
  currency?: string;
  dateOrder?: string;
  account?: string;
}

function tracker() {
  const bar = progressBar();
  return {
    onProgress: (p: BankImportProgress) => {
      bar.update({
        done: p.done,
        total: p.total,
        unit: 'bookings',
        messages: p.seen,
        elapsedMs: p.elapsedMs,
        counts: { imported: p.imported, duplicates: p.duplicates, skipped: p.skipped },
      });
    },
    done: () => bar.done(),
  };
}

function printSummary(s: StatementImportSummary): void {
  const plural = (n: number) => `${number.format(n)} ${n === 1 ? 'booking' : 'bookings'}`;
  say(
    `${s.fileName} (${s.variant}, ${s.encoding}): ${plural(s.seen)} read in ${(s.elapsedMs / 1000).toFixed(1)} s: ` +
      `${number.format(s.imported)} imported, ${number.format(s.duplicates)} already held, ${number.format(s.skipped)} skipped`,
  );
  if (s.note) say(`  ${s.note}`);
  for (const skip of s.skips) say(`  skipped ${skip.location}: ${skip.reason}`);
  if (s.skipsTruncated) say(`  … and ${number.format(s.skipped - s.skips.length)} more skipped`);
  // Pending entries are no fault of the file: told, not skipped, and the import still succeeds.
  for (const told of s.notes) say(`  note ${told.location}: ${told.reason}`);
}

export async function importStatements(
  { services }: Session,
  files: string[],
  o: StatementImportOptions,
): Promise<void> {
  const { format, preset, mapping, currency, dateOrder, account } = o;
  keepHeapSmall();
  const summaries: StatementImportSummary[] = [];
  const failures: string[] = [];
  let progress: ReturnType<typeof tracker> | undefined;
  // One import of all the files: the next is read while the one before is stored.
  const outcomes = await services.money.importFiles(
    files.map((file) => ({ name: file, bytes: () => readInput(file, 'the statement') })),
    { format, preset, mapping, currency, dateOrder, account },
    {
      progress: () => {
        progress = o.json ? undefined : tracker();
        return { onProgress: progress?.onProgress };
      },
      done: (outcome) => {
        progress?.done();
        progress = undefined;
        if (outcome.summary) {
          summaries.push(outcome.summary);
          if (!o.json) printSummary(outcome.summary);
          return;
        }
        failures.push(outcome.name);
        // Among several files, one that cannot be imported is told and the rest go on.
        const { error } = outcome;
        if (files.length > 1) note(`vrm: ${error instanceof Error ? error.message : String(error)}`);
      },
    },
  );
  // One file alone that cannot be imported fails as itself.
  const [only] = outcomes;
  if (files.length === 1 && only?.error instanceof Error) throw only.error;
  if (o.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
  const skipped = summaries.reduce((n, s) => n + s.skipped, 0);
  if (failures.length > 0 || skipped > 0) {
    const parts = [
      failures.length > 0 ? `${failures.length} of ${files.length} files could not be imported` : '',
      skipped > 0 ? `${number.format(skipped)} ${skipped === 1 ? 'booking' : 'bookings'} skipped` : '',
    ].filter(Boolean);
    throw new VrmError(
      'invalid_input',
      `${parts.join('; ')}, each named with its reason; the rest was imported`,
    );
  }
}
