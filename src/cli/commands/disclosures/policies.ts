import type { Command } from 'commander';
import { withStore } from '../../run.js';
import { PURPOSES_HELP } from './purposes.js';

const load = () => import('../../actions/disclosures/policies.js');

/** `vrm policy …`: which facts may go to whom, for which purposes, under which terms. */
export function registerPolicyCommands(program: Command): void {
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
    .requiredOption(
      '--facts <list>',
      'comma-separated: *, kinds (email, postal_address, …), or facts by label (home) or number',
    )
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
    .option(
      '--fields <list>',
      'comma-separated kinds (email, postal_address, …), or facts by label or number (required)',
    )
    .option('--purpose <list>', `${PURPOSES_HELP} (required)`)
    .option('--terms <code>', 'the terms the request is made under')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).checkPolicy));
}
