/** `vrm case …`: complaints and disputes, and where they stand. */
import type { Case } from '../../../providers/cases.js';
import { heading, printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption, ProviderOption } from '../../options.js';
import { fieldsFrom, CASE_FLAGS } from '../../fields.js';
import type { Session } from '../../session.js';
import { printInteractions } from './interactions.js';

interface CaseOptions {
  title?: string;
  kind?: 'complaint' | 'dispute';
  description?: string;
  reference?: string;
  status?: 'open' | 'waiting' | 'escalated' | 'resolved';
  opened?: string;
  escalated?: string;
  resolved?: string;
  resolution?: string;
}

const caseFields = (o: CaseOptions) => fieldsFrom(CASE_FLAGS, o);

function printCase(c: Case): void {
  printRecord([
    ['id', c.id],
    ['title', c.title],
    ['kind', c.kind],
    ['provider', c.providerId],
    ['status', c.status],
    ['reference', c.reference],
    ['opened', c.openedOn],
    ['escalated', c.escalatedOn],
    ['resolved', c.resolvedOn],
    ['description', c.description],
    ['resolution', c.resolution],
  ]);
}

export async function addCase(
  s: Session,
  o: CaseOptions & { provider: string; title: string },
): Promise<void> {
  const kase = await s.services.cases.add({
    ...caseFields(o),
    title: o.title,
    providerId: await s.services.providers.resolve(o.provider),
  });
  say(`Opened case ${kase.id}: ${kase.title} (${kase.status})`);
}

export async function listCases(
  s: Session,
  o: JsonOption & ProviderOption & { status?: string },
): Promise<void> {
  const cases = await s.services.cases.list({ provider: o.provider, status: o.status });
  if (o.json) {
    printJson(cases);
    return;
  }
  printTable(
    cases,
    [
      { header: 'id', value: (c) => c.id, align: 'right' },
      { header: 'provider', value: (c) => c.providerId, align: 'right' },
      { header: 'title', value: (c) => c.title },
      { header: 'kind', value: (c) => c.kind },
      { header: 'status', value: (c) => c.status },
      { header: 'opened', value: (c) => c.openedOn },
      { header: 'resolved', value: (c) => c.resolvedOn },
    ],
    'No cases.',
  );
}

export async function showCase(s: Session, id: number, o: JsonOption): Promise<void> {
  const detail = await s.services.cases.detail(id);
  if (o.json) {
    printJson(detail);
    return;
  }
  printCase(detail);
  heading('Interactions');
  printInteractions(detail.interactions);
}

export async function updateCase(s: Session, id: number, o: CaseOptions): Promise<void> {
  const kase = await s.services.cases.update(id, caseFields(o));
  say(`Updated case ${kase.id}: ${kase.title} (${kase.status})`);
}

export async function deleteCase(s: Session, id: number): Promise<void> {
  await s.services.cases.delete(id);
  say(`Deleted case ${id}.`);
}
