import type { Command } from 'commander';
import { collect } from '../options.js';
import { withStore } from '../run.js';

const load = () => import('../actions/personas.js');
const loadIntents = () => import('../actions/intents.js');
const loadCasting = () => import('../actions/intent-casting.js');
const loadOffers = () => import('../actions/offers.js');

/** Personas, the pseudonyms intents are cast under, and the intents (issue 18). */
export function registerIntentCommands(program: Command): void {
  const persona = program
    .command('persona')
    .alias('personas')
    .description(
      'pseudonyms to shop under: an alias, a name and a signing key of their own, saying only what you attach, generalised',
    );
  persona
    .command('new')
    .description('make a persona (its alias is made on your catch-all domain)')
    .option('--name <name>', 'its display name (default: one made up, such as "Quiet Harbour 27")')
    .option(
      '--state <fact[:form]>',
      'a vault fact it states, generalised: postcode_area, town, country, year, years_since, held, held_since (repeatable)',
      collect,
    )
    .option('--full <fact>', 'a vault fact it states in full: your word that it may (repeatable)', collect)
    .option(
      '--say <words>',
      'something it says in your own words, such as "no claims for 6 years" (repeatable)',
      collect,
    )
    .option('--pickup <address>', 'a postal pickup or PO box it may give')
    .option('--strategy <strategy>', 'the catch-all alias strategy (an id; default: your catch-all one)')
    .option('--note <text>', 'your note')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).newPersona));
  persona
    .command('list')
    .description('list the personas, with whom each was shown to')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).listPersonas));
  persona
    .command('show')
    .description('show a persona: its alias, key, what it says and whom it was shown to')
    .argument('<id>', 'the persona id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).showPersona));
  persona
    .command('retire')
    .description('retire a persona: no new intent uses it; mail to its alias is still watched')
    .argument('<id>', 'the persona id')
    .action(withStore(async () => (await load()).retirePersona));
  persona
    .command('leaks')
    .description(
      "who wrote to the persona's alias without having been shown it, once its intents are closed or it is retired",
    )
    .argument('<id>', 'the persona id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await load()).personaLeaks));

  const intent = program
    .command('intent')
    .alias('intents')
    .description(
      'what you want to buy, said under a persona: a signed schema.org Demand, and text for a web form',
    );
  intent
    .command('new')
    .description('make an intent under a persona, as a draft (nothing is sent)')
    .requiredOption('--persona <id>', 'the persona it is said under (see `vrm persona list`)')
    .requiredOption('--category <what>', 'what kind of thing, such as "car insurance"')
    .requiredOption('--description <text>', 'what you want, in your words')
    .requiredOption('--answer-by <date>', 'the day offers are expected by (YYYY-MM-DD)')
    .option('--quantity <amount>', 'how many, with a unit: "1 car", "2 rooms"')
    .option('--where <place>', 'where, in general words: "postcode area BS1"')
    .option('--from <date>', 'wanted from (YYYY-MM-DD)')
    .option('--until <date>', 'wanted until (YYYY-MM-DD)')
    .option('--budget <amount>', 'the most you will pay, as you write it: 600 or 49,99')
    .option('--currency <code>', "the budget's currency, such as GBP")
    .option('--per <period>', 'the budget is per month or per year')
    .option('--terms <code>', 'terms an offer is made under (repeatable; default PDC-INTENT)', collect)
    .option(
      '--replaces <contract>',
      'the contract it would replace (an id): offers are compared with it (default: the one named like the category)',
    )
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadIntents()).newIntent));
  intent
    .command('list')
    .description('list the intents')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadIntents()).listIntents));
  intent
    .command('show')
    .description('show an intent')
    .argument('<id>', 'the intent id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadIntents()).showIntent));
  intent
    .command('document')
    .description(
      'the intent as published: the text for a web form, or with --out the Demand signed by its persona (compact JWS)',
    )
    .argument('<id>', 'the intent id')
    .option('--out <file>', 'write the signed Demand (.jws) here, and the JSON-LD beside it (.jsonld)')
    .option('--json', "print the Demand, its JWS and the persona's public key as JSON")
    .action(withStore(async () => (await loadIntents()).intentDocument));
  intent
    .command('qr')
    .description('the signed intent as a QR code, for a counter or a printed page')
    .argument('<id>', 'the intent id')
    .option('--out <file>', 'where to write it: a .png or an .svg file (required)')
    .action(withStore(async () => (await loadCasting()).intentQr));
  intent
    .command('vendors')
    .description(
      "the vendors an intent goes to, and those it could: your ledger's and the directory's of its category",
    )
    .argument('<id>', 'the intent id')
    .option(
      '--add <vendor>',
      'send it to this vendor too: a provider (name or id) or directory:SLUG (repeatable)',
      collect,
    )
    .option(
      '--remove <vendor>',
      'take this vendor off, if the intent has not gone to it (repeatable)',
      collect,
    )
    .option('--category <category>', "the directory's category to look in (default: the intent's)")
    .option('--country <code>', 'only organisations of this country, such as GB')
    .option('--all', 'list every vendor that could be chosen, not the first 25')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadCasting()).intentVendors));
  intent
    .command('send')
    .description(
      "send the intent to its vendors, from the persona's alias and under its name, through the outbox",
    )
    .argument('<id>', 'the intent id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadCasting()).sendIntent));

  const offer = program
    .command('offer')
    .alias('offers')
    .description(
      'offers made in answer to an intent: read from replies, entered by hand or imported as schema.org JSON-LD, and compared',
    );
  offer
    .command('compare')
    .description(
      'the offers side by side as yearly costs, against what you pay today, and who has not answered',
    )
    .argument('<intent>', 'the intent id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadOffers()).compareOffers));
  offer
    .command('add')
    .description('enter an offer by hand: one made by phone, in a shop or on a website')
    .requiredOption('--intent <id>', 'the intent it answers')
    .requiredOption('--vendor <name>', 'the provider that made it (name or id)')
    .option('--price <amount>', 'the price, as you write it: 545 or 47,20 (left out: it named none)')
    .option('--currency <code>', 'the currency, such as GBP')
    .option('--period <period>', 'how often it is paid: once, week, month, quarter, half-year or year')
    .option('--term-months <n>', 'how long it runs, in months')
    .option('--valid-until <date>', 'the last day it stands (YYYY-MM-DD)')
    .option('--included <what>', 'something it includes (repeatable)', collect)
    .option('--excluded <what>', 'something it leaves out (repeatable)', collect)
    .option('--conditions <text>', 'its conditions, in a line')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadOffers()).addOffer));
  offer
    .command('import')
    .description('import an offer sent as a schema.org Offer in JSON-LD')
    .argument('<file>', 'the JSON-LD file')
    .requiredOption('--intent <id>', 'the intent it answers')
    .option('--vendor <name>', 'the provider it came from (default: its seller, among the intent’s vendors)')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadOffers()).importOffer));
  offer
    .command('show')
    .description('show an offer')
    .argument('<id>', 'the offer id')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadOffers()).showOffer));
  offer
    .command('accept')
    .description(
      "accept an offer: reveal to that vendor only the facts you choose, signed (SD-JWT), from the persona's alias; the intent closes",
    )
    .argument('<id>', 'the offer id')
    .option('--fact <id>', 'a vault fact the vendor needs to contract (repeatable; at least one)', collect)
    .option('--terms <code>', 'the terms they are given under (default SD-BASE)')
    .option('--decline-others', 'send every other vendor a polite decline from the persona')
    .option('--override <reason>', 'go past a disclosure policy that would refuse it, for this reason')
    .option('--json', 'print JSON')
    .action(withStore(async () => (await loadOffers()).acceptOffer));
  offer
    .command('rate')
    .description('compare an offer in another currency at your rate: what one unit of its currency is worth')
    .argument('<id>', 'the offer id')
    .argument('<rate>', 'the rate, such as 0,86')
    .argument('<currency>', 'the currency it converts to, such as GBP')
    .action(withStore(async () => (await loadOffers()).rateOffer));
}
