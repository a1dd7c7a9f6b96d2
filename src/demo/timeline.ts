// Over 500 lines on purpose: this is the demo's data (two years of one person's dealings), with no behaviour.
import { MOVED_DAYS_AGO } from './calendar.js';

/**
 * Alex's complaints, two years of dealings with providers, and a few documents. Dates are days
 * before the demo's day; follow-ups are days after it (negative: overdue).
 */
export interface DemoCase {
  readonly provider: string;
  readonly title: string;
  /** `complaint` when not given. */
  readonly kind?: 'complaint' | 'dispute';
  readonly status: 'open' | 'waiting' | 'escalated' | 'resolved';
  readonly openedDaysAgo: number;
  readonly escalatedDaysAgo?: number;
  readonly resolvedDaysAgo?: number;
  readonly reference?: string;
  readonly description: string;
  readonly resolution?: string;
}

export interface DemoInteraction {
  readonly provider: string;
  readonly daysAgo: number;
  readonly channel: 'email' | 'phone' | 'letter' | 'chat' | 'visit' | 'web';
  readonly direction: 'inbound' | 'outbound';
  readonly subject: string;
  readonly outcome?: string;
  readonly notes?: string;
  /** The title of the case it belongs to. */
  readonly case?: string;
  /** Follow up this many days after the demo's day (negative: overdue). */
  readonly followUpInDays?: number;
  /** Whether the follow-up was done, on the day it was due. */
  readonly followUpDone?: boolean;
}

export interface DemoDocument {
  readonly provider: string;
  /** A `.pdf` becomes a one-page PDF showing `text`; anything else is stored as the text itself. */
  readonly filename: string;
  readonly title: string;
  readonly text: string;
  /** The name of the provider's contract it belongs to. */
  readonly contract?: string;
  /** The title of the case it belongs to. */
  readonly case?: string;
  readonly notes?: string;
  /** Stored this many days before the demo's day. */
  readonly addedDaysAgo: number;
}

const MOVED = MOVED_DAYS_AGO;

const BILLS = 'Bills based on estimates, not readings';
const ROAMING = 'Roaming charged although the plan includes Europe';
const REFUND = 'Refund for returned headphones not received';
const FINAL = 'Final bill charges past the move date';
const ADDON = 'Overcharged for a cancelled add-on';
const OUTAGE = 'Repeated outages in the evening';
const TWICE = 'Card payment taken twice';
const QUOTE = 'Renewal quote 38% higher than last year';
const DEFAULT = 'Wrong default on the credit file';

export const DEMO_CASES: readonly DemoCase[] = [
  {
    provider: 'Brightside Energy',
    title: BILLS,
    status: 'escalated',
    openedDaysAgo: 70,
    escalatedDaysAgo: 45,
    reference: 'BE-C-55120',
    description: 'Three estimated bills although readings were sent each month; asked for a re-bill.',
  },
  {
    provider: 'Contour Mobile',
    title: ROAMING,
    status: 'waiting',
    openedDaysAgo: 25,
    reference: 'CM-88812',
    description: 'Charged 18.40 GBP for data in France, which the plan includes.',
  },
  {
    provider: 'Parcelpoint Marketplace',
    title: REFUND,
    status: 'open',
    openedDaysAgo: 9,
    description: 'Returned on time with proof of postage; the refund of 79.00 GBP is still missing.',
  },
  {
    provider: 'Pennine Water',
    title: FINAL,
    kind: 'dispute',
    status: 'open',
    openedDaysAgo: 30,
    reference: 'PW-FB-2093',
    description: 'The final bill runs two weeks past the day the meter was read at moving out.',
  },
  {
    provider: 'Aegis Motor Insurance',
    title: QUOTE,
    status: 'open',
    openedDaysAgo: 4,
    description: 'Asked why, and for the price a new customer would pay.',
  },
  {
    provider: 'Quickcredit Reference Agency',
    title: DEFAULT,
    kind: 'dispute',
    status: 'waiting',
    openedDaysAgo: 58,
    reference: 'QC-DSP-30017',
    description:
      'The file shows a Fastfone default, but the account was settled and closed in good standing.',
  },
  {
    provider: 'Harbour Bank',
    title: TWICE,
    kind: 'dispute',
    status: 'resolved',
    openedDaysAgo: 150,
    resolvedDaysAgo: 145,
    description: 'A 64.00 GBP card payment at a restaurant appeared twice.',
    resolution: 'The duplicate was reversed within five days.',
  },
  {
    provider: 'Lumen Fibre',
    title: OUTAGE,
    status: 'resolved',
    openedDaysAgo: 200,
    resolvedDaysAgo: 180,
    reference: 'LF-T-7781',
    description: 'The connection dropped most evenings for two weeks.',
    resolution: 'An engineer replaced the line card; one month free.',
  },
  {
    provider: 'Fastfone Direct',
    title: ADDON,
    kind: 'dispute',
    status: 'resolved',
    openedDaysAgo: 480,
    resolvedDaysAgo: 420,
    reference: 'FF-D-1200',
    description: 'A roaming add-on kept billing for four months after it was cancelled.',
    resolution: 'Refund of 40.00 GBP and a goodwill credit of 10.00 GBP.',
  },
];

export const DEMO_INTERACTIONS: readonly DemoInteraction[] = [
  // Two years ago and since: the everyday run of a relationship
  {
    provider: 'Harbour Bank',
    daysAgo: 720,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Annual summary of fees',
    outcome: '144.00 GBP in account fees last year',
  },
  {
    provider: 'Kestrel Card',
    daysAgo: 700,
    channel: 'web',
    direction: 'outbound',
    subject: 'Applied for the rewards card',
    outcome: 'Approved with a 4,000 GBP limit',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 700,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Signed up for Fibre 500 on a 24-month term',
    outcome: 'Installed a week later',
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 650,
    channel: 'email',
    direction: 'inbound',
    subject: 'Minimum term over: the contract now runs month to month',
  },
  {
    provider: 'Meridian Analytics Ltd',
    daysAgo: 600,
    channel: 'email',
    direction: 'inbound',
    subject: 'Payslips move to the online portal',
  },
  {
    provider: 'Vitalis Health',
    daysAgo: 560,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Dental check-up',
    outcome: 'Covered by the plan',
  },
  {
    provider: 'Streamline TV',
    daysAgo: 500,
    channel: 'email',
    direction: 'inbound',
    subject: 'Price rise to 10.99 GBP',
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 480,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Add-on still billing after cancellation',
    case: ADDON,
    outcome: 'Told to put it in writing',
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 450,
    channel: 'letter',
    direction: 'outbound',
    subject: 'Formal dispute with four bills attached',
    case: ADDON,
    outcome: 'Sent recorded delivery',
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 420,
    channel: 'email',
    direction: 'inbound',
    subject: 'Refund and goodwill credit offered',
    case: ADDON,
    outcome: 'Accepted',
  },
  {
    provider: 'Parcelpoint Marketplace',
    daysAgo: 380,
    channel: 'web',
    direction: 'outbound',
    subject: 'Started Plus membership',
  },
  {
    provider: 'Aegis Motor Insurance',
    daysAgo: 366,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Renewal documents',
    outcome: 'Renewed at 612.00 GBP',
  },
  {
    provider: 'Halcyon Pensions',
    daysAgo: 365,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Annual pension statement',
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 355,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked for a PAC code to leave',
    outcome: 'PAC code received by text',
  },
  {
    provider: 'Contour Mobile',
    daysAgo: 340,
    channel: 'web',
    direction: 'outbound',
    subject: 'Joined with the number moved from Fastfone',
    outcome: 'Number moved the next day',
  },
  {
    provider: 'Atlas Cloud Storage',
    daysAgo: 330,
    channel: 'web',
    direction: 'outbound',
    subject: 'Upgraded to 2 TB',
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 318,
    channel: 'web',
    direction: 'outbound',
    subject: 'Switched to the fixed dual fuel tariff',
    outcome: 'Fixed for 12 months',
  },
  {
    provider: 'Railway Saver Cards',
    daysAgo: 300,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought the off-peak saver card',
  },
  {
    provider: 'Kestrel Card',
    daysAgo: 300,
    channel: 'email',
    direction: 'inbound',
    subject: 'Annual fee reminder',
  },
  {
    provider: 'Cadence Music',
    daysAgo: 250,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Added a family member',
    outcome: 'Sibling added to the family plan',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 200,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Reported evening outages',
    case: OUTAGE,
    outcome: 'Engineer booked',
  },
  {
    provider: 'Weekly Veg Box Co-op',
    daysAgo: 200,
    channel: 'web',
    direction: 'outbound',
    subject: 'Ordered a small box every week',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 190,
    channel: 'visit',
    direction: 'inbound',
    subject: 'Engineer visit',
    case: OUTAGE,
    outcome: 'Line card replaced',
    notes: 'Engineer: fault at the street cabinet, not in the flat. Router settings unchanged.',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 180,
    channel: 'email',
    direction: 'inbound',
    subject: 'One month free applied',
    case: OUTAGE,
  },
  {
    provider: 'Sprachwerk Online',
    daysAgo: 150,
    channel: 'web',
    direction: 'outbound',
    subject: 'Enrolled in the B1 course',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 150,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Reported a duplicate card payment',
    case: TWICE,
    outcome: 'Dispute raised',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 145,
    channel: 'email',
    direction: 'inbound',
    subject: 'Duplicate payment reversed',
    case: TWICE,
  },
  {
    provider: 'Greenbasket Groceries',
    daysAgo: 120,
    channel: 'web',
    direction: 'outbound',
    subject: 'Started the delivery pass',
  },
  {
    provider: 'Vitalis Health',
    daysAgo: 100,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Check-up and hygienist',
    outcome: 'Next check-up in six months',
  },
  { provider: 'Loop Coffee', daysAgo: 90, channel: 'web', direction: 'outbound', subject: 'Subscribed' },
  {
    provider: 'Citybike Share',
    daysAgo: 80,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought a quarterly pass',
  },

  // The estimated bills complaint
  {
    provider: 'Brightside Energy',
    daysAgo: 70,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Reported estimated bills',
    case: BILLS,
    outcome: 'Promised a call back in 5 days; none came',
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 60,
    channel: 'email',
    direction: 'outbound',
    subject: 'Sent meter photos for three months',
    case: BILLS,
    outcome: 'Automatic acknowledgement only',
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 45,
    channel: 'letter',
    direction: 'outbound',
    subject: 'Formal complaint letter',
    case: BILLS,
    outcome: 'Delivered, signed for',
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 20,
    channel: 'email',
    direction: 'inbound',
    subject: 'Deadlock letter',
    case: BILLS,
    outcome: 'Can go to the energy ombudsman now',
    notes: 'Refer within six months of this letter. Send the meter photos and the formal complaint.',
    followUpInDays: -3,
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 5,
    channel: 'web',
    direction: 'outbound',
    subject: 'Moved the account to the new address',
    outcome: 'Confirmation pending',
  },

  // The credit file
  {
    provider: 'Quickcredit Reference Agency',
    daysAgo: 60,
    channel: 'web',
    direction: 'outbound',
    subject: 'Checked the credit file before the mortgage',
    outcome: 'A Fastfone default is listed, wrongly',
  },
  {
    provider: 'Quickcredit Reference Agency',
    daysAgo: 58,
    channel: 'web',
    direction: 'outbound',
    subject: 'Raised a dispute about the default',
    case: DEFAULT,
    outcome: 'Agency asked Fastfone to check it',
  },
  {
    provider: 'Quickcredit Reference Agency',
    daysAgo: 30,
    channel: 'email',
    direction: 'inbound',
    subject: 'Still waiting for Fastfone to reply',
    case: DEFAULT,
    followUpInDays: 1,
  },
  {
    provider: 'Ironworks Gym',
    daysAgo: 80,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Gave a month of notice before the move',
    outcome: 'Membership ends five days before the move',
  },

  // The move to Bristol
  {
    provider: 'Pennine Water',
    daysAgo: MOVED + 1,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Gave the final meter reading and the moving date',
    outcome: 'Reading logged',
  },
  {
    provider: 'Severn Water',
    daysAgo: MOVED,
    channel: 'web',
    direction: 'outbound',
    subject: 'Opened an account at the new address',
    outcome: 'Account SW-2231-88 set up',
  },
  {
    provider: 'Hearthstone Home Insurance',
    daysAgo: MOVED,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought contents cover for the new flat',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: MOVED - 1,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed the address in online banking',
    outcome: 'Confirmed by letter',
  },
  {
    provider: 'Kestrel Card',
    daysAgo: MOVED - 1,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed the address',
    outcome: 'Done online',
  },
  {
    provider: 'Bristol Council Tax Office',
    daysAgo: MOVED - 1,
    channel: 'web',
    direction: 'outbound',
    subject: 'Registered for council tax',
  },
  {
    provider: 'Vitalis Health',
    daysAgo: MOVED - 1,
    channel: 'email',
    direction: 'outbound',
    subject: 'Address change',
    outcome: 'No answer yet',
    followUpInDays: -10,
  },
  {
    provider: 'Loop Coffee',
    daysAgo: MOVED - 1,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed the delivery address',
  },
  {
    provider: 'Weekly Veg Box Co-op',
    daysAgo: MOVED - 1,
    channel: 'email',
    direction: 'outbound',
    subject: 'Changed the delivery address',
    outcome: 'Deliveries to Bristol from the next week',
    followUpInDays: -20,
    followUpDone: true,
  },
  {
    provider: 'Halcyon Pensions',
    daysAgo: MOVED - 1,
    channel: 'letter',
    direction: 'outbound',
    subject: 'Change of address',
    outcome: 'Awaiting confirmation',
    followUpInDays: -14,
  },
  {
    provider: 'Meridian Analytics Ltd',
    daysAgo: MOVED - 2,
    channel: 'email',
    direction: 'outbound',
    subject: 'New address for payroll',
    outcome: 'HR confirmed',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 40,
    channel: 'web',
    direction: 'outbound',
    subject: 'Moved broadband to the new address',
    outcome: 'Active from moving day',
  },
  {
    provider: 'Cliftonwood Surgery',
    daysAgo: 40,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Registered as a new patient',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 38,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Address change confirmation',
  },
  {
    provider: 'Peak Fitness',
    daysAgo: 40,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Joined the Bristol club, off-peak',
    outcome: 'Joining offer for three periods',
  },
  {
    provider: 'Severn Water',
    daysAgo: 35,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Welcome pack and payment plan',
  },
  {
    provider: 'Bristol Council Tax Office',
    daysAgo: 30,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Council tax bill',
    outcome: 'Ten monthly instalments',
  },
  {
    provider: 'Pennine Water',
    daysAgo: 30,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Final bill',
    case: FINAL,
  },
  {
    provider: 'Pennine Water',
    daysAgo: 28,
    channel: 'email',
    direction: 'outbound',
    subject: 'Disputed the final bill with the meter reading',
    case: FINAL,
    outcome: 'Reference PW-FB-2093 given',
    followUpInDays: 2,
  },

  // Open matters of the last weeks
  {
    provider: 'Contour Mobile',
    daysAgo: 25,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Queried roaming charges',
    case: ROAMING,
    outcome: 'Passed to the billing team',
  },
  {
    provider: 'Peak Fitness',
    daysAgo: 20,
    channel: 'email',
    direction: 'inbound',
    subject: 'Joining offer ends after the next period',
    outcome: '24.00 → 27.00 GBP',
  },
  {
    provider: 'Atlas Cloud Storage',
    daysAgo: 20,
    channel: 'email',
    direction: 'inbound',
    subject: 'Renewal notice',
    outcome: 'Renews next month at 99.99 USD',
  },
  {
    provider: 'Greenbasket Groceries',
    daysAgo: 16,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Missing items in a delivery',
    outcome: 'Refunded 6.40 GBP',
  },
  {
    provider: 'Cliftonwood Surgery',
    daysAgo: 15,
    channel: 'phone',
    direction: 'inbound',
    subject: 'Reminder: new patient check',
    followUpInDays: 6,
  },
  {
    provider: 'Oakridge Mortgages',
    daysAgo: 14,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked for an agreement in principle',
    outcome: 'Needs three months of payslips',
  },
  {
    provider: 'Aegis Motor Insurance',
    daysAgo: 12,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Renewal quote',
    outcome: '612.00 → 845.00 GBP',
  },
  {
    provider: 'Contour Mobile',
    daysAgo: 11,
    channel: 'email',
    direction: 'inbound',
    subject: 'Billing team: investigating',
    case: ROAMING,
    followUpInDays: 3,
  },
  {
    provider: 'Northlight News',
    daysAgo: 10,
    channel: 'email',
    direction: 'inbound',
    subject: 'Your subscription renews soon',
    outcome: 'Full price 99.00 GBP unless cancelled',
  },
  {
    provider: 'Parcelpoint Marketplace',
    daysAgo: 9,
    channel: 'web',
    direction: 'outbound',
    subject: 'Opened a refund request',
    case: REFUND,
    followUpInDays: -1,
  },
  {
    provider: 'Solace Energy',
    daysAgo: 8,
    channel: 'web',
    direction: 'outbound',
    subject: 'Requested a renewable tariff quote',
  },
  {
    provider: 'Parcelpoint Marketplace',
    daysAgo: 6,
    channel: 'email',
    direction: 'inbound',
    subject: 'Return received at the warehouse',
    case: REFUND,
    outcome: 'No word on the refund',
  },
  {
    provider: 'Solace Energy',
    daysAgo: 6,
    channel: 'email',
    direction: 'inbound',
    subject: 'Quote: 104.10 GBP a month, fixed for 12 months',
    outcome: '8.30 GBP a month less than Brightside',
    followUpInDays: 4,
  },
  {
    provider: 'Aegis Motor Insurance',
    daysAgo: 4,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked for the new-customer price',
    case: QUOTE,
    outcome: 'Call back promised within a week',
    followUpInDays: 5,
  },
];

export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  {
    provider: 'Brightside Energy',
    filename: 'complaint-letter.pdf',
    addedDaysAgo: 68,
    title: 'Formal complaint about estimated bills',
    text: 'Formal complaint: three estimated bills, ref BE-C-55120',
    case: BILLS,
  },
  {
    provider: 'Brightside Energy',
    filename: 'tariff-terms.pdf',
    addedDaysAgo: 318,
    title: 'Fixed tariff terms',
    text: 'Dual fuel fixed 12M: 112.40 GBP a month, 14 days of notice',
    contract: 'Dual fuel fixed 12M',
  },
  {
    provider: 'Aegis Motor Insurance',
    filename: 'renewal-quote.pdf',
    addedDaysAgo: 33,
    title: 'Renewal quote',
    text: 'Renewal quote: 845.00 GBP a year (last year 612.00 GBP)',
    contract: 'Comprehensive car cover',
    notes: 'The quote the complaint is about.',
  },
  {
    provider: 'Bristol Council Tax Office',
    filename: 'council-tax-bill.pdf',
    addedDaysAgo: 40,
    title: 'Council tax bill',
    text: 'Council tax band C: ten instalments of 168.00 GBP',
    contract: 'Council tax band C',
  },
  {
    provider: 'Parcelpoint Marketplace',
    filename: 'proof-of-postage.txt',
    addedDaysAgo: 12,
    title: 'Proof of postage for the returned headphones',
    text: 'Proof of postage\nParcel to Parcelpoint Returns, tracked: PP-RTN-5521-8870.\nPosted within the 30-day return window.\n',
    case: REFUND,
  },
  {
    provider: 'Lumen Fibre',
    filename: 'router-settings.txt',
    addedDaysAgo: 43,
    title: 'Router settings and engineer notes',
    text: 'Engineer visit: line card replaced at the street cabinet.\nRouter moved to the new flat; settings unchanged.\n',
  },
];
