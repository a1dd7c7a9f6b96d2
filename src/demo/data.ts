/**
 * The demo person, Alex Morgan, and the organisations they deal with. Every organisation is
 * fictional and uses the reserved `.example` domain. Dates are offsets in days from the day the
 * demo is built, so the demo always has renewals, follow-ups and overdue items to show.
 */
export interface DemoProvider {
  readonly name: string;
  readonly category: string;
  readonly domain: string;
  readonly status?: 'active' | 'former' | 'prospect';
  readonly country?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly notes?: string;
  readonly account?: string;
  readonly contracts?: readonly DemoContract[];
}

export interface DemoContract {
  readonly name: string;
  readonly price: string;
  readonly currency?: string;
  readonly cycle: 'weekly' | 'monthly' | 'quarterly' | 'yearly' | number;
  /** Days before the demo's day that the contract started. */
  readonly startedDaysAgo: number;
  readonly term?: string;
  readonly notice?: string;
  readonly autoRenews?: boolean;
  readonly payment?: string;
  readonly kind?: 'contract' | 'subscription';
  /** Days before the demo's day that it ended. */
  readonly endedDaysAgo?: number;
}

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  {
    name: 'Harbour Bank',
    category: 'banking',
    domain: 'harbourbank.example',
    phone: '+44 345 600 1234',
    account: 'HB-44120987',
    address: 'Harbour Bank plc\nCustomer Services\nPO Box 101\nLeeds\nLS1 1AA',
    contracts: [
      {
        name: 'Premier current account',
        price: '12.00',
        cycle: 'monthly',
        startedDaysAgo: 2900,
        payment: 'account fee',
      },
    ],
  },
  {
    name: 'Kestrel Credit Card',
    category: 'banking',
    domain: 'kestrelcard.example',
    account: '5412 **** **** 8812',
    contracts: [
      {
        name: 'Rewards card annual fee',
        price: '95.00',
        cycle: 'yearly',
        startedDaysAgo: 700,
        notice: '30 days',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Brightside Energy',
    category: 'energy',
    domain: 'brightside-energy.example',
    phone: '+44 330 100 2000',
    account: 'BE-778812',
    notes: 'Fixed tariff; compare before the fix ends.',
    contracts: [
      {
        name: 'Dual fuel fixed 12M',
        price: '112.40',
        cycle: 'monthly',
        startedDaysAgo: 318,
        term: '12 months',
        notice: '14 days',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Severn Water',
    category: 'utilities',
    domain: 'severnwater.example',
    account: 'SW-2231-88',
    contracts: [
      {
        name: 'Water and sewerage',
        price: '41.20',
        cycle: 'monthly',
        startedDaysAgo: 45,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Pennine Water',
    category: 'utilities',
    domain: 'penninewater.example',
    status: 'former',
    account: 'PW-1002-34',
    notes: 'Old address in Manchester; final bill paid.',
    contracts: [
      {
        name: 'Water and sewerage',
        price: '38.90',
        cycle: 'monthly',
        startedDaysAgo: 2200,
        endedDaysAgo: 45,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Bristol City Council',
    category: 'government',
    domain: 'bristolcouncil.example',
    account: 'CT-99812344',
    contracts: [
      {
        name: 'Council tax band C',
        price: '168.00',
        cycle: 'monthly',
        startedDaysAgo: 45,
        autoRenews: false,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Lumen Fibre',
    category: 'telecom',
    domain: 'lumenfibre.example',
    phone: '+44 800 800 150',
    account: 'LF-00913',
    contracts: [
      {
        name: 'Fibre 500 broadband',
        price: '34.99',
        cycle: 'monthly',
        startedDaysAgo: 700,
        term: '24 months',
        notice: '30 days',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Contour Mobile',
    category: 'telecom',
    domain: 'contourmobile.example',
    account: '07911 123456',
    contracts: [
      {
        name: 'SIM only 30GB',
        price: '12.00',
        cycle: 'monthly',
        startedDaysAgo: 340,
        term: '12 months',
        notice: '30 days',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Streamline TV',
    category: 'streaming',
    domain: 'streamline.example',
    contracts: [
      {
        name: 'Standard plan',
        price: '10.99',
        cycle: 'monthly',
        startedDaysAgo: 1500,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Cadence Music',
    category: 'streaming',
    domain: 'cadencemusic.example',
    contracts: [
      {
        name: 'Family plan',
        price: '19.99',
        cycle: 'monthly',
        startedDaysAgo: 900,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Northlight News',
    category: 'media',
    domain: 'northlight.example',
    contracts: [
      {
        name: 'Digital subscription',
        price: '99.00',
        cycle: 'yearly',
        startedDaysAgo: 350,
        kind: 'subscription',
        notice: '7 days',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Aegis Motor Insurance',
    category: 'insurance',
    domain: 'aegismotor.example',
    phone: '+44 345 123 4567',
    account: 'AMI-5521090',
    contracts: [
      {
        name: 'Comprehensive car cover',
        price: '612.00',
        cycle: 'yearly',
        startedDaysAgo: 335,
        notice: '14 days',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Hearthstone Home Insurance',
    category: 'insurance',
    domain: 'hearthstone.example',
    account: 'HH-7711',
    contracts: [
      {
        name: 'Contents cover',
        price: '14.50',
        cycle: 'monthly',
        startedDaysAgo: 45,
        term: '12 months',
        notice: '30 days',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Vitalis Health',
    category: 'health',
    domain: 'vitalishealth.example',
    account: 'VH-300122',
    contracts: [
      {
        name: 'Dental plan',
        price: '18.75',
        cycle: 'monthly',
        startedDaysAgo: 1200,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Cliftonwood Surgery',
    category: 'health',
    domain: 'cliftonwood-surgery.example',
    notes: 'GP practice since the move.',
  },
  {
    name: 'Peak Fitness',
    category: 'fitness',
    domain: 'peakfitness.example',
    account: 'PF-20931',
    notes: 'Membership runs in 28-day periods.',
    contracts: [
      {
        name: 'Off-peak membership',
        price: '24.00',
        cycle: 28,
        startedDaysAgo: 250,
        notice: '1 month',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Greenbasket Groceries',
    category: 'retail',
    domain: 'greenbasket.example',
    contracts: [
      {
        name: 'Delivery pass',
        price: '7.99',
        cycle: 'monthly',
        startedDaysAgo: 120,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Parcelpoint Marketplace',
    category: 'retail',
    domain: 'parcelpoint.example',
    contracts: [
      {
        name: 'Prime-style membership',
        price: '95.00',
        cycle: 'yearly',
        startedDaysAgo: 380,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Loop Coffee',
    category: 'retail',
    domain: 'loopcoffee.example',
    contracts: [
      {
        name: 'Beans every two weeks',
        price: '9.50',
        cycle: 14,
        startedDaysAgo: 90,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Weekly Veg Box Co-op',
    category: 'retail',
    domain: 'vegbox.example',
    contracts: [
      {
        name: 'Small veg box',
        price: '14.00',
        cycle: 'weekly',
        startedDaysAgo: 200,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Railcard Services',
    category: 'transport',
    domain: 'railcard.example',
    contracts: [
      {
        name: '26-30 Railcard',
        price: '30.00',
        cycle: 'yearly',
        startedDaysAgo: 300,
        autoRenews: false,
        payment: 'card',
      },
    ],
  },
  {
    name: 'Citybike Share',
    category: 'transport',
    domain: 'citybike.example',
    contracts: [
      { name: 'Quarterly pass', price: '27.00', cycle: 'quarterly', startedDaysAgo: 80, payment: 'card' },
    ],
  },
  {
    name: 'Atlas Cloud Storage',
    category: 'software',
    domain: 'atlascloud.example',
    country: 'US',
    contracts: [
      {
        name: '2 TB plan',
        price: '99.99',
        currency: 'USD',
        cycle: 'yearly',
        startedDaysAgo: 330,
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Sprachwerk Online',
    category: 'education',
    domain: 'sprachwerk.example',
    country: 'DE',
    contracts: [
      {
        name: 'German course B1',
        price: '14.90',
        currency: 'EUR',
        cycle: 'monthly',
        startedDaysAgo: 150,
        term: '6 months',
        notice: '2 weeks',
        kind: 'subscription',
        payment: 'card',
      },
    ],
  },
  {
    name: 'Halcyon Pensions',
    category: 'finance',
    domain: 'halcyonpensions.example',
    account: 'HP-88-100231',
    notes: 'Workplace pension from the previous employer.',
  },
  {
    name: 'Meridian Analytics Ltd',
    category: 'employer',
    domain: 'meridian-analytics.example',
    notes: 'Employer; payroll and HR.',
  },
  {
    name: 'Quickcredit Reference Agency',
    category: 'credit reference',
    domain: 'quickcredit.example',
    notes: 'Holds a credit file; ask what it holds.',
  },
  {
    name: 'Fastfone Direct',
    category: 'telecom',
    domain: 'fastfone.example',
    status: 'former',
    account: 'FF-33012',
    notes: 'Left after a billing dispute.',
    contracts: [
      {
        name: 'Old mobile contract',
        price: '25.00',
        cycle: 'monthly',
        startedDaysAgo: 1400,
        endedDaysAgo: 400,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Solace Energy',
    category: 'energy',
    domain: 'solace-energy.example',
    status: 'prospect',
    notes: 'Quote for a 100% renewable tariff; compare with Brightside before the fix ends.',
  },
  {
    name: 'Oakridge Mortgages',
    category: 'banking',
    domain: 'oakridge.example',
    status: 'prospect',
    notes: 'Agreement in principle requested.',
  },
];

export interface DemoCase {
  readonly provider: string;
  readonly title: string;
  readonly kind?: 'complaint' | 'dispute';
  readonly status: 'open' | 'waiting' | 'escalated' | 'resolved';
  readonly openedDaysAgo: number;
  readonly reference?: string;
  readonly description: string;
  readonly resolution?: string;
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    provider: 'Brightside Energy',
    title: 'Bills based on estimates, not readings',
    status: 'escalated',
    openedDaysAgo: 70,
    reference: 'BE-C-55120',
    description: 'Three estimated bills although readings were sent each month; asked for a re-bill.',
  },
  {
    provider: 'Contour Mobile',
    title: 'Roaming charges after plan included EU roaming',
    status: 'waiting',
    openedDaysAgo: 25,
    reference: 'CM-88812',
    description: 'Charged 18.40 GBP roaming in France.',
  },
  {
    provider: 'Parcelpoint Marketplace',
    title: 'Refund for returned headphones not received',
    status: 'open',
    openedDaysAgo: 9,
    description: 'Returned on time with proof of postage; refund of 79.00 GBP still missing.',
  },
  {
    provider: 'Pennine Water',
    title: 'Final bill charges past the move date',
    kind: 'dispute',
    status: 'open',
    openedDaysAgo: 30,
    description: 'Final bill runs two weeks past the day the meter was read at moving out.',
  },
  {
    provider: 'Fastfone Direct',
    title: 'Overcharged for a cancelled add-on',
    kind: 'dispute',
    status: 'resolved',
    openedDaysAgo: 480,
    reference: 'FF-D-1200',
    description: 'Add-on kept billing for four months after cancellation.',
    resolution: 'Refund of 40.00 GBP and a goodwill credit.',
  },
  {
    provider: 'Lumen Fibre',
    title: 'Repeated outages in the evening',
    status: 'resolved',
    openedDaysAgo: 200,
    reference: 'LF-T-7781',
    description: 'Connection drops most evenings.',
    resolution: 'Engineer replaced the line card; one month free.',
  },
  {
    provider: 'Harbour Bank',
    title: 'Card payment taken twice',
    kind: 'dispute',
    status: 'resolved',
    openedDaysAgo: 150,
    description: 'A 64.00 GBP payment appeared twice.',
    resolution: 'Duplicate reversed within five days.',
  },
  {
    provider: 'Aegis Motor Insurance',
    title: 'Renewal quote 38% higher than last year',
    status: 'open',
    openedDaysAgo: 4,
    description: 'Asked why, and for the loyalty price to match the new-customer price.',
  },
];

export interface DemoInteraction {
  readonly provider: string;
  readonly daysAgo: number;
  readonly channel: 'email' | 'phone' | 'letter' | 'chat' | 'visit' | 'web';
  readonly direction: 'inbound' | 'outbound';
  readonly subject: string;
  readonly outcome?: string;
  /** The case (by title) it belongs to. */
  readonly case?: string;
  /** Follow up this many days after the demo's day (negative: overdue). */
  readonly followUpInDays?: number;
  readonly followUpDone?: boolean;
}

const BILLS = 'Bills based on estimates, not readings';
const ROAMING = 'Roaming charges after plan included EU roaming';
const REFUND = 'Refund for returned headphones not received';
const FINAL = 'Final bill charges past the move date';
const ADDON = 'Overcharged for a cancelled add-on';
const OUTAGE = 'Repeated outages in the evening';
const TWICE = 'Card payment taken twice';
const QUOTE = 'Renewal quote 38% higher than last year';

export const DEMO_INTERACTIONS: readonly DemoInteraction[] = [
  {
    provider: 'Brightside Energy',
    daysAgo: 70,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Reported estimated bills',
    case: BILLS,
    outcome: 'Promised a call back in 5 days',
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 60,
    channel: 'email',
    direction: 'outbound',
    subject: 'Sent meter photos for three months',
    case: BILLS,
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
    outcome: 'Can go to the ombudsman now',
    followUpInDays: -3,
  },
  {
    provider: 'Brightside Energy',
    daysAgo: 5,
    channel: 'web',
    direction: 'outbound',
    subject: 'Moved address on the account',
    outcome: 'Confirmation pending',
  },
  {
    provider: 'Contour Mobile',
    daysAgo: 25,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Queried roaming charges',
    case: ROAMING,
    outcome: 'Passed to billing team',
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
    provider: 'Parcelpoint Marketplace',
    daysAgo: 9,
    channel: 'web',
    direction: 'outbound',
    subject: 'Opened refund request',
    case: REFUND,
    followUpInDays: -1,
  },
  {
    provider: 'Parcelpoint Marketplace',
    daysAgo: 6,
    channel: 'email',
    direction: 'inbound',
    subject: 'Return received at warehouse',
    case: REFUND,
  },
  {
    provider: 'Pennine Water',
    daysAgo: 46,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Gave final meter reading and moving date',
    outcome: 'Reading logged',
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
    subject: 'Disputed final bill with the reading',
    case: FINAL,
    followUpInDays: 2,
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 480,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Add-on still billing',
    case: ADDON,
  },
  {
    provider: 'Fastfone Direct',
    daysAgo: 450,
    channel: 'letter',
    direction: 'outbound',
    subject: 'Formal dispute',
    case: ADDON,
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
    provider: 'Fastfone Direct',
    daysAgo: 400,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Cancelled contract',
    outcome: 'PAC code received',
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 200,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Reported evening outages',
    case: OUTAGE,
  },
  {
    provider: 'Lumen Fibre',
    daysAgo: 190,
    channel: 'visit',
    direction: 'inbound',
    subject: 'Engineer visit',
    case: OUTAGE,
    outcome: 'Line card replaced',
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
    provider: 'Lumen Fibre',
    daysAgo: 40,
    channel: 'web',
    direction: 'outbound',
    subject: 'Moved broadband to the new address',
    outcome: 'Activated on moving day',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 150,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Reported duplicate card payment',
    case: TWICE,
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 145,
    channel: 'email',
    direction: 'inbound',
    subject: 'Duplicate reversed',
    case: TWICE,
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 44,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed address in online banking',
    outcome: 'Confirmed by letter',
  },
  {
    provider: 'Harbour Bank',
    daysAgo: 38,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Address change confirmation',
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
    provider: 'Aegis Motor Insurance',
    daysAgo: 4,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked for the new-customer price',
    case: QUOTE,
    followUpInDays: 5,
  },
  {
    provider: 'Kestrel Credit Card',
    daysAgo: 44,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed address',
    outcome: 'Done online',
  },
  {
    provider: 'Kestrel Credit Card',
    daysAgo: 300,
    channel: 'email',
    direction: 'inbound',
    subject: 'Annual fee reminder',
  },
  {
    provider: 'Severn Water',
    daysAgo: 45,
    channel: 'web',
    direction: 'outbound',
    subject: 'Opened account at the new address',
    outcome: 'Account HB set up',
  },
  {
    provider: 'Severn Water',
    daysAgo: 35,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Welcome pack and payment plan',
  },
  {
    provider: 'Bristol City Council',
    daysAgo: 44,
    channel: 'web',
    direction: 'outbound',
    subject: 'Registered for council tax',
  },
  {
    provider: 'Bristol City Council',
    daysAgo: 30,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Council tax bill',
    outcome: '10 monthly instalments',
  },
  {
    provider: 'Hearthstone Home Insurance',
    daysAgo: 45,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought contents cover for the new flat',
  },
  {
    provider: 'Vitalis Health',
    daysAgo: 44,
    channel: 'email',
    direction: 'outbound',
    subject: 'Address change',
    followUpInDays: -10,
    outcome: 'No answer yet',
  },
  {
    provider: 'Vitalis Health',
    daysAgo: 100,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Check-up and hygienist',
  },
  {
    provider: 'Cliftonwood Surgery',
    daysAgo: 40,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Registered as a new patient',
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
    provider: 'Peak Fitness',
    daysAgo: 250,
    channel: 'visit',
    direction: 'outbound',
    subject: 'Joined, off-peak',
  },
  {
    provider: 'Peak Fitness',
    daysAgo: 20,
    channel: 'email',
    direction: 'inbound',
    subject: 'Price rise from next period',
    outcome: '24.00 → 27.00 GBP',
  },
  {
    provider: 'Greenbasket Groceries',
    daysAgo: 120,
    channel: 'web',
    direction: 'outbound',
    subject: 'Started delivery pass',
  },
  {
    provider: 'Greenbasket Groceries',
    daysAgo: 16,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Missing items in delivery',
    outcome: 'Refunded 6.40 GBP',
  },
  {
    provider: 'Parcelpoint Marketplace',
    daysAgo: 380,
    channel: 'web',
    direction: 'outbound',
    subject: 'Started membership',
  },
  { provider: 'Loop Coffee', daysAgo: 90, channel: 'web', direction: 'outbound', subject: 'Subscribed' },
  {
    provider: 'Loop Coffee',
    daysAgo: 44,
    channel: 'web',
    direction: 'outbound',
    subject: 'Changed delivery address',
  },
  {
    provider: 'Weekly Veg Box Co-op',
    daysAgo: 44,
    channel: 'email',
    direction: 'outbound',
    subject: 'Changed delivery address',
    followUpInDays: -20,
    followUpDone: true,
  },
  {
    provider: 'Railcard Services',
    daysAgo: 300,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought railcard',
  },
  {
    provider: 'Citybike Share',
    daysAgo: 80,
    channel: 'web',
    direction: 'outbound',
    subject: 'Bought quarterly pass',
  },
  {
    provider: 'Atlas Cloud Storage',
    daysAgo: 330,
    channel: 'web',
    direction: 'outbound',
    subject: 'Upgraded to 2 TB',
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
    provider: 'Sprachwerk Online',
    daysAgo: 150,
    channel: 'web',
    direction: 'outbound',
    subject: 'Enrolled in B1 course',
  },
  {
    provider: 'Halcyon Pensions',
    daysAgo: 44,
    channel: 'letter',
    direction: 'outbound',
    subject: 'Change of address',
    followUpInDays: -14,
    outcome: 'Awaiting confirmation',
  },
  {
    provider: 'Halcyon Pensions',
    daysAgo: 365,
    channel: 'letter',
    direction: 'inbound',
    subject: 'Annual pension statement',
  },
  {
    provider: 'Meridian Analytics Ltd',
    daysAgo: 43,
    channel: 'email',
    direction: 'outbound',
    subject: 'New address for payroll',
    outcome: 'HR confirmed',
  },
  {
    provider: 'Quickcredit Reference Agency',
    daysAgo: 60,
    channel: 'web',
    direction: 'outbound',
    subject: 'Checked credit file',
    outcome: 'Old Fastfone default flagged wrongly',
    followUpInDays: 1,
  },
  {
    provider: 'Solace Energy',
    daysAgo: 8,
    channel: 'web',
    direction: 'outbound',
    subject: 'Requested a renewable tariff quote',
  },
  {
    provider: 'Solace Energy',
    daysAgo: 6,
    channel: 'email',
    direction: 'inbound',
    subject: 'Quote: 104.10 GBP a month fixed 12M',
    followUpInDays: 4,
  },
  {
    provider: 'Oakridge Mortgages',
    daysAgo: 14,
    channel: 'phone',
    direction: 'outbound',
    subject: 'Asked for an agreement in principle',
  },
  {
    provider: 'Streamline TV',
    daysAgo: 500,
    channel: 'email',
    direction: 'inbound',
    subject: 'Price rise to 10.99 GBP',
  },
  {
    provider: 'Cadence Music',
    daysAgo: 250,
    channel: 'chat',
    direction: 'outbound',
    subject: 'Added family member',
  },
  {
    provider: 'Northlight News',
    daysAgo: 10,
    channel: 'email',
    direction: 'inbound',
    subject: 'Your subscription renews soon',
  },
];
