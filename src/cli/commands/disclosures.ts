import { Option, type Command } from 'commander';
import { withStore } from '../run.js';

const load = () => import('../actions/disclosures.js');

const PURPOSES_HELP =
  'comma-separated: service, delivery, legal, security, marketing, advertising, offers, analytics, research, ai-training';
const CHANNELS = ['web', 'email', 'phone', 'letter', 'in_person', 'app', 'other'];

/** Terms, policies, the disclosure ledger, agreements, receipts, signed packages and keys. */
export function registerDisclosureCommands(program: Command): void {
  const terms = program
    .command('terms')
    .description('the roster of standard agreements (IEEE 7012 style) and your own terms');
  terms
    .command('list')
    .description('list the roster and your own terms, with what each allows')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listTerms));
  terms
    .command('show')
    .description('show one set of terms: the summary and every machine-readable field')
    .argument('<code>', 'the code, such as SD-BASE')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showTerms));
  terms
    .command('add')
    .description('write your own terms (codes of the roster are taken)')
    .requiredOption('--code <code>', 'a short code, such as MY-DELIVERY')
    .requiredOption('--name <name>', 'a name')
    .requiredOption('--summary <text>', 'what they say, in plain words')
    .requiredOption('--purposes <list>', PURPOSES_HELP)
    .addOption(
      new Option('--third-parties <rule>', 'who else may receive the data')
        .choices(['none', 'processors', 'allowed'])
        .default('none'),
    )
    .option('--retention <period>', 'how long it may be kept, as an ISO 8601 period (P90D, P1Y)')
    .option('--profiling', 'allow profiling')
    .option('--ai-training', 'allow training AI models (list ai-training among the purposes too)')
    .option('--tracking', 'allow tracking')
    .option('--based-on <code>', 'the roster agreement they start from')
    .action(withStore(async () => (await load()).addTerms));
  terms
    .command('delete')
    .description('delete your own terms that nothing refers to yet')
    .argument('<code>', 'the code')
    .action(withStore(async () => (await load()).deleteTerms));

  const policy = program
    .command('policy')
    .alias('policies')
    .description('which facts may go to whom, for which purposes, under which terms');
  policy
    .command('list')
    .description('list the policies (those that apply to one provider with --provider)')
    .option('--provider <provider>', 'id or name')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listPolicies));
  policy
    .command('add')
    .description('add a policy for one provider, a category, or (neither) everyone')
    .requiredOption('--facts <list>', 'comma-separated: *, kinds (email, phone, …) or fact:ID')
    .option('--provider <provider>', 'only this provider')
    .option('--category <category>', 'only providers of this category')
    .option('--allow <list>', `purposes allowed, or * for every purpose the terms allow; ${PURPOSES_HELP}`)
    .option('--deny <list>', 'purposes refused (deny beats allow)')
    .option('--terms <code>', 'allowed only under these terms')
    .option('--note <text>', 'your note')
    .action(withStore(async () => (await load()).addPolicy));
  policy
    .command('delete')
    .description('delete a policy')
    .argument('<id>', 'the policy id')
    .action(withStore(async () => (await load()).deletePolicy));
  policy
    .command('check')
    .description(
      '"this provider asks for these fields for this purpose": the allowed subset, with a reason each',
    )
    .argument('<provider>', 'id or name')
    .option('--fields <list>', 'comma-separated kinds (email, postal_address, …) or fact ids (required)')
    .option('--purpose <list>', `${PURPOSES_HELP} (required)`)
    .option('--terms <code>', 'the terms the request is made under')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).checkPolicy));

  const disclosure = program
    .command('disclosure')
    .alias('disclosures')
    .description('the ledger of who was given what, when, for which purposes, under which terms');
  disclosure
    .command('record')
    .description('record that facts or identities went to a provider (the policy check runs first)')
    .argument('<provider>', 'id or name')
    .option('--facts <ids>', 'comma-separated fact ids')
    .option('--identities <ids>', 'comma-separated identity ids')
    .option('--purpose <list>', `${PURPOSES_HELP} (required)`)
    .option('--terms <code>', 'the terms it was given under (default: the accepted agreement, if any)')
    .addOption(new Option('--channel <channel>', 'how it was given').choices(CHANNELS).default('other'))
    .option('--on <date>', 'the day it was given, YYYY-MM-DD (default today)')
    .option('--note <text>', 'your note')
    .option('--override <reason>', 'record it although the policy check says no, and why')
    .action(withStore(async () => (await load()).recordDisclosure));
  disclosure
    .command('list')
    .description('list disclosures')
    .option('--provider <provider>', 'only to this provider')
    .option('--fact <id>', 'only of this fact')
    .option('--all', 'include withdrawn ones')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listDisclosures));
  disclosure
    .command('withdraw')
    .description('mark a disclosure withdrawn: the provider erased it, or was told to')
    .argument('<id>', 'the disclosure id')
    .option('--on <date>', 'the day, YYYY-MM-DD (default today)')
    .action(withStore(async () => (await load()).withdrawDisclosure));
  disclosure
    .command('fact')
    .description('who holds a fact, and who holds an outdated version of it')
    .argument('<id>', 'the fact id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).factHolders));
  disclosure
    .command('provider')
    .description('everything a provider knows about you, and since when')
    .argument('<provider>', 'id or name')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).providerKnows));
  disclosure
    .command('matrix')
    .description('the who-knows-what grid: providers × facts, outdated cells marked')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).matrix));

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

  const receipt = program
    .command('receipt')
    .alias('receipts')
    .description('consent receipts (Kantara CR v1.1, signed as JWS) for disclosures under terms');
  receipt
    .command('list')
    .description('list receipts')
    .option('--provider <provider>', 'only for this provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listReceipts));
  receipt
    .command('export')
    .description('export a receipt: the signed JWS, the Kantara JSON, or an ISO/IEC TS 27560 record')
    .argument('<receipt>', 'the receipt number or its UUID')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(['jws', 'kantara', 'iso27560'])
        .default('kantara'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(withStore(async () => (await load()).exportReceipt));
  receipt
    .command('verify')
    .description(
      "verify a consent receipt's JWS: signature, type, the fields Kantara CR v1.1 requires, and its key",
    )
    .argument('<input>', 'a file holding the JWS, the JWS itself, or - for standard input')
    .option('--key <file>', "the signer's public key as a JWK file (default: this store's keys)")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).verifyReceipt));

  const pkg = program
    .command('package')
    .alias('packages')
    .description('signed disclosures ("Personal 1-click"): your facts for a provider as an SD-JWT VC');
  pkg
    .command('new')
    .description(
      'sign a package of facts for a provider under your terms (recorded in the ledger, with a receipt)',
    )
    .argument('<provider>', 'id or name')
    .option('--terms <code>', 'the terms it is given under (required)')
    .option('--purpose <list>', `${PURPOSES_HELP} (required)`)
    .option('--facts <ids>', 'comma-separated fact ids')
    .option('--identities <ids>', "comma-separated ids of the provider's identities")
    .option('--days <n>', 'days it stays valid', '30')
    .option('--override <reason>', 'make it although the policy check says no, and why')
    .option(
      '--holder-binding',
      'bind it to a key of yours (cnf), so a presentation can prove it is you presenting',
    )
    .option('--out <file>', 'write the SD-JWT to this file')
    .option('--qr <file>', 'write a QR code (.svg or .png)')
    .option('--bundle <file>', 'write a JSON bundle for filling in forms')
    .action(withStore(async () => (await load()).newPackage));
  pkg
    .command('list')
    .description('list packages')
    .option('--provider <provider>', 'only for this provider')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listPackages));
  pkg
    .command('present')
    .description('a presentation of a package that discloses only the claims you choose')
    .argument('<id>', 'the package id')
    .option(
      '--claims <list>',
      'comma-separated claim names, or parts such as address.locality (default: all)',
    )
    .option('--nonce <value>', "the provider's challenge, for key binding (with --audience)")
    .option('--audience <id>', "who it is for (the provider's identifier), for key binding (with --nonce)")
    .option('--out <file>', 'write the presentation to this file')
    .option('--qr <file>', 'write a QR code (.svg or .png)')
    .option('--bundle <file>', 'write a JSON bundle for filling in forms')
    .action(withStore(async () => (await load()).presentPackage));

  program
    .command('verify')
    .description('verify an SD-JWT presentation (RFC 9901): signature, disclosures, dates and key binding')
    .argument('<input>', 'a file holding it, the compact SD-JWT itself, or - for standard input')
    .option(
      '--key <file>',
      "the issuer's public key as a JWK file (default: this store's keys, or the issuer's did:jwk, which proves no identity: exit code 10)",
    )
    .option('--nonce <nonce>', 'require a key-binding JWT with this nonce (RFC 9901 §4.3)')
    .option('--audience <aud>', 'require a key-binding JWT made for this audience (its aud)')
    .addOption(
      new Option(
        '--profile <profile>',
        'vrm-package: also typ dc+sd-jwt, vct and exp; sd-jwt: RFC 9901 alone',
      )
        .choices(['vrm-package', 'sd-jwt'])
        .default('vrm-package'),
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).verify));

  const keys = program.command('keys').alias('key').description('your signing keys (ES256)');
  keys
    .command('list')
    .description("list the signing keys: yours, current and retired, and each provider's own issuer key")
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listKeys));
  keys
    .command('export')
    .description(
      'export your public keys as a JWK set, for those who verify what you sign; retired keys carry vrm_retired_at',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(withStore(async () => (await load()).exportKeys));
  keys
    .command('rotate')
    .description(
      'make a new signing key; the old one loses its private half and stays, to verify what it signed',
    )
    .action(withStore(async () => (await load()).rotateKeys));
}
