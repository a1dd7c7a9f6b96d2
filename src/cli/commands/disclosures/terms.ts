import { Option, type Command } from 'commander';
import { withStore } from '../../run.js';
import { PURPOSES_HELP } from './purposes.js';

const load = () => import('../../actions/disclosures/terms.js');

/** `vrm terms …`: the roster of standard agreements and the person's own terms. */
export function registerTermsCommands(program: Command): void {
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
    .option('--retention <period>', 'how long it may be kept: "2 years", "18 months", "30 days" or P2Y')
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
}
