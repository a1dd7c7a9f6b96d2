import type { Command } from 'commander';
import { withStore } from '../../run.js';
import { PURPOSES_HELP } from './purposes.js';

const load = () => import('../../actions/disclosures/packages.js');

/** `vrm package …`: signed disclosures (SD-JWT VC) for a provider. */
export function registerPackageCommands(program: Command): void {
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
}
