import { basename } from 'node:path';
import type { ComparedOffer, Offer } from '../../intents/offers.js';
import type { OfferPeriod } from '../../intents/offer-read.js';
import { VrmError } from '../../platform/errors.js';
import { formatAmount } from '../../platform/money.js';
import { parseId } from '../../platform/validation.js';
import { readInput } from '../files.js';
import type { JsonOption } from '../options.js';
import { heading, printJson, printRecord, printTable, say } from '../output.js';
import type { Session } from '../session.js';

const PERIOD_WORDS: Record<OfferPeriod, string> = {
  once: 'once',
  week: 'a week',
  month: 'a month',
  quarter: 'a quarter',
  'half-year': 'a half-year',
  year: 'a year',
};

const priceText = (o: Offer): string =>
  o.price === null ? 'no price' : `${formatAmount(o.price)}${o.period ? ` ${PERIOD_WORDS[o.period]}` : ''}`;

function printOffer(o: Offer): void {
  printRecord([
    ['offer', `${String(o.id)}: ${o.providerName} (${o.status})`],
    ['price', priceText(o)],
    ['term', o.termMonths === null ? null : `${String(o.termMonths)} months`],
    ['valid until', o.validUntil],
    ['included', o.included.join(', ') || null],
    ['excluded', o.excluded.join(', ') || null],
    ['conditions', o.conditions],
    ['rate', o.rate && `1 ${o.price?.currency ?? ''} = ${o.rate.rate} ${o.rate.to}`],
    [
      'came',
      o.source === 'mail'
        ? `by e-mail (${o.messageKey ?? ''})`
        : o.source === 'json_ld'
          ? 'as a schema.org Offer'
          : 'by hand',
    ],
  ]);
}

/** `vrm offer add`: an offer made by phone, in a shop or on a vendor's site. */
export async function addOffer(
  { services }: Session,
  o: JsonOption & {
    intent: string;
    vendor: string;
    price?: string;
    currency?: string;
    period?: string;
    termMonths?: string;
    validUntil?: string;
    included?: string[];
    excluded?: string[];
    conditions?: string;
  },
): Promise<void> {
  const termMonths = o.termMonths === undefined ? undefined : Number(o.termMonths);
  if (termMonths !== undefined && !Number.isInteger(termMonths))
    throw new VrmError(
      'invalid_input',
      `--term-months "${o.termMonths ?? ''}": give a whole number of months`,
    );
  const offer = await services.offers.add({
    intent: parseId(o.intent, 'intent'),
    vendor: o.vendor,
    price: o.price,
    currency: o.currency?.toUpperCase(),
    period: o.period as OfferPeriod | undefined,
    termMonths,
    validUntil: o.validUntil,
    included: o.included,
    excluded: o.excluded,
    conditions: o.conditions,
  });
  if (o.json) {
    printJson(offer);
    return;
  }
  say(
    `Offer ${String(offer.id)} from ${offer.providerName}: ${priceText(offer)}. Compare: vrm offer compare ${String(offer.intentId)}`,
  );
}

/** `vrm offer import`: a schema.org Offer in JSON-LD, from a file. */
export async function importOffer(
  { services }: Session,
  file: string,
  o: JsonOption & { intent: string; vendor?: string },
): Promise<void> {
  const content = readInput(file, 'the offer');
  const offer = await services.offers.importJsonLd(
    parseId(o.intent, 'intent'),
    { filename: basename(file), content },
    { vendor: o.vendor },
  );
  if (o.json) {
    printJson(offer);
    return;
  }
  say(`Offer ${String(offer.id)} from ${offer.providerName}: ${priceText(offer)} (read from ${file}).`);
}

export async function showOffer({ services }: Session, id: string, o: JsonOption): Promise<void> {
  const offer = await services.offers.get(parseId(id, 'offer'));
  if (o.json) printJson(offer);
  else printOffer(offer);
}

/** `vrm offer rate`: the rate an offer in another currency is compared at. */
export async function rateOffer(
  { services }: Session,
  id: string,
  rate: string,
  currency: string,
): Promise<void> {
  const offer = await services.offers.setRate(parseId(id, 'offer'), rate, currency);
  say(
    `Offer ${String(offer.id)} from ${offer.providerName} is compared at 1 ${offer.price?.currency ?? ''} = ${offer.rate?.rate ?? ''} ${offer.rate?.to ?? ''}.`,
  );
}

const yearlyText = (o: ComparedOffer): string => (o.yearly === null ? '' : formatAmount(o.yearly));
const differenceText = (o: ComparedOffer): string => {
  if (o.difference === null) return '';
  const { minor, currency } = o.difference;
  if (minor === 0) return 'the same';
  return minor < 0
    ? `${formatAmount({ minor: -minor, currency })} less`
    : `${formatAmount({ minor, currency })} more`;
};

/** `vrm offer compare`: the offers side by side, against what the person pays today. */
export async function compareOffers({ services }: Session, intentRef: string, o: JsonOption): Promise<void> {
  const comparison = await services.offers.compare(parseId(intentRef, 'intent'));
  if (o.json) {
    printJson(comparison);
    return;
  }
  const { intent, current } = comparison;
  heading(`Offers for intent ${String(intent.id)}: ${intent.category}`);
  if (current)
    say(
      `You pay ${current.providerName} ${formatAmount(current.yearly)} a year now (${current.name})` +
        (current.renewsOn ? `; it renews on ${current.renewsOn}` : '') +
        (current.cancelBy ? `, and the last day to cancel is ${current.cancelBy}.` : '.'),
    );
  else
    say(`No running contract of yours is called "${intent.category}": offers are compared with each other.`);
  printTable(
    comparison.offers,
    [
      { header: 'offer', value: (c) => c.id, align: 'right' },
      { header: 'vendor', value: (c) => c.providerName },
      { header: 'price', value: (c) => priceText(c) },
      { header: 'a year', value: (c) => yearlyText(c), align: 'right' },
      { header: current ? `than ${current.providerName}` : 'difference', value: (c) => differenceText(c) },
      { header: 'term', value: (c) => (c.termMonths === null ? '' : `${String(c.termMonths)} months`) },
      { header: 'valid until', value: (c) => c.validUntil ?? '' },
      { header: 'includes', value: (c) => c.included.join(', ') },
      { header: 'excludes', value: (c) => c.excluded.join(', ') },
      { header: 'notes', value: (c) => c.notes.join('; ') },
    ],
    `No offer yet: offers are read from replies to ${intent.alias} when mail is fetched, or entered with \`vrm offer add --intent ${String(intent.id)} --vendor NAME\`.`,
  );
  for (const r of comparison.waiting)
    say(`${r.providerName} has not answered yet; answers are due by ${intent.answerBy}.`);
  for (const r of comparison.noAnswer)
    say(`${r.providerName} did not answer by ${intent.answerBy}: write to them again, or leave them out.`);
}

/** `vrm offer accept`: the chosen facts to that vendor alone, signed; the others declined if asked. */
export async function acceptOffer(
  { services }: Session,
  id: string,
  o: JsonOption & { fact?: string[]; terms?: string; declineOthers?: boolean; override?: string },
): Promise<void> {
  const offerId = parseId(id, 'offer');
  await services.offers.get(offerId);
  if (o.fact === undefined || o.fact.length === 0)
    throw new VrmError(
      'invalid_input',
      'choose the facts the vendor needs to contract with --fact ID (repeatable): see `vrm fact list`',
    );
  const accepted = await services.offers.accept(offerId, {
    facts: o.fact.map((f) => parseId(f, 'fact')),
    terms: o.terms,
    declineOthers: o.declineOthers === true,
    override: o.override,
  });
  if (o.json) {
    printJson(accepted);
    return;
  }
  const { offer } = accepted;
  say(
    `Accepted offer ${String(offer.id)} from ${offer.providerName}: ${String(o.fact.length)} fact(s) revealed to them alone, signed; a contract is proposed (contract ${String(accepted.contractId)}) and the intent is closed.`,
  );
  for (const { item, said } of accepted.outcomes)
    say(`${item.providerName}: ${item.subject}: ${item.state}${item.state === 'sent' ? '' : ` (${said})`}`);
}
