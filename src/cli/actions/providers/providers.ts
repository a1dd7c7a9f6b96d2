/** `vrm provider …`: the organisations the person deals with. */
import { directoryEntry, providerFieldsFrom } from '../../../directory/directory.js';
import { VrmError } from '../../../platform/errors.js';
import type { ProviderCreate } from '../../../providers/schemas.js';
import type { Provider } from '../../../providers/service.js';
import type { TimelinePage } from '../../../providers/timeline.js';
import { cancelByText, cycle, instant, money, totals } from '../../format.js';
import { heading, printJson, printRecord, printTable, say } from '../../output.js';
import type { JsonOption } from '../../options.js';
import { fieldsFrom, PROVIDER_FLAGS } from '../../fields.js';
import type { Session } from '../../session.js';

interface ProviderOptions {
  category?: string;
  website?: string;
  country?: string;
  status?: 'active' | 'former' | 'prospect';
  domain?: string[];
  supportEmail?: string;
  privacyEmail?: string;
  phone?: string;
  address?: string;
  webForm?: string;
  notes?: string;
}

const fields = (o: ProviderOptions): Omit<ProviderCreate, 'name'> => ({
  ...fieldsFrom(PROVIDER_FLAGS, o),
  postalAddress: o.address?.replaceAll('\\n', '\n'),
});

export function printProvider(p: Provider): void {
  printRecord([
    ['id', p.id],
    ['name', p.name],
    ['status', p.status],
    ['category', p.category],
    ['country', p.country],
    ['website', p.website],
    ['domains', p.domains.join(', ')],
    ['support e-mail', p.supportEmail],
    ['privacy e-mail', p.privacyEmail],
    ['phone', p.phone],
    ['address', p.postalAddress?.replaceAll('\n', ', ')],
    ['web form', p.webForm],
    ['notes', p.notes],
  ]);
}

export async function add(
  { services }: Session,
  name: string | undefined,
  o: ProviderOptions & { fromDirectory?: string },
): Promise<void> {
  const given = { ...fields(o), domains: o.domain };
  const known =
    o.fromDirectory === undefined ? undefined : providerFieldsFrom(directoryEntry(o.fromDirectory));
  const chosen = name ?? known?.name;
  if (chosen === undefined)
    throw new VrmError('invalid_input', 'provider add needs a NAME, or --from-directory SLUG');
  // What the person typed wins over what the directory knows.
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const provider = await services.providers.add({ ...known, ...defined, name: chosen });
  say(
    `Added provider ${provider.id}: ${provider.name}${known ? ` (from the directory: ${known.directorySlug})` : ''}`,
  );
}

export async function list(
  { services }: Session,
  o: JsonOption & { status?: string; category?: string; search?: string },
): Promise<void> {
  const providers = await services.providers.list(o);
  if (o.json) {
    printJson(providers);
    return;
  }
  printTable(
    providers,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      { header: 'name', value: (p) => p.name },
      { header: 'category', value: (p) => p.category },
      { header: 'status', value: (p) => p.status },
      { header: 'country', value: (p) => p.country },
      { header: 'domains', value: (p) => p.domains.join(' ') },
    ],
    'No providers yet. Add one with `vrm provider add NAME`.',
  );
}

export async function show({ services }: Session, ref: string, o: JsonOption): Promise<void> {
  const view = await services.providerOverview(ref);
  if (o.json) {
    printJson(view);
    return;
  }
  printProvider(view.provider);
  say(`yearly cost:    ${totals(view.yearlyCosts)}`);
  heading('Accounts');
  printTable(view.accounts, [
    { header: 'id', value: (a) => a.id, align: 'right' },
    { header: 'customer number', value: (a) => a.customerNumber },
    { header: 'label', value: (a) => a.label },
    { header: 'opened', value: (a) => a.openedOn },
    { header: 'closed', value: (a) => a.closedOn },
  ]);
  heading('Contracts');
  printTable(view.contracts, [
    { header: 'id', value: (c) => c.id, align: 'right' },
    { header: 'name', value: (c) => c.name },
    { header: 'price', value: (c) => money(c.priceMinor, c.currency), align: 'right' },
    { header: 'cycle', value: cycle },
    { header: 'next renewal', value: (c) => c.derived.nextRenewal ?? (c.derived.active ? '' : 'ended') },
    { header: 'cancel by', value: (c) => cancelByText(c.derived) },
  ]);
  heading('Cases');
  printTable(view.cases, [
    { header: 'id', value: (c) => c.id, align: 'right' },
    { header: 'title', value: (c) => c.title },
    { header: 'status', value: (c) => c.status },
    { header: 'opened', value: (c) => c.openedOn },
  ]);
  heading('Timeline');
  printTimeline(await services.providerTimeline.page(view.provider.id, { limit: 20 }), ref);
  heading('Documents');
  printTable(view.documents, [
    { header: 'id', value: (d) => d.id, align: 'right' },
    { header: 'title', value: (d) => d.title },
    { header: 'type', value: (d) => d.mediaType },
    { header: 'bytes', value: (d) => d.size, align: 'right' },
  ]);
}

export async function update(
  { services }: Session,
  ref: string,
  o: ProviderOptions & { name?: string; removeDomain?: string[] },
): Promise<void> {
  const current = await services.providers.get(ref);
  const changesDomains = o.domain !== undefined || o.removeDomain !== undefined;
  const removed = new Set((o.removeDomain ?? []).map((d) => d.trim().toLowerCase()));
  const domains = changesDomains
    ? [...current.domains, ...(o.domain ?? [])].filter((d) => !removed.has(d.toLowerCase()))
    : undefined;
  const provider = await services.providers.update(current.id, { name: o.name, ...fields(o), domains });
  say(`Updated provider ${provider.id}: ${provider.name}`);
}

export async function retire({ services }: Session, ref: string): Promise<void> {
  const provider = await services.providers.retire(ref);
  say(`Provider ${provider.id} (${provider.name}) is now former; its history stays in the ledger.`);
}

export async function remove({ services }: Session, ref: string, o: { cascade?: boolean }): Promise<void> {
  const provider = await services.providers.get(ref);
  await services.providers.delete(provider.id, { cascade: o.cascade ?? false });
  say(`Deleted provider ${provider.id} (${provider.name}).`);
}

/** Prints a page of a provider's timeline, and how to see the next. */
function printTimeline(page: TimelinePage, ref: string): void {
  printTable(
    page.items,
    [
      { header: 'when', value: (i) => instant(i.at) },
      { header: 'kind', value: (i) => i.kind },
      { header: 'id', value: (i) => i.id, align: 'right' },
      { header: 'what', value: (i) => i.title },
      { header: 'detail', value: (i) => i.detail ?? '' },
    ],
    'Nothing yet. Log calls and letters with `vrm interaction add`; imported mail from this provider shows here too.',
  );
  if (page.next !== null) say(`More: vrm provider timeline ${JSON.stringify(ref)} --after ${page.next}`);
}

/** `vrm provider timeline NAME [--kind message] [--limit 50] [--after PLACE]`: one page of it. */
export async function timeline(
  { services }: Session,
  ref: string,
  o: JsonOption & { kind?: string[]; limit?: number; after?: string },
): Promise<void> {
  const kinds = o.kind?.flatMap((k) => k.split(',')).map((k) => k.trim());
  const page = await services.providerTimeline.page(ref, { kinds, limit: o.limit, after: o.after });
  if (o.json) {
    printJson(page);
    return;
  }
  say(
    page.kinds
      .filter((k) => k.count > 0)
      .map((k) => `${k.count} ${k.count === 1 ? k.noun.one : k.noun.many}`)
      .join(' · ') || 'Nothing recorded about this provider yet.',
  );
  printTimeline(page, ref);
}
