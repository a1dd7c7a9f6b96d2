import type { Services } from '../app.js';
import type { DemoCalendar } from './calendar.js';

/**
 * Alex's mail over the last weeks, made up like the rest of the demo: bills and case updates from
 * providers, newsletters, a delivery, and two leaks. The address given only to Brightside Energy
 * gets "energy deals" from a broker; the one given only to Parcelpoint gets prize draws; and
 * Parcelpoint's own newsletter service, which Alex accepted, is marked "not a leak".
 */
interface DemoMessage {
  readonly daysAgo: number;
  readonly hour: number;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly headers?: readonly string[];
  readonly attachment?: string;
}

const PERSONAL = 'alex.morgan@mailbox.example';
const BRIGHTSIDE = 'brightside@alexmorgan.example';
const PARCELPOINT = 'parcelpoint@alexmorgan.example';
const list = (domain: string) => [
  `List-Unsubscribe: <mailto:unsubscribe@${domain}>, <https://${domain}/unsubscribe>`,
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  'Precedence: bulk',
];

const MESSAGES: readonly DemoMessage[] = [
  {
    daysAgo: 2,
    hour: 9,
    from: 'Brightside Energy Complaints <complaints@brightside-energy.example>',
    to: BRIGHTSIDE,
    subject: 'Update on your complaint BE-C-55120',
    body: 'Dear Alex,\n\nWe have reviewed the estimated bills on your account and will re-bill from your readings within 10 working days.\n\nBrightside Energy Customer Relations',
  },
  {
    daysAgo: 9,
    hour: 7,
    from: 'Brightside Energy <bills@mail.brightside-energy.example>',
    to: BRIGHTSIDE,
    subject: 'Your bill is ready: £96.40',
    body: 'Your latest bill is ready. Amount due: £96.40, taken by direct debit on the 15th.',
    headers: [
      'Return-Path: <bounces+7741@sendgrid.net>',
      'DKIM-Signature: v=1; a=rsa-sha256; d=sendgrid.net; s=s1; b=x',
    ],
    attachment: 'bill.pdf',
  },
  {
    daysAgo: 4,
    hour: 20,
    from: 'SwitchSmart Deals <offers@switchsmart-deals.example>',
    to: BRIGHTSIDE,
    subject: 'Alex, cut your energy bill by £300 today',
    body: 'We noticed you are with Brightside Energy. Switch today and save up to £300 a year!',
    headers: list('switchsmart-deals.example'),
  },
  {
    daysAgo: 18,
    hour: 21,
    from: 'SwitchSmart Deals <offers@switchsmart-deals.example>',
    to: BRIGHTSIDE,
    subject: 'Last chance: fixed tariffs from SwitchSmart',
    body: 'Fixed tariffs end on Friday. Reply STOP to opt out.',
    headers: list('switchsmart-deals.example'),
  },
  {
    daysAgo: 31,
    hour: 22,
    from: 'Energy Savers UK <hello@energy-savers-uk.example>',
    to: BRIGHTSIDE,
    subject: 'Is your energy supplier overcharging you?',
    body: 'Find out in 60 seconds with our free checker.',
    headers: list('energy-savers-uk.example'),
  },
  {
    daysAgo: 6,
    hour: 11,
    from: 'Parcelpoint <orders@parcelpoint.example>',
    to: PARCELPOINT,
    subject: 'Your order PP-448120 has been dispatched',
    body: 'Good news: your order is on its way and should arrive on Thursday.',
  },
  {
    daysAgo: 12,
    hour: 10,
    from: 'Parcelpoint Picks <picks@parcelpoint-mail.example>',
    to: PARCELPOINT,
    subject: 'Picked for you this week',
    body: 'New arrivals in home and garden, picked for you.',
    headers: list('parcelpoint-mail.example'),
  },
  {
    daysAgo: 8,
    hour: 23,
    from: 'Lucky Draws <winner@lucky-draws.example>',
    to: PARCELPOINT,
    subject: 'Congratulations, you have been selected!',
    body: 'Claim your prize now: a £500 shopping voucher is waiting for you.',
  },
  {
    daysAgo: 3,
    hour: 8,
    from: 'Harbour Bank <statements@harbourbank.example>',
    to: PERSONAL,
    subject: 'Your statement is ready',
    body: 'Your monthly statement for the Premier current account is ready in online banking.',
    attachment: 'statement.pdf',
  },
  {
    daysAgo: 14,
    hour: 15,
    from: 'Kestrel Card <service@kestrelcard.example>',
    to: PERSONAL,
    subject: 'About the payment taken twice',
    body: 'We have refunded the second payment of £42.00. It will show on your next statement.',
  },
  {
    daysAgo: 1,
    hour: 6,
    from: 'Northlight News <briefing@northlight.example>',
    to: PERSONAL,
    subject: 'The morning briefing',
    body: 'Today: rates, rail fares and the weekend weather.',
    headers: list('northlight.example'),
  },
  {
    daysAgo: 5,
    hour: 18,
    from: 'Streamline TV <hello@streamline.example>',
    to: PERSONAL,
    subject: 'New this week on Streamline',
    body: 'Three new series to watch this week.',
    headers: list('streamline.example'),
  },
  {
    daysAgo: 10,
    hour: 9,
    from: 'Severn Water <billing@severnwater.example>',
    to: PERSONAL,
    subject: 'Your water bill for the new address',
    body: 'Welcome to Severn Water. Your first bill for the Bristol address is attached.',
    attachment: 'water-bill.pdf',
  },
  {
    daysAgo: 20,
    hour: 12,
    from: 'Aegis Motor Insurance <renewals@aegismotor.example>',
    to: PERSONAL,
    subject: 'Your renewal quote',
    body: 'Your car insurance renews next month. Your renewal quote is £612.00.',
  },
  {
    daysAgo: 16,
    hour: 16,
    from: 'Sam Patel <sam.patel@mailbox.example>',
    to: PERSONAL,
    subject: 'Saturday?',
    body: 'Still on for Saturday? Bring the bike.',
  },
];

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 5322 date for a day of the demo at an hour, in UTC. */
function rfcDate(day: string, hour: number): string {
  const d = new Date(`${day}T${pad(hour)}:00:00Z`);
  return `${DAYS[d.getUTCDay()] ?? ''}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${pad(hour)}:00:00 +0000`;
}

function render(m: DemoMessage, day: string, n: number): string {
  const head = [
    `Delivered-To: ${m.to}`,
    ...(m.headers ?? []),
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${rfcDate(day, m.hour)}`,
    `Message-ID: <demo-${n}.${day}@vrm.example>`,
    'MIME-Version: 1.0',
  ];
  if (!m.attachment) {
    return [
      ...head,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      m.body,
      '',
    ].join('\r\n');
  }
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="demo-boundary"',
    '',
    '--demo-boundary',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.body,
    '--demo-boundary',
    `Content-Type: application/pdf; name="${m.attachment}"`,
    `Content-Disposition: attachment; filename="${m.attachment}"`,
    'Content-Transfer-Encoding: base64',
    '',
    'JVBERi0xLjQKJcTl8uXrp/Og0MTGCjEgMCBvYmoKPDwgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCnRyYWlsZXIKPDwgL1Jvb3QgMSAwIFIgPj4KJSVFT0YK',
    '--demo-boundary--',
    '',
  ].join('\r\n');
}

/** Imports Alex's mail, marks Parcelpoint's newsletter service "not a leak", and adds one rule. */
export async function seedMail(services: Services, cal: DemoCalendar): Promise<{ messages: number }> {
  const summary = await services.mail.importRaw(
    'demo mailbox',
    MESSAGES.map((m, i) => ({
      raw: Buffer.from(render(m, cal.ago(m.daysAgo), i + 1)),
      location: `demo message ${i + 1}`,
    })),
    { poolSize: 0 },
  );
  const newsletter = (await services.mail.leaks()).events.find(
    (e) => e.senderKey === 'domain:parcelpoint-mail.example',
  );
  if (newsletter)
    await services.mail.markNotLeak(
      newsletter.id,
      "Parcelpoint's newsletter service, named in its privacy notice",
    );
  await services.mail.addRule({
    name: 'Bills and statements',
    conditions: {
      categories: ['energy', 'banking', 'utilities'],
      keywords: ['bill', 'statement'],
      openCase: false,
    },
    actions: { folder: 'bills', attention: 'today' },
  });
  return { messages: summary.imported };
}
