import { Option, type Command } from 'commander';
import { collect, positiveInt } from '../options.js';
import { withStore } from '../run.js';
import { PROCEEDING_STATUSES } from '../../requests/service.js';

const load = () => import('../actions/requests.js');
const loadCampaigns = () => import('../actions/request-campaigns.js');

/** The kinds as typed on the command line; the actions map them to the service's names. */
export const KIND_CHOICES = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'marketing-objection',
  'withdraw-consent',
  'recipients',
] as const;
export const CHANNEL_CHOICES = ['email', 'letter', 'web-form'] as const;
export const STATUS_CHOICES = PROCEEDING_STATUSES;

const kindOption = () =>
  new Option('--kind <kind>', 'what to ask for (default access: a copy and the Art. 15 information)').choices(
    KIND_CHOICES,
  );
const channelOption = () =>
  new Option('--channel <channel>', 'how it goes (default: the e-mail, letter or web form it has)').choices(
    CHANNEL_CHOICES,
  );
const countryOption = () =>
  new Option(
    '--country <code>',
    "whose public holidays count in the deadline: DE, GB, FR, … with a region if you like (DE-BY); default the provider's country, else where you live",
  );
const deliveryOption = () =>
  new Option(
    '--delivery-days <days>',
    'a letter: the days the post takes, from which receipt counts (default 3)',
  );
const onOption = (what: string) => new Option('--on <date>', `${what}, YYYY-MM-DD (default today)`);

/** Data-subject requests (issue 16): ask a provider what it holds, with the deadline the law sets. */
export function registerRequestCommands(program: Command): void {
  const request = program
    .command('request')
    .alias('requests')
    .description(
      'ask a provider what it holds about you (GDPR Art. 15–21), with the deadline counted as the law counts it, escalated when ignored, and its answer compared with what you gave',
    );
  request
    .command('new')
    .description(
      'draft a request to a provider, identified only by what it holds; nothing leaves until you send it',
    )
    .argument('<provider>', 'id or name')
    .addOption(kindOption())
    .addOption(
      new Option('--language <language>', "the request's language (default the provider's)").choices([
        'en',
        'de',
      ]),
    )
    .addOption(channelOption())
    .addOption(countryOption())
    .addOption(deliveryOption())
    .option(
      '--fact <fact>',
      'rectification: a fact they hold wrongly, by label or number (repeatable)',
      collect,
    )
    .option('--erase <text>', 'erasure: what to erase, in words (repeatable; default everything)', collect)
    .option('--object-to <text>', 'objection: the processing you object to')
    .option('--consent <text>', 'withdrawal of consent: the consent you withdraw')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).draft));
  request
    .command('list')
    .description('list the requests, the newest first, with their deadlines and what to do next')
    .option('--provider <provider>', 'only the requests to this provider (id or name)')
    .addOption(
      new Option('--status <status>', 'only the requests where they stand so').choices(STATUS_CHOICES),
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).list));
  request
    .command('show')
    .description(
      'show a request: its deadlines and how each was counted, its messages, the answers and what they hold against what you gave',
    )
    .argument('<request>', 'the request number (see `vrm request list`)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).show));
  request
    .command('edit')
    .description('change a drafted request before it goes')
    .argument('<request>', 'the request number')
    .option('--subject <text>', 'the subject')
    .option('--body-file <file>', 'the text, from a file (- for standard input)')
    .addOption(new Option('--channel <channel>', 'how it goes').choices(CHANNEL_CHOICES))
    .addOption(countryOption())
    .addOption(deliveryOption())
    .action(withStore(async () => (await load()).edit));
  request
    .command('send')
    .description(
      'send the drafted e-mail (the request or an admonition) through the outbox, from the alias the provider knows',
    )
    .argument('<request>', 'the request number')
    .action(withStore(async () => (await load()).send));
  request
    .command('sent')
    .description(
      'mark the drafted message sent by you: a letter posted, a web form filled in, a complaint lodged',
    )
    .argument('<request>', 'the request number')
    .addOption(onOption('the day it went'))
    .addOption(deliveryOption())
    .action(withStore(async () => (await load()).sent));
  request
    .command('letter')
    .description('make the PDF of the drafted request or admonition, for a window envelope')
    .argument('<request>', 'the request number')
    .option('--date <date>', 'the date printed on the letter, YYYY-MM-DD (default today)')
    .option('--out <file>', 'the PDF file to write, readable by you alone (default: its own name, here)')
    .option('--force', 'replace the file if it exists')
    .action(withStore(async () => (await load()).letter));
  request
    .command('bundle')
    .description(
      "make the complaint's PDF: the complaint, then the whole proceeding, for the supervisory authority",
    )
    .argument('<request>', 'the request number')
    .option('--out <file>', 'the PDF file to write, readable by you alone (default: its own name, here)')
    .option('--force', 'replace the file if it exists')
    .action(withStore(async () => (await load()).bundle));
  request
    .command('extension')
    .description(
      'the provider said it needs longer (Art. 12(3)): it counts, two more months, only within the first month and with reasons',
    )
    .argument('<request>', 'the request number')
    .requiredOption('--on <date>', 'the day the notice came, YYYY-MM-DD')
    .option('--reasons <text>', 'the reasons it gave')
    .action(withStore(async () => (await load()).extension));
  request
    .command('received')
    .description('record a message from the provider that came by post or phone')
    .argument('<request>', 'the request number')
    .requiredOption('--on <date>', 'the day it came, YYYY-MM-DD')
    .requiredOption('--subject <text>', 'what it was about')
    .option('--body-file <file>', 'its text, from a file (- for standard input)')
    .action(withStore(async () => (await load()).received));
  request
    .command('answered')
    .description('record the answer: complete, or incomplete with the Art. 15 items it left out')
    .argument('<request>', 'the request number')
    .addOption(onOption('the day it came'))
    .option('--incomplete', 'the answer is incomplete')
    .option(
      '--missing <items>',
      'the items it left out, comma-separated: copy, purposes, categories, recipients, period, rights, complaint, source, automated, transfers',
    )
    .action(withStore(async () => (await load()).answered));
  request
    .command('answer')
    .description(
      'import the answer: a ZIP or one file (JSON, CSV, HTML, PDF, text), or the attachments of a stored mail; kept encrypted and compared with what you gave',
    )
    .argument('<request>', 'the request number')
    .argument('[file]', 'the file they sent')
    .option(
      '--message <mail>',
      'the stored mail it came with, by its number (see `vrm mail list`)',
      positiveInt,
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).answer));
  request
    .command('admonish')
    .description(
      'draft an admonition: late, incomplete, or what else was wrong, with a new date to answer by',
    )
    .argument('<request>', 'the request number')
    .option('--days <days>', 'the days they get now (default 14)')
    .option('--excessive-id <text>', 'they asked for more identification than needed: what they asked for')
    .option('--wrong-medium <text>', 'the answer came by another medium than asked: how it came')
    .option('--wrong-language <text>', 'the answer came in another language: which')
    .action(withStore(async () => (await load()).admonish));
  request
    .command('complain')
    .description('draft a complaint to the supervisory authority, with the proceeding as one PDF')
    .argument('<request>', 'the request number')
    .option('--authority <slug>', 'the authority, by its slug (see `vrm request authorities`)')
    .addOption(
      new Option(
        '--by <country>',
        "whose country chooses the authority: your residence (default) or the provider's",
      ).choices(['residence', 'controller']),
    )
    .action(withStore(async () => (await load()).complain));
  request
    .command('authorities')
    .description('list the supervisory authorities of the directory, of one country when asked')
    .argument('[country]', 'a country code, with a region if you like (DE-BY)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).authorities));
  request
    .command('done')
    .description('close the request: answered well enough, or the authority has dealt with it')
    .argument('<request>', 'the request number')
    .addOption(onOption('the day'))
    .action(withStore(async () => (await load()).done));
  request
    .command('withdraw')
    .description('withdraw the request: it stays on record and leaves the calendar')
    .argument('<request>', 'the request number')
    .addOption(onOption('the day'))
    .action(withStore(async () => (await load()).withdraw));

  const campaign = request
    .command('campaign')
    .description('ask many providers in one step, and follow them in one view');
  campaign
    .command('start')
    .description('draft a request to every provider that holds a fact, or to every provider of a category')
    .option('--fact <fact>', 'everyone who holds this fact, by label or number')
    .option('--category <category>', 'every provider of this category')
    .addOption(kindOption())
    .addOption(
      new Option('--language <language>', "the requests' language (default each provider's)").choices([
        'en',
        'de',
      ]),
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadCampaigns()).start));
  campaign
    .command('list')
    .description('list the request campaigns, with how far each got')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadCampaigns()).list));
  campaign
    .command('show')
    .description('show a campaign: how many requests stand where, and each provider’s line')
    .argument('<campaign>', 'the campaign number')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadCampaigns()).show));
  campaign
    .command('send')
    .description("send a campaign's drafted e-mail requests through the outbox")
    .argument('<campaign>', 'the campaign number')
    .action(withStore(async () => (await loadCampaigns()).send));
}
