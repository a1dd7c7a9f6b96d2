/** `vrm directory …`: the organisation directory shipped with vrm; it needs no store. */
import { directoryEntry, searchDirectory } from '../../directory/directory.js';
import { printJson, printRecord, printTable } from '../output.js';
import type { JsonOption } from '../options.js';
import type { GlobalOptions } from '../run.js';

export function searchDirectoryCommand(
  _globals: GlobalOptions,
  text: string,
  o: JsonOption & { country?: string; limit?: number },
): Promise<void> {
  const results = searchDirectory(text, { country: o.country, limit: o.limit });
  if (o.json) printJson(results);
  else
    printTable(
      results,
      [
        { header: 'slug', value: (e) => e.slug },
        { header: 'name', value: (e) => e.name },
        { header: 'web', value: (e) => e.web },
        { header: 'privacy contact', value: (e) => e.email ?? e.webform },
        { header: 'countries', value: (e) => (e.countries ?? []).join(' ') },
      ],
      `Nothing in the directory matches "${text}". Add the provider by hand with \`vrm provider add NAME\`.`,
    );
  return Promise.resolve();
}

export function showDirectoryEntry(_globals: GlobalOptions, slug: string, o: JsonOption): Promise<void> {
  const entry = directoryEntry(slug);
  if (o.json) printJson(entry);
  else
    printRecord([
      ['slug', entry.slug],
      ['name', entry.name],
      ['also runs', entry.runs?.join(', ')],
      ['web', entry.web],
      ['privacy e-mail', entry.email],
      ['phone', entry.phone],
      ['address', entry.address?.replaceAll('\n', ', ')],
      ['web form', entry.webform],
      ['countries', entry.countries?.join(' ')],
      ['categories', entry.categories?.join(', ')],
      ['source', 'datarequests.org company database, CC0 (data/directory/SOURCE.md)'],
    ]);
  return Promise.resolve();
}
