/** `vrm terms …`: the roster of standard agreements and the person's own terms. */
import type { Terms } from '../../../terms/roster.js';
import { period, yesNo } from '../../format.js';
import type { JsonOption } from '../../options.js';
import { printJson, printRecord, printTable, say } from '../../output.js';
import type { Session } from '../../session.js';
import { items } from './input.js';

const termsRecord = (t: Terms) =>
  [
    ['code', t.code],
    ['name', t.name],
    ['source', t.source === 'roster' ? 'roster (standard agreement)' : 'your own'],
    ['based on', t.basedOn],
    ['summary', t.summary],
    ['purposes', t.purposes.join(', ')],
    ['third parties', t.thirdParties],
    ['retention', t.retention ? period(t.retention) || t.retention : 'as long as the purposes need'],
    ['profiling', yesNo(t.profiling)],
    ['AI training', yesNo(t.aiTraining)],
    ['tracking', yesNo(t.tracking)],
    ['published at', t.url],
  ] as const;

export async function listTerms({ services }: Session, o: JsonOption): Promise<void> {
  const rows = await services.terms.list();
  if (o.json) {
    printJson(rows);
    return;
  }
  printTable(rows, [
    { header: 'code', value: (t) => t.code },
    { header: 'name', value: (t) => t.name, maxWidth: 44 },
    { header: 'source', value: (t) => t.source },
    { header: 'purposes', value: (t) => t.purposes.join(','), maxWidth: 36 },
    { header: '3rd parties', value: (t) => t.thirdParties },
    { header: 'retention', value: (t) => (t.retention ? period(t.retention) || t.retention : '') },
    { header: 'profiling', value: (t) => yesNo(t.profiling) },
    { header: 'AI', value: (t) => yesNo(t.aiTraining) },
    { header: 'tracking', value: (t) => yesNo(t.tracking) },
  ]);
}

export async function showTerms({ services }: Session, code: string, o: JsonOption): Promise<void> {
  const t = await services.terms.get(code);
  if (o.json) printJson(t);
  else printRecord(termsRecord(t));
}

export async function addTerms(
  { services }: Session,
  o: {
    code: string;
    name: string;
    summary: string;
    purposes: string;
    thirdParties: 'none' | 'processors' | 'allowed';
    retention?: string;
    profiling?: boolean;
    aiTraining?: boolean;
    tracking?: boolean;
    basedOn?: string;
  },
): Promise<void> {
  const t = await services.terms.add({
    code: o.code,
    name: o.name,
    summary: o.summary,
    purposes: items(o.purposes) as never,
    thirdParties: o.thirdParties,
    retention: o.retention ?? null,
    profiling: o.profiling === true,
    aiTraining: o.aiTraining === true,
    tracking: o.tracking === true,
    basedOn: o.basedOn ?? null,
  });
  say(`Terms ${t.code} added: ${t.purposes.join(', ')}; third parties ${t.thirdParties}`);
}

export async function deleteTerms({ services }: Session, code: string): Promise<void> {
  await services.terms.delete(code);
  say(`Deleted terms ${code}`);
}
