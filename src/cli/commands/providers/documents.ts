import type { Command } from 'commander';
import { json, positiveInt } from '../../options.js';
import { withStore } from '../../run.js';

const load = () => import('../../actions/providers/documents.js');

function documentOptions(command: Command): Command {
  return command
    .option('--title <title>', 'a title (default: the file name)')
    .option('--contract <id>', 'the contract it belongs to', positiveInt)
    .option('--case <id>', 'the case it belongs to', positiveInt)
    .option('--type <media-type>', 'media type, such as application/pdf (default: from the file name)')
    .option('--notes <text>', 'your notes');
}

/** `vrm document …`: files kept encrypted in the store. */
export function registerDocumentCommands(program: Command): void {
  const document = program
    .command('document')
    .alias('documents')
    .description('files kept encrypted inside the store: contracts, letters, invoices, scans');
  documentOptions(
    document
      .command('add')
      .description('add a file (up to 50 MiB)')
      .argument('<file>', 'the file to keep')
      .requiredOption('--provider <provider>', 'provider id or name'),
  ).action(withStore(async () => (await load()).addDocument));
  json(
    document
      .command('list')
      .description('list documents')
      .option('--provider <provider>', 'only this provider'),
  ).action(withStore(async () => (await load()).listDocuments));
  json(
    document
      .command('show')
      .description("show a document's details")
      .argument('<id>', 'document id', positiveInt),
  ).action(withStore(async () => (await load()).showDocument));
  document
    .command('get')
    .description('write the file back out, byte for byte')
    .argument('<id>', 'document id', positiveInt)
    .option('-o, --output <file>', 'write to this file (default: stdout, when it is not a terminal)')
    .action(withStore(async () => (await load()).getDocument));
  documentOptions(
    document
      .command('update')
      .description('change a document\'s details; "" clears a field')
      .argument('<id>', 'document id', positiveInt)
      .option('--filename <name>', 'a new file name'),
  ).action(withStore(async () => (await load()).updateDocument));
  document
    .command('delete')
    .description('delete a document')
    .argument('<id>', 'document id', positiveInt)
    .action(withStore(async () => (await load()).deleteDocument));
}
