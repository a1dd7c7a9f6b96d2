import { Option, type Command } from 'commander';
import { withStore } from '../../run.js';

const load = () => import('../../actions/disclosures/verify.js');

/** `vrm verify`: checks an SD-JWT presentation, from whoever it came. */
export function registerVerifyCommand(program: Command): void {
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
}
