// Over 500 lines on purpose: this is the demo's data (its organisations, accounts and contracts), with no behaviour.
import { MOVED_DAYS_AGO } from './calendar.js';

/**
 * The organisations Alex deals with, their accounts and their contracts. Every name is fictional,
 * every domain is under the reserved `.example` top-level domain, and every UK phone number is in one
 * of Ofcom's ranges kept for drama. Dates are days before the demo's day.
 */
export interface DemoProvider {
  readonly name: string;
  readonly category: string;
  /** The provider's mail domain; the website, support and privacy addresses are made from it. */
  readonly domain: string;
  readonly status?: 'active' | 'former' | 'prospect';
  /** ISO country code; GB when not given. */
  readonly country?: string;
  readonly phone: string;
  readonly address: string;
  readonly notes: string;
  /** Whether the provider takes requests through a form on its website. */
  readonly webForm?: boolean;
  readonly accounts?: readonly DemoAccount[];
  /** Contracts sit on the provider's first account, when it has one. */
  readonly contracts?: readonly DemoContract[];
}

export interface DemoAccount {
  readonly number: string;
  readonly label?: string;
  readonly openedDaysAgo?: number;
  readonly closedDaysAgo?: number;
}

export interface DemoContract {
  readonly name: string;
  /** The price per billing cycle, as typed (`12.00`). */
  readonly price: string;
  /** GBP when not given. */
  readonly currency?: string;
  /** A named cycle, or a number of days. */
  readonly cycle: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | number;
  readonly startedDaysAgo: number;
  readonly term?: string;
  readonly notice?: string;
  /** A renewal date the provider told Alex about, as days after the demo's day. */
  readonly renewsInDays?: number;
  /** True when not given. */
  readonly autoRenews?: boolean;
  readonly payment: string;
  /** `contract` when not given. */
  readonly kind?: 'contract' | 'subscription';
  readonly endedDaysAgo?: number;
  readonly notes?: string;
}

const MOVED = MOVED_DAYS_AGO;

export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  // Banking and finance
  {
    name: 'Harbour Bank',
    category: 'banking',
    domain: 'harbourbank.example',
    phone: '+44 113 496 0100',
    address: 'Harbour Bank plc\nCustomer Services\nPO Box 101\nLeeds\nLS1 1AA',
    notes: 'Main bank: current account and easy-access savings. The account fee includes gadget cover.',
    webForm: true,
    accounts: [
      { number: '40-17-26 31926819', label: 'current account', openedDaysAgo: 2900 },
      { number: '40-17-26 55021347', label: 'easy-access savings', openedDaysAgo: 2200 },
    ],
    contracts: [
      {
        name: 'Premier current account',
        price: '12.00',
        cycle: 'monthly',
        startedDaysAgo: 2900,
        payment: 'taken from the account',
        notes: 'Fee covers travel, gadget and breakdown cover.',
      },
    ],
  },
  {
    name: 'Kestrel Card',
    category: 'banking',
    domain: 'kestrelcard.example',
    phone: '0808 157 0190',
    address: 'Kestrel Card Services\n1 Falcon Court\nNorthampton\nNN4 7PA',
    notes: 'Rewards credit card; the annual fee is worth it only above about 3,000 GBP of spending.',
    accounts: [{ number: '5412 **** **** 8812', label: 'rewards credit card', openedDaysAgo: 700 }],
    contracts: [
      {
        name: 'Rewards card annual fee',
        price: '95.00',
        cycle: 'yearly',
        startedDaysAgo: 700,
        notice: '30 days',
        payment: 'charged to the card',
      },
    ],
  },
  {
    name: 'Halcyon Pensions',
    category: 'finance',
    domain: 'halcyonpensions.example',
    phone: '+44 131 496 0455',
    address: 'Halcyon Pensions\n8 Castle Terrace\nEdinburgh\nEH1 2DP',
    notes: 'Workplace pension from the previous job; no longer paid into.',
    accounts: [{ number: 'HP-88-100231', label: 'deferred pension', openedDaysAgo: 3300 }],
  },
  {
    name: 'Quickcredit Reference Agency',
    category: 'credit reference',
    domain: 'quickcredit.example',
    phone: '03069 990410',
    address: 'Quickcredit Consumer Services\nPO Box 9000\nNottingham\nNG80 7WF',
    notes: 'Holds a credit file: check it once a year, and before applying for a mortgage.',
    webForm: true,
  },
  {
    name: 'Oakridge Mortgages',
    category: 'banking',
    domain: 'oakridge.example',
    status: 'prospect',
    phone: '+44 121 496 0788',
    address: 'Oakridge Mortgages\n40 Colmore Row\nBirmingham\nB3 2BJ',
    notes: 'Agreement in principle requested, for buying in Bristol next year.',
  },

  // Home: energy, water, council tax, broadband, insurance
  {
    name: 'Brightside Energy',
    category: 'energy',
    domain: 'brightside-energy.example',
    phone: '+44 330 100 2000',
    address: 'Brightside Energy Ltd\nComplaints Team\n2 Riverside Way\nSheffield\nS3 8RE',
    notes: 'Fixed tariff; the account moved with Alex to the Bristol flat. Compare before the fix ends.',
    webForm: true,
    accounts: [{ number: 'BE-778812', label: 'dual fuel', openedDaysAgo: 318 }],
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
    name: 'Solace Energy',
    category: 'energy',
    domain: 'solace-energy.example',
    status: 'prospect',
    phone: '0808 157 0233',
    address: 'Solace Energy\n14 Wind Street\nSwansea\nSA1 1DY',
    notes: 'Quote for a 100% renewable tariff; compare with Brightside before the fix ends.',
  },
  {
    name: 'Severn Water',
    category: 'utilities',
    domain: 'severnwater.example',
    phone: '+44 117 496 0600',
    address: 'Severn Water\nCustomer Accounts\nPO Box 55\nBristol\nBS99 7AU',
    notes: 'Water and sewerage at the Bristol flat; metered.',
    accounts: [{ number: 'SW-2231-88', openedDaysAgo: MOVED }],
    contracts: [
      {
        name: 'Water and sewerage',
        price: '41.20',
        cycle: 'monthly',
        startedDaysAgo: MOVED,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Pennine Water',
    category: 'utilities',
    domain: 'penninewater.example',
    status: 'former',
    phone: '+44 161 496 0870',
    address: 'Pennine Water\nPO Box 210\nManchester\nM60 2LA',
    notes: 'Water at the Manchester flat. The final bill is disputed: it runs past the move.',
    accounts: [{ number: 'PW-1002-34', openedDaysAgo: 2200, closedDaysAgo: MOVED }],
    contracts: [
      {
        name: 'Water and sewerage',
        price: '116.70',
        cycle: 'quarterly',
        startedDaysAgo: 2200,
        endedDaysAgo: MOVED,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Bristol Council Tax Office',
    category: 'government',
    domain: 'bristol-counciltax.example',
    phone: '+44 117 496 0900',
    address: 'Council Tax Office\nPO Box 3399\nBristol\nBS1 9NE',
    notes: 'Council tax band C, paid in ten instalments from April to January.',
    webForm: true,
    accounts: [{ number: 'CT-99812344', label: 'council tax', openedDaysAgo: MOVED }],
    contracts: [
      {
        name: 'Council tax band C',
        price: '168.00',
        cycle: 'monthly',
        startedDaysAgo: MOVED,
        autoRenews: false,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Lumen Fibre',
    category: 'telecom',
    domain: 'lumenfibre.example',
    phone: '0808 157 0150',
    address: 'Lumen Fibre Ltd\n5 Exchange Square\nBirmingham\nB4 7SS',
    notes: 'The minimum term ends soon: ask for the loyalty price or switch.',
    accounts: [{ number: 'LF-00913', openedDaysAgo: 700 }],
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
    name: 'Hearthstone Home Insurance',
    category: 'insurance',
    domain: 'hearthstone.example',
    phone: '+44 29 2018 0345',
    address: 'Hearthstone Insurance\nPO Box 707\nCardiff\nCF10 1AA',
    notes: 'Contents cover for the Bristol flat, bought on the day of the move.',
    accounts: [{ number: 'HH-7711', label: 'policy', openedDaysAgo: MOVED }],
    contracts: [
      {
        name: 'Contents cover',
        price: '14.50',
        cycle: 'monthly',
        startedDaysAgo: MOVED,
        term: '12 months',
        notice: '30 days',
        payment: 'direct debit',
      },
    ],
  },

  // Phone and media
  {
    name: 'Contour Mobile',
    category: 'telecom',
    domain: 'contourmobile.example',
    phone: '03069 990150',
    address: 'Contour Mobile\nCustomer Relations\nPO Box 4040\nReading\nRG1 8XX',
    notes: 'SIM only since leaving Fastfone; the plan includes roaming in Europe.',
    webForm: true,
    accounts: [{ number: '07911 123456', label: 'mobile number', openedDaysAgo: 340 }],
    contracts: [
      {
        name: 'SIM only 30GB',
        price: '12.00',
        cycle: 'monthly',
        startedDaysAgo: 340,
        term: '12 months',
        notice: '30 days',
        payment: 'debit card',
      },
      {
        name: 'Handset insurance',
        price: '6.99',
        cycle: 'monthly',
        startedDaysAgo: 340,
        kind: 'subscription',
        payment: 'debit card',
        notes: 'Probably not needed: the bank account includes gadget cover.',
      },
    ],
  },
  {
    name: 'Fastfone Direct',
    category: 'telecom',
    domain: 'fastfone.example',
    status: 'former',
    phone: '03069 990222',
    address: 'Fastfone Direct\nPO Box 12\nGlasgow\nG2 1AA',
    notes: 'Left after a billing dispute; the number moved to Contour.',
    accounts: [{ number: 'FF-33012', openedDaysAgo: 1400, closedDaysAgo: 340 }],
    contracts: [
      {
        name: 'Mobile 10GB',
        price: '25.00',
        cycle: 'monthly',
        startedDaysAgo: 1400,
        term: '24 months',
        endedDaysAgo: 340,
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Streamline TV',
    category: 'streaming',
    domain: 'streamline.example',
    phone: '0808 157 0777',
    address: 'Streamline Media Ltd\n20 Brewer Street\nLondon\nW1F 0SH',
    notes: 'Shared with a friend; the price has gone up twice.',
    accounts: [{ number: 'alex.morgan@mailbox.example', label: 'login' }],
    contracts: [
      {
        name: 'Standard plan',
        price: '10.99',
        cycle: 'monthly',
        startedDaysAgo: 1500,
        kind: 'subscription',
        payment: 'credit card',
      },
    ],
  },
  {
    name: 'Cadence Music',
    category: 'streaming',
    domain: 'cadencemusic.example',
    phone: '+44 20 7946 0312',
    address: 'Cadence Music UK\n9 Shoreditch High Street\nLondon\nE1 6PG',
    notes: 'Family plan shared with a sibling, who pays half.',
    contracts: [
      {
        name: 'Family plan',
        price: '19.99',
        cycle: 'monthly',
        startedDaysAgo: 900,
        kind: 'subscription',
        payment: 'credit card',
      },
    ],
  },
  {
    name: 'Northlight News',
    category: 'media',
    domain: 'northlight.example',
    phone: '+44 20 7946 0588',
    address: 'Northlight News\nSubscriptions\n1 Fleet Place\nLondon\nEC4M 7RA',
    notes: 'Renews at the full price unless asked for the subscriber offer.',
    contracts: [
      {
        name: 'Digital subscription',
        price: '99.00',
        cycle: 'yearly',
        startedDaysAgo: 350,
        kind: 'subscription',
        notice: '7 days',
        payment: 'credit card',
      },
    ],
  },

  // Insurance and health
  {
    name: 'Aegis Motor Insurance',
    category: 'insurance',
    domain: 'aegismotor.example',
    phone: '+44 345 123 4567',
    address: 'Aegis Motor Insurance\nRenewals\n60 Queen Street\nGlasgow\nG1 3DS',
    notes: 'Insured for three years. This year the renewal quote went up 38%.',
    accounts: [{ number: 'AMI-5521090', label: 'policy', openedDaysAgo: 1065 }],
    contracts: [
      {
        name: 'Comprehensive car cover',
        price: '612.00',
        cycle: 'yearly',
        startedDaysAgo: 1065,
        renewsInDays: 30,
        notice: '14 days',
        payment: 'credit card',
        notes: 'Renewal date as printed on the renewal letter.',
      },
    ],
  },
  {
    name: 'Vitalis Health',
    category: 'health',
    domain: 'vitalishealth.example',
    phone: '+44 191 498 0230',
    address: 'Vitalis Health\nMembership\n3 Grey Street\nNewcastle upon Tyne\nNE1 6EE',
    notes: 'Dental plan and a health cash plan. The cash plan needs three months of notice.',
    accounts: [{ number: 'VH-300122', label: 'membership', openedDaysAgo: 1200 }],
    contracts: [
      {
        name: 'Dental plan',
        price: '18.75',
        cycle: 'monthly',
        startedDaysAgo: 1200,
        payment: 'direct debit',
      },
      {
        name: 'Health cash plan',
        price: '180.00',
        cycle: 'yearly',
        startedDaysAgo: 1050,
        notice: '3 months',
        payment: 'direct debit',
        notes: 'Notice is three months: the chance to cancel this year has passed.',
      },
    ],
  },
  {
    name: 'Cliftonwood Surgery',
    category: 'health',
    domain: 'cliftonwood-surgery.example',
    phone: '+44 117 496 0411',
    address: 'Cliftonwood Surgery\n18 Hotwell Road\nBristol\nBS8 4UD',
    notes: 'GP practice since the move. Repeat prescriptions through the website.',
    webForm: true,
    accounts: [{ number: 'NHS 943 476 5919', label: 'patient', openedDaysAgo: 40 }],
  },

  // Fitness, shopping and travel
  {
    name: 'Peak Fitness',
    category: 'fitness',
    domain: 'peakfitness.example',
    phone: '+44 117 496 0752',
    address: 'Peak Fitness Bristol\nUnit 2, Stokes Croft Yard\nBristol\nBS1 3QY',
    notes: 'Membership runs in 28-day periods; the joining offer ends after three periods.',
    accounts: [{ number: 'PF-20931', openedDaysAgo: 40 }],
    contracts: [
      {
        name: 'Off-peak membership',
        price: '24.00',
        cycle: 28,
        startedDaysAgo: 40,
        notice: '1 month',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Ironworks Gym',
    category: 'fitness',
    domain: 'ironworks-gym.example',
    status: 'former',
    phone: '+44 161 496 0555',
    address: 'Ironworks Gym\n88 Great Ancoats Street\nManchester\nM4 5AB',
    notes: 'The Manchester gym, cancelled before the move.',
    accounts: [{ number: 'IW-55190', openedDaysAgo: 1900, closedDaysAgo: MOVED + 5 }],
    contracts: [
      {
        name: 'Anytime membership',
        price: '32.00',
        cycle: 'monthly',
        startedDaysAgo: 1900,
        endedDaysAgo: MOVED + 5,
        notice: '1 month',
        payment: 'direct debit',
      },
    ],
  },
  {
    name: 'Greenbasket Groceries',
    category: 'retail',
    domain: 'greenbasket.example',
    phone: '0808 157 0412',
    address: 'Greenbasket Groceries\nCustomer Care\nHatfield Business Park\nHatfield\nAL10 9NA',
    notes: 'Delivery pass pays for itself at two deliveries a month.',
    contracts: [
      {
        name: 'Delivery pass',
        price: '7.99',
        cycle: 'monthly',
        startedDaysAgo: 120,
        kind: 'subscription',
        payment: 'credit card',
      },
    ],
  },
  {
    name: 'Parcelpoint Marketplace',
    category: 'retail',
    domain: 'parcelpoint.example',
    phone: '0808 157 0600',
    address: 'Parcelpoint Marketplace UK\n1 Dock Road\nLondon\nE16 1AG',
    notes: 'Uses its own e-mail address on Alex’s domain, to tell its mail apart.',
    webForm: true,
    accounts: [{ number: 'parcelpoint@alexmorgan.example', label: 'login', openedDaysAgo: 380 }],
    contracts: [
      {
        name: 'Parcelpoint Plus membership',
        price: '95.00',
        cycle: 'yearly',
        startedDaysAgo: 380,
        kind: 'subscription',
        payment: 'credit card',
      },
    ],
  },
  {
    name: 'Loop Coffee',
    category: 'retail',
    domain: 'loopcoffee.example',
    phone: '+44 113 496 0321',
    address: 'Loop Coffee Roasters\nArch 7, Granary Wharf\nLeeds\nLS1 4BR',
    notes: 'Beans every two weeks; skip a delivery from the website when away.',
    contracts: [
      {
        name: 'Beans every two weeks',
        price: '9.50',
        cycle: 14,
        startedDaysAgo: 90,
        kind: 'subscription',
        payment: 'debit card',
      },
    ],
  },
  {
    name: 'Weekly Veg Box Co-op',
    category: 'retail',
    domain: 'vegbox.example',
    phone: '+44 117 496 0298',
    address: 'Veg Box Co-op\nThe Old Dairy\nLong Ashton\nBristol\nBS41 9DN',
    notes: 'Local organic veg, delivered on Thursdays.',
    contracts: [
      {
        name: 'Small veg box',
        price: '14.00',
        cycle: 'weekly',
        startedDaysAgo: 200,
        kind: 'subscription',
        payment: 'debit card',
      },
    ],
  },
  {
    name: 'Railway Saver Cards',
    category: 'transport',
    domain: 'railsaver.example',
    phone: '03069 990345',
    address: 'Railway Saver Cards\nPO Box 300\nDerby\nDE1 9XP',
    notes: 'A third off off-peak rail fares; does not renew by itself.',
    contracts: [
      {
        name: 'Off-peak saver card',
        price: '15.00',
        cycle: 'half-yearly',
        startedDaysAgo: 120,
        autoRenews: false,
        payment: 'debit card',
      },
    ],
  },
  {
    name: 'Citybike Share',
    category: 'transport',
    domain: 'citybike.example',
    phone: '+44 117 496 0187',
    address: 'Citybike Share\n4 Temple Gate\nBristol\nBS1 6PL',
    notes: 'Unlimited 30-minute rides; bought for the first months in Bristol.',
    contracts: [
      {
        name: 'Quarterly pass',
        price: '27.00',
        cycle: 'quarterly',
        startedDaysAgo: 80,
        payment: 'debit card',
      },
    ],
  },

  // Abroad, in other currencies
  {
    name: 'Atlas Cloud Storage',
    category: 'software',
    domain: 'atlascloud.example',
    country: 'US',
    phone: '+1 202 555 0143',
    address: 'Atlas Cloud Inc.\n500 Market Street, Suite 300\nSan Francisco, CA 94105\nUSA',
    notes: 'Photo backup; billed in US dollars, so the card adds a foreign-exchange fee.',
    accounts: [{ number: 'alex.morgan@mailbox.example', label: 'login', openedDaysAgo: 1100 }],
    contracts: [
      {
        name: '2 TB plan',
        price: '99.99',
        currency: 'USD',
        cycle: 'yearly',
        startedDaysAgo: 330,
        kind: 'subscription',
        payment: 'credit card',
      },
    ],
  },
  {
    name: 'Sprachwerk Online',
    category: 'education',
    domain: 'sprachwerk.example',
    country: 'DE',
    phone: '+49 30 23125 123',
    address: 'Sprachwerk Online GmbH\nTorstraße 140\n10119 Berlin\nGermany',
    notes: 'German course before a work secondment to Berlin; billed in euros.',
    accounts: [{ number: 'SW-DE-2207', label: 'student', openedDaysAgo: 150 }],
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
        payment: 'credit card',
      },
    ],
  },

  // Work
  {
    name: 'Meridian Analytics Ltd',
    category: 'employer',
    domain: 'meridian-analytics.example',
    phone: '+44 117 496 0123',
    address: 'Meridian Analytics Ltd\n3 Harbourside Walk\nBristol\nBS1 5TY',
    notes: 'Employer; head office in Bristol, the reason for the move. Payroll and HR by e-mail.',
    accounts: [{ number: 'E-10458', label: 'employee number', openedDaysAgo: 1600 }],
  },
];
