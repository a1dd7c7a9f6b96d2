import { Option, type Command } from 'commander';
import { withStore } from '../../run.js';

const load = () => import('../../actions/disclosures/agreements.js');

/** `vrm agreement …`: terms proffered to providers, their answers, the signed records. */
export function registerAgreementCommands(program: Command): void {
  const agreement = program
    .command('agreement')
    .alias('agreements')
    .description('terms you proffered to providers, and their answers: signed records');
  agreement
    .command('proffer')
    .description('record that you proffered terms to a provider')
    .argument('<provider>', 'id or name')
    .option('--terms <code>', 'the terms, such as SD-BASE (required)')
    .option('--on <date>', 'the day, YYYY-MM-DD (default today)')
    .option('--evidence <text>', 'how: a message sent, a form filled in')
    .action(withStore(async () => (await load()).proffer));
  agreement
    .command('answer')
    .description("record the provider's answer, with its evidence")
    .argument('<id>', 'the agreement id')
    .addOption(
      new Option('--status <status>', 'the answer (required)').choices(['accepted', 'rejected', 'countered']),
    )
    .option('--counter <code>', 'when countered: the agreement it offered instead')
    .option('--on <date>', 'the day of the answer, YYYY-MM-DD (default today)')
    .option('--evidence <text>', 'the evidence, such as a quote from their reply')
    .option('--document <id>', 'a document of the provider that proves it')
    .option('--interaction <id>', 'the interaction in which it answered')
    .action(withStore(async () => (await load()).answer));
  agreement
    .command('list')
    .description('list agreements')
    .option('--provider <provider>', 'only with this provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listAgreements));
  agreement
    .command('show')
    .description('show an agreement, its signed states and the countersignature')
    .argument('<id>', 'the agreement id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showAgreement));
  agreement
    .command('export')
    .description(
      'write the record both sides keep: every signed state, the terms text, and what the organisation signs to countersign',
    )
    .argument('<id>', 'the agreement id')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(withStore(async () => (await load()).exportAgreement));
  agreement
    .command('countersignature')
    .alias('countersign-import')
    .description("import the organisation's countersignature of the current record, checked with its key")
    .argument('<id>', 'the agreement id')
    .argument('<file>', 'the countersignature: a compact JWS, or JSON with it under "countersignature"')
    .option('--key <file>', "the organisation's public key as a JWK file (required; nothing is fetched)")
    .action(withStore(async () => (await load()).importCountersignature));
  agreement
    .command('verify')
    .description(
      'check a stored agreement (every signed state, and that it matches the store), or a record file and its countersignature',
    )
    .argument('<agreement>', 'the agreement id, or a record file written by `vrm agreement export`')
    .option(
      '--key <file>',
      "with a file: the organisation's public key as a JWK file (default: the one the file carries)",
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).verifyAgreement));
}
