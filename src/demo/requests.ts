import type { Services } from '../app.js';
import { daysBetween } from '../platform/dates.js';
import { VrmError } from '../platform/errors.js';
import type { DemoCalendar } from './calendar.js';
import { demoZip } from './zip.js';

/**
 * Alex's data-subject requests (issue 16, part 8), five proceedings in five states, each made
 * through the request service on the day it happened:
 *
 * - Contour Mobile: access by e-mail, answered completely with a ZIP export that holds just what
 *   Alex gave, and closed;
 * - Parcelpoint Marketplace: access by e-mail, answered with a date of birth Alex never gave it,
 *   bought from a data broker ("DataHarvest Ltd");
 * - Aegis Motor Insurance: access by letter, unanswered when due, admonished by letter the day
 *   after, the admonition's date near;
 * - Kestrel Card: access by e-mail, ignored, admonished, ignored again: a complaint to the
 *   Information Commissioner's Office, sent;
 * - Sprachwerk Online (Berlin): access in German, extended by two months with reasons given
 *   within the first month, so its deadline in the calendar is the extended one.
 *
 * The days are chosen with room for the law's counting (a month of 28 to 31 days, a weekend or
 * Easter on top), so that on whatever day the demo is built each is in the state named.
 */
export const REQUEST_DAYS = {
  complete: { sent: 32, answered: 11, done: 10 },
  broker: { sent: 30, answered: 9 },
  // Posted the day after the move; admonished the day after the lawful deadline passed, which
  // falls (received 41 days ago, a month and any weekend or holiday on top) 13 to 2 days ago.
  admonished: { posted: 44 },
  // Due about 80 days ago; admonished with 14 days, due 56 days ago; the complaint a week later.
  complaint: { sent: 110, admonished: 70, complained: 49 },
  // Received 40 days ago, due about ten days ago; the notice came in the third week.
  extended: { sent: 40, notice: 26 },
} as const;

/** The fictional data broker the date of birth came from. */
export const DEMO_BROKER = 'DataHarvest Ltd';

export interface RequestsSummary {
  readonly requests: number;
  /** Letters marked posted (the request and the admonition to Aegis): each a document and an interaction. */
  readonly letters: number;
  /** Identities given, each a disclosure of its own: the tagged postal address Aegis writes to. */
  readonly identities: number;
  /** The files of the imported answers, each kept as a document. */
  readonly answerFiles: number;
}

export async function seedRequests(services: Services, cal: DemoCalendar): Promise<RequestsSummary> {
  const on = <T>(daysAgo: number, work: () => Promise<T>): Promise<T> =>
    services.asOf(cal.ago(daysAgo), work);
  const { requests } = services;
  const providers = await services.providers.list();
  const provider = (name: string): number => {
    const found = providers.find((p) => p.name === name);
    if (!found) throw new VrmError('internal', `demo data: no provider "${name}"`);
    return found.id;
  };
  const draft = (name: string, daysAgo: number, channel?: 'letter') =>
    on(daysAgo, () =>
      requests.draft({ provider: provider(name), kind: 'access', ...(channel ? { channel } : {}) }),
    );
  /** The drafted message went out by Alex's own hand: the e-mail from the alias's mailbox, a letter posted. */
  const sent = (id: number, daysAgo: number) =>
    on(daysAgo, () => requests.markSent(id, { on: cal.ago(daysAgo) }));
  let answerFiles = 0;
  const answer = async (id: number, daysAgo: number, file: { name: string; bytes: Buffer }) => {
    const imported = await on(daysAgo, () => requests.importAnswer(id, file));
    if (imported.problems.length > 0) {
      throw new VrmError(
        'internal',
        `demo data: the answer ${file.name} has problems: ${imported.problems.map((p) => p.message).join('; ')}`,
      );
    }
    answerFiles += imported.files;
  };

  // Answered completely, checked against the ledger, closed.
  const complete = REQUEST_DAYS.complete;
  const contour = await draft('Contour Mobile', complete.sent);
  await sent(contour.id, complete.sent);
  await answer(contour.id, complete.answered, {
    name: 'contour-mobile-data-export.zip',
    bytes: contourExport(cal.ago(complete.sent)),
  });
  await on(complete.done, () => requests.done(contour.id, { on: cal.ago(complete.done) }));

  // Answered with a date of birth from a broker: the comparison lists it as never given.
  const broker = REQUEST_DAYS.broker;
  const parcelpoint = await draft('Parcelpoint Marketplace', broker.sent);
  await sent(parcelpoint.id, broker.sent);
  await answer(parcelpoint.id, broker.answered, {
    name: 'parcelpoint-your-data.json',
    bytes: Buffer.from(parcelpointExport(cal.ago(broker.sent)), 'utf8'),
  });

  // Unanswered by letter, admonished by letter. Alex has two postal addresses, so the letters go
  // from the home one, given to Aegis with a tag line that tells its post apart.
  const admonished = REQUEST_DAYS.admonished;
  const home = await services.vault.resolve('home');
  await on(admonished.posted, () =>
    services.identities.addPostal({
      provider: provider('Aegis Motor Insurance'),
      factId: home.id,
      tag: 'Ref AMI-7',
    }),
  );
  const aegis = await draft('Aegis Motor Insurance', admonished.posted, 'letter');
  await sent(aegis.id, admonished.posted);
  const late = await requests.get(aegis.id);
  if (late.dueOn === null) throw new VrmError('internal', 'demo data: the letter to Aegis has no deadline');
  const admonishedDaysAgo = daysBetween(late.dueOn, cal.today) - 1;
  await on(admonishedDaysAgo, () => requests.admonish(aegis.id));
  await sent(aegis.id, admonishedDaysAgo);

  // Ignored, admonished, ignored again: the complaint to the ICO went by its web form.
  const complaint = REQUEST_DAYS.complaint;
  const kestrel = await draft('Kestrel Card', complaint.sent);
  await sent(kestrel.id, complaint.sent);
  await on(complaint.admonished, () => requests.admonish(kestrel.id));
  await sent(kestrel.id, complaint.admonished);
  await on(complaint.complained, () => requests.complain(kestrel.id));
  await sent(kestrel.id, complaint.complained);

  // Sprachwerk asked for two more months, with reasons, within the first month.
  const extended = REQUEST_DAYS.extended;
  const sprachwerk = await draft('Sprachwerk Online', extended.sent);
  await sent(sprachwerk.id, extended.sent);
  await on(extended.notice, () =>
    requests.extension(sprachwerk.id, {
      on: cal.ago(extended.notice),
      reasons:
        'Wegen der Umstellung unseres Kundensystems und der Zahl der Anfragen benötigen wir für die ' +
        'vollständige Auskunft länger. Wir verlängern die Frist nach Art. 12 Abs. 3 DSGVO um zwei Monate.',
    }),
  );

  return { requests: 5, letters: 2, identities: 1, answerFiles };
}

/**
 * Contour Mobile's "download your data": the profile, the payments and a note of the Art. 15
 * information, holding exactly what Alex gave it (the name, the Bristol address it was told of,
 * the mobile number, the current account) and the alias it writes to.
 */
function contourExport(requestedOn: string): Buffer {
  const profile = {
    exportedFor: 'contourmobile@alexmorgan.example',
    requestReceived: requestedOn,
    customer: {
      firstName: 'Alex',
      lastName: 'Morgan',
      fullName: 'Alex Jordan Morgan',
      email: 'contourmobile@alexmorgan.example',
      mobileNumber: '+44 7911 123456',
      billingAddress: { street: '12 Cotham Hill', city: 'Bristol', postcode: 'BS6 6LA', country: 'GB' },
    },
    plans: [{ name: 'SIM only 30GB', status: 'active' }],
    marketingPreferences: { email: false, sms: false, phone: false },
  };
  const payments = [
    'paymentId,method,accountHolder,iban,amount,currency',
    'P-2201,direct debit,Alex J Morgan,GB45HRBB40172631926819,12.00,GBP',
    'P-2202,direct debit,Alex J Morgan,GB45HRBB40172631926819,12.00,GBP',
    'P-2203,direct debit,Alex J Morgan,GB45HRBB40172631926819,12.00,GBP',
  ].join('\n');
  const about = [
    'Your personal data held by Contour Mobile',
    '',
    'Purposes: providing your mobile service, billing, fraud prevention.',
    'Categories: identity and contact details, payment details, usage records.',
    'Recipients: our payment processor and the network operator.',
    'Retention: six years after the end of the contract, for tax purposes.',
    'Source: all of it was provided by you when you signed up or updated your details.',
    'Your rights: rectification, erasure, restriction and objection; complaints to the ICO.',
    'Automated decisions: none.',
    'Transfers outside the UK: none.',
  ].join('\n');
  return demoZip([
    { name: 'README.txt', text: about },
    { name: 'account/profile.json', text: JSON.stringify(profile, null, 2) },
    { name: 'billing/payments.csv', text: payments },
  ]);
}

/**
 * Parcelpoint's export in one JSON file, as a marketplace gives it: the account and addresses
 * Alex gave, its orders, and a profile "enriched" with a date of birth bought from a broker,
 * with the broker named as its source.
 */
function parcelpointExport(requestedOn: string): string {
  return JSON.stringify(
    {
      export: { service: 'Parcelpoint Marketplace', requestReceived: requestedOn, format: 'json' },
      account: {
        name: 'Alex Jordan Morgan',
        email: 'parcelpoint@alexmorgan.example',
        addresses: [
          {
            label: 'Home',
            street: '12 Cotham Hill',
            city: 'Bristol',
            postcode: 'BS6 6LA',
            country: 'GB',
          },
        ],
      },
      orders: [
        { orderId: 'PP-40117', status: 'delivered', total: '23.99 GBP' },
        { orderId: 'PP-40562', status: 'delivered', total: '8.50 GBP' },
      ],
      profileEnrichment: {
        dateOfBirth: '1992-05-14',
        source: DEMO_BROKER,
        purpose: 'age-based offers and fraud scoring',
      },
    },
    null,
    2,
  );
}
