/**
 * The person's terms, in the style of IEEE 7012 ("MyTerms"): the individual proffers an agreement
 * from a public roster, the organisation accepts it, and both keep a record. The roster below is
 * the set of standard agreements vrm knows; each summary is our own reading of the agreement, in
 * our own words, and each has the machine-readable fields the policy check uses. What an agreement
 * record signs as "the terms" is the whole entry in canonical JSON (`termsText` in records.ts): a
 * change to any field of an entry changes its hash, so an entry once proffered must not be edited.
 *
 * The purposes are a small closed vocabulary, so that a policy, an agreement and a consent receipt
 * all speak of the same things (see docs/terms.md for what each means).
 */
export const PURPOSES = [
  /** Providing the product or service the person asked for, including billing and support. */
  'service',
  /** Delivering goods to the person. */
  'delivery',
  /** Obligations the law puts on the provider (tax records, identity checks). */
  'legal',
  /** Keeping the account secure and preventing fraud against the person. */
  'security',
  /** Telling the person about the provider's own products. */
  'marketing',
  /** Showing the person advertising. */
  'advertising',
  /** Answering an intention the person cast (a personal request for proposals). */
  'offers',
  /** Measuring and improving the service. */
  'analytics',
  /** Research, including for the public good. */
  'research',
  /** Training machine-learning or AI models. */
  'ai-training',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const THIRD_PARTY_RULES = ['none', 'processors', 'allowed'] as const;
export type ThirdPartyRule = (typeof THIRD_PARTY_RULES)[number];

export interface Terms {
  /** Short code, such as `SD-BASE`; unique without regard to case. */
  readonly code: string;
  readonly name: string;
  readonly summary: string;
  readonly purposes: readonly Purpose[];
  /** `none`: the data stays with the provider; `processors`: only those acting on its instructions. */
  readonly thirdParties: ThirdPartyRule;
  /** ISO 8601 period the data may be kept for; null: only as long as the purposes need it. */
  readonly retention: string | null;
  readonly profiling: boolean;
  readonly aiTraining: boolean;
  readonly tracking: boolean;
  /** `roster`: one of the standard agreements; `own`: terms the person wrote. */
  readonly source: 'roster' | 'own';
  readonly basedOn: string | null;
  /** Where the agreement is published, for the roster. */
  readonly url: string | null;
}

const roster = (terms: Omit<Terms, 'source' | 'basedOn'>): Terms => ({
  ...terms,
  source: 'roster',
  basedOn: null,
});

/** The standard agreements. The codes are reserved: the person's own terms take other codes. */
export const ROSTER: readonly Terms[] = [
  roster({
    code: 'SD-BASE',
    name: 'Service delivery only',
    summary:
      'You may use what I give you only to provide what I asked for, and keep it only as long as that ' +
      'takes. You do not share it, profile me, track me or train models on it.',
    purposes: ['service', 'delivery', 'legal', 'security'],
    thirdParties: 'none',
    retention: null,
    profiling: false,
    aiTraining: false,
    tracking: false,
    url: 'https://customercommons.org/',
  }),
  roster({
    code: 'SD-BASE-DP',
    name: 'Service delivery, with data processors',
    summary:
      'As SD-BASE, except that companies working on your instructions to deliver the service (a ' +
      'carrier, a payment processor, a hosting provider) may receive what they need for it. They are ' +
      'bound by these same terms and may not use my data for themselves.',
    purposes: ['service', 'delivery', 'legal', 'security'],
    thirdParties: 'processors',
    retention: null,
    profiling: false,
    aiTraining: false,
    tracking: false,
    url: 'https://customercommons.org/',
  }),
  roster({
    code: 'PDC-AI',
    name: 'Personal data contribution for AI',
    summary:
      'I contribute this data to train and evaluate AI models. It may be used for nothing else: no ' +
      'profiling of me, no tracking, no sharing beyond those doing the training for you, and it is ' +
      'deleted after a year.',
    purposes: ['ai-training', 'research'],
    thirdParties: 'processors',
    retention: 'P1Y',
    profiling: false,
    aiTraining: true,
    tracking: false,
    url: 'https://customercommons.org/',
  }),
  roster({
    code: 'PDC-GOOD',
    name: 'Personal data contribution for the public good',
    summary:
      'I contribute this data to research that serves the public good, such as health or ' +
      'environmental studies. It may be shared with other researchers under these terms, never sold, ' +
      'never used to market to me or to profile me.',
    purposes: ['research'],
    thirdParties: 'allowed',
    retention: 'P5Y',
    profiling: false,
    aiTraining: false,
    tracking: false,
    url: 'https://customercommons.org/',
  }),
  roster({
    code: 'PDC-INTENT',
    name: 'Personal data contribution for an intention',
    summary:
      'I tell you what I intend to buy so that you can make me an offer. Use it only to answer this ' +
      'intention, do not share it, and delete it within 90 days unless I take up your offer.',
    purposes: ['offers'],
    thirdParties: 'none',
    retention: 'P90D',
    profiling: false,
    aiTraining: false,
    tracking: false,
    url: 'https://customercommons.org/',
  }),
  roster({
    code: 'NoStalking',
    name: '#NoStalking',
    summary:
      'You may show me advertising, but not advertising based on tracking me. Use what I give you to ' +
      'serve me; do not follow me around the web, build a profile of me or pass my data to others.',
    purposes: ['service', 'advertising'],
    thirdParties: 'none',
    retention: null,
    profiling: false,
    aiTraining: false,
    tracking: false,
    url: 'https://customercommons.org/nostalking/',
  }),
];

/** Finds a roster agreement by its code, without regard to case. */
export function rosterTerms(code: string): Terms | undefined {
  const wanted = code.trim().toLowerCase();
  return ROSTER.find((t) => t.code.toLowerCase() === wanted);
}
