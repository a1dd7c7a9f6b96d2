// Turns the CC0 organisation directory (../shared/data/provider-directory, from datarequests.org)
// into the compact files vrm ships: only the fields vrm uses, minified and gzipped.
// Run it again when the source changes: node scripts/import-directory.mjs [source-folder]
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const source = process.argv[2] ?? join(root, '..', 'shared', 'data', 'provider-directory');
const target = join(root, 'data', 'directory');

const pick = (entry, fields) =>
  Object.fromEntries(fields.flatMap(([from, to]) => (entry[from] === undefined ? [] : [[to, entry[from]]])));

const companies = JSON.parse(readFileSync(join(source, 'companies.json'), 'utf8')).map((c) =>
  pick(c, [
    ['slug', 'slug'],
    ['name', 'name'],
    ['runs', 'runs'],
    ['web', 'web'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['address', 'address'],
    ['webform', 'webform'],
    ['relevant-countries', 'countries'],
    ['categories', 'categories'],
    // For data-subject requests: how to send, in which language, and what identifies the person.
    ['suggested-transport-medium', 'medium'],
    ['request-language', 'language'],
    ['required-elements', 'requiredElements'],
    ['needs-id-document', 'needsIdDocument'],
    ['fax', 'fax'],
  ]),
);
const authorities = JSON.parse(readFileSync(join(source, 'supervisory-authorities.json'), 'utf8')).map((a) =>
  pick(a, [
    ['slug', 'slug'],
    ['name', 'name'],
    ['web', 'web'],
    ['email', 'email'],
    ['phone', 'phone'],
    ['address', 'address'],
    ['webform', 'webform'],
    ['relevant-countries', 'countries'],
    ['complaint-language', 'language'],
    ['fax', 'fax'],
  ]),
);
writeFileSync(join(target, 'organisations.json.gz'), gzipSync(JSON.stringify(companies), { level: 9 }));
writeFileSync(join(target, 'authorities.json.gz'), gzipSync(JSON.stringify(authorities), { level: 9 }));
copyFileSync(join(source, 'SOURCE.md'), join(target, 'SOURCE.md'));
console.log(`${companies.length} organisations and ${authorities.length} authorities written to ${target}`);
