import type { Command } from 'commander';
import { withStore } from '../../run.js';

const load = () => import('../../actions/disclosures/keys.js');

/** `vrm keys …`: the person's signing keys. */
export function registerKeyCommands(program: Command): void {
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
