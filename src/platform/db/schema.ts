// The schema as Kysely types, one interface a table: long, but read as one piece, so kept whole.
import type { Generated } from 'kysely';
import type {
  DiscoveryDismissalsTable,
  ProceedingAnswerFilesTable,
  ProceedingAnswersTable,
  ProceedingMessagesTable,
  ProceedingsTable,
  RequestCampaignsTable,
} from './schema-requests.js';
import type {
  BankAccountsTable,
  BankImportsTable,
  BankTransactionsTable,
  CsvMappingsTable,
  MoneyAlertStatesTable,
  PayeeRulesTable,
} from './schema-money.js';
import type {
  IntentRecipientsTable,
  IntentsTable,
  OffersTable,
  PersonaShownTable,
  PersonaStatementsTable,
  PersonasTable,
} from './schema-intents.js';

/**
 * The tables of the store, as Kysely sees them. Dates are ISO 8601 text: `YYYY-MM-DD` for calendar
 * dates, `YYYY-MM-DDTHH:MM:SS.sssZ` for instants. Money is integer minor units plus an ISO 4217 code.
 * Booleans are 0/1 integers, as SQLite stores them.
 * Columns are snake_case in SQL and camelCase here (Kysely's CamelCasePlugin maps them).
 */
export interface FactsTable {
  id: Generated<number>;
  kind: string;
  label: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface FactVersionsTable {
  id: Generated<number>;
  factId: number;
  version: number;
  /** JSON of the kind's value, validated by the vault before it is written. */
  value: string;
  validFrom: string;
  recordedAt: string;
  note: string | null;
}

export interface ProvidersTable {
  id: Generated<number>;
  name: string;
  category: string | null;
  website: string | null;
  country: string | null;
  status: string;
  supportEmail: string | null;
  privacyEmail: string | null;
  phone: string | null;
  postalAddress: string | null;
  webForm: string | null;
  notes: string | null;
  /** The organisation directory entry it was made from or linked to (migration 2). */
  directorySlug: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderDomainsTable {
  id: Generated<number>;
  providerId: number;
  domain: string;
}

export interface AccountsTable {
  id: Generated<number>;
  providerId: number;
  customerNumber: string;
  label: string | null;
  openedOn: string | null;
  closedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContractsTable {
  id: Generated<number>;
  providerId: number;
  accountId: number | null;
  name: string;
  kind: string;
  priceMinor: number;
  currency: string;
  billingCycle: string;
  billingIntervalDays: number | null;
  startDate: string;
  /** ISO 8601 period of one term, such as `P12M`; null means one billing cycle. */
  term: string | null;
  /** A known renewal date; renewals fall on it and every term before and after it. */
  renewsOn: string | null;
  noticePeriod: string | null;
  autoRenews: number;
  paymentMethod: string | null;
  endDate: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One price of a contract, from the day it applied (migration 16): its price history. */
export interface ContractPricesTable {
  id: Generated<number>;
  contractId: number;
  priceMinor: number;
  currency: string;
  validFrom: string;
  /** Who said so: the person, or the bank's payments. */
  source: 'person' | 'bank';
  note: string | null;
  createdAt: string;
}

export interface CasesTable {
  id: Generated<number>;
  providerId: number;
  kind: string;
  title: string;
  description: string | null;
  reference: string | null;
  status: string;
  openedOn: string;
  escalatedOn: string | null;
  resolvedOn: string | null;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InteractionsTable {
  id: Generated<number>;
  providerId: number;
  caseId: number | null;
  occurredAt: string;
  channel: string;
  direction: string;
  subject: string;
  notes: string | null;
  outcome: string | null;
  followUpOn: string | null;
  followUpDoneOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentsTable {
  id: Generated<number>;
  providerId: number;
  contractId: number | null;
  caseId: number | null;
  title: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Buffer;
  notes: string | null;
  addedAt: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  entity: string;
  entityId: number;
  action: string;
  oldValues: string | null;
  newValues: string | null;
}

export interface SigningKeysTable {
  id: Generated<number>;
  /** The key's JWK thumbprint (RFC 7638), used as `kid` in every signature. */
  kid: string;
  alg: 'ES256';
  publicJwk: string;
  /**
   * The private half: NULL once the key is retired (destroyed, so nobody can sign with it again),
   * and on a key restored from an export without secrets.
   */
  privateJwk: string | null;
  /** The provider this issuer key is for (one key per provider); NULL for the person's own keys. */
  providerId: number | null;
  createdAt: string;
  /** Set when the key was rotated out: it no longer signs, but still verifies what it signed before. */
  retiredAt: string | null;
}

export interface AliasStrategiesTable {
  id: Generated<number>;
  /** `plus`: tags on the person's mailbox (`me+acme7k@example.org`); `catchall`: a domain of theirs. */
  kind: 'plus' | 'catchall';
  /** The mailbox (plus) or the domain (catchall). */
  base: string;
  isDefault: number;
  createdAt: string;
}

export interface IdentitiesTable {
  id: Generated<number>;
  /** Null for an imported alias that is not yet matched to a provider. */
  providerId: number | null;
  kind: 'email' | 'postal' | 'phone';
  /** As given: the e-mail address, the tagged postal address (JSON), or the phone number in E.164. */
  value: string;
  /** The normalised form used to recognise the identity again (see identities/matching.ts). */
  matchKey: string;
  origin: 'plus' | 'catchall' | 'simplelogin' | 'addy' | 'manual';
  strategyId: number | null;
  /** The vault fact it derives from: the mailbox of a plus alias, the postal address a tag is added to. */
  factId: number | null;
  /** The plus tag, the catch-all local part, or the postal tag line. */
  tag: string | null;
  enabled: number;
  /** Imported aliases are matched to providers by a guess the person reviews. */
  review: 'confirmed' | 'suggested' | 'unmatched';
  reviewReason: string | null;
  note: string | null;
  createdAt: string;
  retiredAt: string | null;
  /** When the person switched it off: its mail is unwanted, sorted into a folder of its own. */
  switchedOffAt: Generated<string | null>;
  /** Whether the mail it had already went there too (else only mail imported since). */
  switchedOffExisting: Generated<number>;
}

export interface PersonalTermsTable {
  id: Generated<number>;
  code: string;
  name: string;
  summary: string;
  /** JSON array of the purposes the terms allow. */
  purposes: string;
  thirdParties: 'none' | 'processors' | 'allowed';
  /** ISO 8601 period the data may be kept for; null: only as long as the purposes need it. */
  retention: string | null;
  profiling: number;
  aiTraining: number;
  tracking: number;
  /** The roster agreement these terms start from, if any. */
  basedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DisclosurePoliciesTable {
  id: Generated<number>;
  /** Scope: one provider, one category, or (both null) every provider. */
  providerId: number | null;
  category: string | null;
  /** JSON array of fact selectors: `*`, a kind (`email`), or a fact id (`fact:3`). */
  facts: string;
  allowPurposes: string;
  denyPurposes: string;
  /** Disclosures this policy allows must be made under these terms (null: any). */
  termsCode: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementsTable {
  id: Generated<number>;
  providerId: number;
  /** The terms the person proffered. */
  termsCode: string;
  profferedOn: string;
  status: 'proffered' | 'accepted' | 'rejected' | 'countered';
  /** When countered: the roster agreement the provider offered instead. */
  counterTermsCode: string | null;
  answeredOn: string | null;
  evidence: string | null;
  evidenceDocumentId: number | null;
  evidenceInteractionId: number | null;
  /** The current state's signed record (compact JWS); every state's is in `agreement_records`. */
  signed: string | null;
  createdAt: string;
  updatedAt: string;
  /** The agreement's identifier in its signed records and exports: `urn:uuid:…`. */
  agreementUuid: string | null;
  /** How the person is named to the provider: the identity given to it, or a pseudonym. */
  firstParty: string | null;
  firstPartyKind: 'identity' | 'pseudonym' | null;
  /** JSON `{ name, website, domains }`: the provider as it was named when the terms were proffered. */
  secondParty: string | null;
}

/** Every signed state of an agreement (proffered, then the answer), each its own JWS, never changed. */
export interface AgreementRecordsTable {
  id: Generated<number>;
  agreementId: number;
  state: AgreementsTable['status'];
  jws: string;
  /** The organisation's countersignature of this record (compact JWS), once imported. */
  countersignature: string | null;
  /** The organisation's public key (JWK JSON) that the countersignature was verified with. */
  countersignerJwk: string | null;
  countersignedAt: string | null;
  createdAt: string;
}

export interface DisclosuresTable {
  id: Generated<number>;
  /** One act of disclosure: facts given together share it (a UUID). */
  event: string;
  providerId: number;
  /** Exactly one of fact (with the version given) and identity is set. */
  factId: number | null;
  factVersion: number | null;
  identityId: number | null;
  disclosedOn: string;
  channel: 'web' | 'email' | 'phone' | 'letter' | 'in_person' | 'app' | 'signed_package' | 'other';
  /** JSON array of purposes. */
  purposes: string;
  termsCode: string | null;
  agreementId: number | null;
  /** The reason the person gave for recording it although the policy check said no. */
  policyOverride: string | null;
  note: string | null;
  createdAt: string;
  withdrawnOn: string | null;
}

export interface ConsentReceiptsTable {
  id: Generated<number>;
  /** The Kantara `consentReceiptID` (a UUID). */
  receiptId: string;
  event: string;
  providerId: number;
  issuedAt: string;
  /** The receipt, signed: a compact JWS whose payload is the Kantara Consent Receipt v1.1 JSON. */
  jws: string;
}

export interface DisclosurePackagesTable {
  id: Generated<number>;
  event: string;
  providerId: number;
  termsCode: string;
  /** The issued SD-JWT VC with every disclosure (compact form). */
  sdJwt: string;
  issuedAt: string;
  expiresAt: string | null;
  /** The private JWK of the holder key its `cnf` names (migration 5); null without holder binding. */
  holderKey: string | null;
}

/** A place mail is imported from: a file or folder (by path), or an IMAP account (migration 4). */
export interface MailSourcesTable {
  id: Generated<number>;
  kind: 'mbox' | 'maildir' | 'eml' | 'imap';
  label: string;
  /** The absolute path, or `imap://user@host:port` for an account. */
  location: string;
  host: string | null;
  port: number | null;
  security: 'tls' | 'starttls' | 'none' | null;
  username: string | null;
  /** The IMAP password: kept only here, in the encrypted store, and never in the audit log. */
  password: string | null;
  /** Trust a self-signed TLS certificate (a home or test server): the person's explicit choice. */
  allowSelfSigned: number;
  /** JSON array of IMAP folders to fetch. */
  folders: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How far an import got: per IMAP folder its UIDVALIDITY and last UID; per mbox the byte offset. */
export interface MailSyncTable {
  sourceId: number;
  folder: string;
  uidValidity: string | null;
  lastUid: number | null;
  byteOffset: number | null;
  /** SHA-256 of the mbox's first bytes: a different file at the same path starts again. */
  headHash: string | null;
  updatedAt: string;
}

export interface MailImportsTable {
  id: Generated<number>;
  sourceId: number | null;
  kind: string;
  location: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  seen: Generated<number>;
  imported: Generated<number>;
  duplicates: Generated<number>;
  skipped: Generated<number>;
  /** JSON array of `{ location, reason }`, the first 1,000 skips. */
  skips: Generated<string>;
  error: string | null;
  /** The process that runs it: an import still `running` whose process is gone was cut off. */
  pid: number | null;
}

/** The person's own triage rules, applied in `position` order; the first that matches places a message. */
export interface MailRulesTable {
  id: Generated<number>;
  name: string;
  position: number;
  enabled: number;
  /** JSON of the rule's conditions (see mail/rules.ts). */
  conditions: string;
  /** JSON of its actions. */
  actions: string;
  createdAt: string;
  updatedAt: string;
}

/** Senders a provider may use without it being a leak: its processors, marked by the person. */
export interface AllowedSendersTable {
  id: Generated<number>;
  providerId: number;
  /** `provider:12`, `directory:slug` or `domain:example.com`. */
  senderKey: string;
  senderLabel: string;
  reason: string;
  createdAt: string;
}

/** Mail to the identity given to one provider, sent by another organisation (derived from messages). */
export interface LeakEventsTable {
  id: Generated<number>;
  identityId: number;
  ownerProviderId: number;
  senderKey: string;
  senderProviderId: number | null;
  senderLabel: string;
  firstSeen: string;
  lastSeen: string;
  messageCount: number;
}

export interface MessagesTable {
  id: Generated<number>;
  fingerprint: string;
  messageId: string | null;
  importId: number | null;
  location: string;
  sentAt: string | null;
  importedAt: string;
  fromAddress: string | null;
  fromName: string | null;
  /** The From header as shown and searched: `Name <address>`. */
  sender: string;
  recipients: string;
  subject: string;
  body: string;
  /** The header block, kept only when the original is not (over 16 MB): else read from the original. */
  headers: string | null;
  /** JSON of the message's Envelope (mail/types.ts), the input of classification. */
  envelope: string;
  size: number;
  attachmentCount: number;
  /** JSON array of parse warnings, or null. */
  warnings: string | null;
  isList: number;
  identityId: number | null;
  identityProviderId: number | null;
  identityAddress: string | null;
  identityHeader: string | null;
  identityHow: string | null;
  senderKey: string;
  senderProviderId: number | null;
  senderLabel: string;
  senderEvidence: string;
  leak: number;
  leakEventId: number | null;
  folder: string;
  attention: 'now' | 'today' | 'later' | 'never';
  muted: number;
  flagged: number;
  caseId: number | null;
  ruleId: number | null;
  ruleReason: string;
  /** The person placed it themselves: rules leave it where it is. */
  placedByHand: number;
}

export interface MessageRawTable {
  messageId: number;
  /** The message as it arrived, deflated (zlib): the evidence behind a leak or a classification. */
  compressed: Uint8Array;
}

export interface MessageAttachmentsTable {
  id: Generated<number>;
  messageId: number;
  filename: string | null;
  mimeType: string;
  size: number;
  disposition: string | null;
  contentId: string | null;
}

export interface MailStateTable {
  key: string;
  value: string;
}

/** A change campaign: a new version of a fact, to be told to those who hold an older one. */
export interface ChangeCampaignsTable {
  id: Generated<number>;
  factId: number;
  /** The version the providers are told about. */
  toVersion: number;
  language: string;
  /** Days to wait for an answer after sending, before an item is overdue. */
  waitDays: number;
  createdAt: string;
  closedAt: string | null;
}

/** One provider in a campaign: the message to it, and how far it got. */
export interface ChangeItemsTable {
  id: Generated<number>;
  campaignId: number;
  providerId: number;
  /** The version it held when the campaign started; null for a provider added by hand. */
  heldVersion: number | null;
  channel: string | null;
  identityId: number | null;
  recipient: string | null;
  /** Why it cannot be sent as it is (no channel, no identity), in words. */
  problem: string | null;
  subject: string;
  body: string;
  state: string;
  sentOn: string | null;
  acknowledgedOn: string | null;
  confirmedOn: string | null;
  failure: string | null;
  outboxId: number | null;
  /** Follow-ups drafted after the answer was late (migration 13). */
  followUps: Generated<number>;
  /** The day the latest follow-up went out; the next answer is due from it. */
  followedUpOn: string | null;
  updatedAt: string;
}

/** The calendar feed's namespace and secret address, as its SHA-256 (migration 10; one row). */
export interface CalendarFeedTable {
  id: number;
  namespace: string;
  tokenHash: string | null;
  tokenCreatedAt: string | null;
}

/** Each event the calendar feed has shown: its content hash and SEQUENCE (migration 10). */
export interface CalendarEventsTable {
  uid: string;
  hash: string;
  sequence: number;
  changedAt: string;
  removedAt: string | null;
}

/** The person's own SMTP server (issue 15): one row. The password never leaves the store. */
export interface SmtpSettingsTable {
  id: number;
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'none';
  username: string;
  password: string | null;
  displayName: string | null;
  allowSelfSigned: number;
  createdAt: string;
  updatedAt: string;
}

/** One message, letter or web-form text to a provider, from draft to sent (see outbound/). */
export interface OutboxItemsTable {
  id: Generated<number>;
  providerId: number;
  channel: 'email' | 'letter' | 'web_form';
  state: 'draft' | 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';
  subject: string;
  body: string;
  /** What it was written for (a change campaign's item, a data request), for that area to find. */
  purposeKind: string | null;
  purposeId: number | null;
  identityId: number | null;
  fromAddress: string | null;
  /** The name it goes out under: a persona's; NULL for the sending settings' display name. */
  fromName: string | null;
  /** JSON `[{ filename, contentType, text }]`: text files that go with an e-mail; NULL for none. */
  attachments: string | null;
  toAddress: string | null;
  webForm: string | null;
  /** Made with the draft; the Message-ID carries it, so a send is recognised again. */
  idempotencyKey: string;
  messageId: string | null;
  /** The exact RFC 5322 bytes, stored before the send. */
  raw: Buffer | null;
  failure: string | null;
  interactionId: number | null;
  documentId: number | null;
  sendingAt: string | null;
  sentAt: string | null;
  repliedAt: string | null;
  replyMessageId: string | null;
  /** The Message-ID (without brackets) this e-mail follows up, for In-Reply-To (migration 13). */
  inReplyTo: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How far the outbound area has looked through imported mail for replies (a watermark). */
export interface OutboundStateTable {
  key: string;
  value: string;
}

export interface Database {
  facts: FactsTable;
  fact_versions: FactVersionsTable;
  providers: ProvidersTable;
  provider_domains: ProviderDomainsTable;
  accounts: AccountsTable;
  contracts: ContractsTable;
  contract_prices: ContractPricesTable;
  cases: CasesTable;
  interactions: InteractionsTable;
  documents: DocumentsTable;
  audit_log: AuditLogTable;
  signing_keys: SigningKeysTable;
  alias_strategies: AliasStrategiesTable;
  identities: IdentitiesTable;
  personal_terms: PersonalTermsTable;
  disclosure_policies: DisclosurePoliciesTable;
  agreements: AgreementsTable;
  agreement_records: AgreementRecordsTable;
  disclosures: DisclosuresTable;
  consent_receipts: ConsentReceiptsTable;
  disclosure_packages: DisclosurePackagesTable;
  mail_sources: MailSourcesTable;
  mail_sync: MailSyncTable;
  mail_imports: MailImportsTable;
  mail_rules: MailRulesTable;
  allowed_senders: AllowedSendersTable;
  leak_events: LeakEventsTable;
  messages: MessagesTable;
  message_raw: MessageRawTable;
  message_attachments: MessageAttachmentsTable;
  mail_state: MailStateTable;
  change_campaigns: ChangeCampaignsTable;
  change_items: ChangeItemsTable;
  calendar_feed: CalendarFeedTable;
  calendar_events: CalendarEventsTable;
  smtp_settings: SmtpSettingsTable;
  outbox_items: OutboxItemsTable;
  outbound_state: OutboundStateTable;
  request_campaigns: RequestCampaignsTable;
  proceedings: ProceedingsTable;
  proceeding_messages: ProceedingMessagesTable;
  proceeding_answers: ProceedingAnswersTable;
  proceeding_answer_files: ProceedingAnswerFilesTable;
  discovery_dismissals: DiscoveryDismissalsTable;
  bank_accounts: BankAccountsTable;
  bank_imports: BankImportsTable;
  bank_transactions: BankTransactionsTable;
  payee_rules: PayeeRulesTable;
  csv_mappings: CsvMappingsTable;
  money_alert_states: MoneyAlertStatesTable;
  personas: PersonasTable;
  persona_statements: PersonaStatementsTable;
  persona_shown: PersonaShownTable;
  intents: IntentsTable;
  intent_recipients: IntentRecipientsTable;
  offers: OffersTable;
}

/** Every table that holds the person's data, in an order where each row's references come first. */
export const DATA_TABLES = [
  'facts',
  'fact_versions',
  'providers',
  'provider_domains',
  'accounts',
  'cases',
  'contracts',
  'interactions',
  'documents',
  'signing_keys',
  'alias_strategies',
  'identities',
  'personal_terms',
  'disclosure_policies',
  'agreements',
  'agreement_records',
  'disclosures',
  'consent_receipts',
  'disclosure_packages',
  // Mail: what the person set up and decided. Messages are not here: they are re-imported from
  // their source, and the decisions below re-apply to them (docs/mail.md).
  'mail_sources',
  'mail_rules',
  'allowed_senders',
  'change_campaigns',
  'change_items',
  // Outbound (issue 15): the sending settings and every item of the outbox.
  'smtp_settings',
  'outbox_items',
  // Data-subject requests (issue 16): proceedings, their messages and the answers they got.
  'request_campaigns',
  'proceedings',
  'proceeding_messages',
  'proceeding_answers',
  'proceeding_answer_files',
  // Who else has my data (issue 16): the organisations the person dismissed.
  'discovery_dismissals',
  // My money (issue 17): accounts, imports, bookings, the person's payee rules and CSV mappings.
  'bank_accounts',
  'bank_imports',
  'bank_transactions',
  'payee_rules',
  'csv_mappings',
  // A contract's price history (issue 17).
  'contract_prices',
  // What the person decided about an alert on their money (issue 17): dismissed, or a case.
  'money_alert_states',
  // Intents (issue 18): the personas the person shops under, what each says, whom each was shown.
  'personas',
  'persona_statements',
  'persona_shown',
  'intents',
  'intent_recipients',
  'offers',
] as const satisfies readonly (keyof Database)[];

export type DataTable = (typeof DATA_TABLES)[number];

/**
 * Tables whose inserts are not written to the audit log one row at a time: imported records that
 * arrive in hundreds of thousands, whose import is itself an audited record saying what came in
 * from which file (`bank_imports`). What the person changes later (a booking's provider, its
 * confirmation) and deletes are audited as everywhere. A trigger per inserted booking halved the
 * bank import's speed (issue 17: 100,000 bookings at 20,000 a second).
 */
export const AUDIT_SKIPPED_INSERTS: readonly DataTable[] = ['bank_transactions'];

/** Columns kept out of the audit log because they are large; their digest stands in for them. */
export const AUDIT_EXCLUDED_COLUMNS: Partial<Record<DataTable, readonly string[]>> = {
  documents: ['content'],
  // The private signing key never goes into the log; its public half and thumbprint do.
  signing_keys: ['private_jwk'],
  personas: ['private_jwk'],
  disclosure_packages: ['holder_key'],
  // Secrets never go into logs, not even the one inside the encrypted store.
  mail_sources: ['password'],
  smtp_settings: ['password'],
  // The stored message bytes: large, and kept whole as the provider's document once sent.
  outbox_items: ['raw'],
};
