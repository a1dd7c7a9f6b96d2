import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { IdentityService } from '../identities/service.js';
import type { KeyService } from '../keys/service.js';
import type { Clock } from '../platform/clock.js';
import { isoDateSchema, todayUtc, type IsoDate } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import type { DisclosuresTable } from '../platform/db/schema.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput, validationError } from '../platform/validation.js';
import type { Provider, ProviderService } from '../providers/service.js';
import type { Purpose, Terms } from '../terms/roster.js';
import { AgreementRepository } from '../terms/repository.js';
import type { TermsService } from '../terms/service.js';
import { versionAt, type FactWithHistory, type VaultService } from '../vault/service.js';
import { HoldingsView } from './holdings.js';
import type { Evaluation, PolicyService } from './policy.js';
import { iso27560Record } from './iso27560.js';
import { readReceipt } from './receipt-schema.js';
import { kantaraReceipt, RECEIPT_TYP, thumbprintUrn, type KantaraReceipt } from './receipts.js';
import { DisclosureRepository, ReceiptRepository, type NewDisclosure } from './repository.js';
import { recordInput, type RecordInput } from './schemas.js';

export type Channel = DisclosuresTable['channel'];

export interface Disclosure {
  readonly id: number;
  readonly event: string;
  readonly providerId: number;
  readonly provider: string;
  readonly factId: number | null;
  readonly factVersion: number | null;
  readonly identityId: number | null;
  /** What went, as people read it: the fact's label and the version's summary, or the identity. */
  readonly what: string;
  readonly disclosedOn: IsoDate;
  readonly channel: Channel;
  readonly purposes: readonly Purpose[];
  readonly termsCode: string | null;
  readonly agreementId: number | null;
  readonly policyOverride: string | null;
  readonly note: string | null;
  readonly createdAt: string;
  readonly withdrawnOn: IsoDate | null;
}

export type { Holding, IdentityHolding } from './holdings.js';

export interface Recorded {
  readonly event: string;
  readonly disclosures: readonly Disclosure[];
  /**
   * What the policy check says of it. For a disclosure recorded after the fact this is information
   * only (what the policy would have said); for one shared now it is what let it go.
   */
  readonly evaluation: Evaluation;
  /** The evaluation in one sentence, naming facts by label and kind. */
  readonly verdict: string;
  readonly receipt: { readonly receiptId: string; readonly jws: string } | null;
}

const identityField = { email: 'email', phone: 'phone', postal: 'postal_address' } as const;

/**
 * The disclosure ledger: which fact (which version of it) or identity went to which provider,
 * when, by which channel, for which purposes and under which terms. Recording runs the policy
 * check; a disclosure under terms yields a signed consent receipt, in the same transaction.
 */
export class DisclosureService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly vault: VaultService,
    private readonly identities: IdentityService,
    private readonly terms: TermsService,
    private readonly policies: PolicyService,
    private readonly keys: KeyService,
  ) {}

  private readonly repo = (db: Db = this.db) => new DisclosureRepository(db);
  private readonly holdingsView = () => new HoldingsView(this.db, this.providers, this.vault);

  /**
   * Records a disclosure that already happened: facts and identities that went to a provider. What
   * was given is a fact, so it is recorded whatever the policies say; the policy check still runs,
   * and what it would have said comes back with the record (`evaluation`, `verdict`). The reason
   * (`override`), if the policy would have refused, is kept with the record.
   *
   * @example await ledger.record({ provider: 'Acme', facts: [3], purposes: ['delivery'], on: '2024-05-01' })
   */
  async record(input: RecordInput, options: WriteOptions = {}): Promise<Recorded> {
    return this.write(await this.prepare(input, { enforce: false }), options);
  }

  /**
   * Shares facts and identities with a provider from now on (a signed package, or a disclosure the
   * person is about to make). The policy check governs this: if it refuses any of them, nothing is
   * recorded unless `override` gives the reason for going ahead.
   *
   * @example await ledger.share({ provider: 'Acme', facts: [3], purposes: ['delivery'], terms: 'SD-BASE' })
   */
  async share(input: RecordInput, options: WriteOptions = {}): Promise<Recorded> {
    const today = todayUtc(this.clock());
    if (input.on !== undefined && input.on !== today) {
      throw new VrmError(
        'invalid_input',
        `disclosure: given on: sharing happens today (${today}); a disclosure made on another day is recorded, not shared`,
        { details: [{ path: 'on', message: 'sharing happens today' }] },
      );
    }
    return this.write(await this.prepare(input, { enforce: true }), options);
  }

  private async write(prepared: Prepared, options: WriteOptions): Promise<Recorded> {
    const { parsed, provider, facts, identities, terms, agreement, evaluation, refused } = prepared;
    const on = parsed.on ?? todayUtc(this.clock());
    const event = options.event ?? randomUUID();
    const now = this.clock();
    const channel = options.channel ?? parsed.channel;
    const base = {
      event,
      providerId: provider.id,
      disclosedOn: on,
      channel,
      purposes: JSON.stringify([...new Set(parsed.purposes)]),
      termsCode: terms?.code ?? null,
      agreementId: agreement?.id ?? null,
      policyOverride: refused ? (parsed.override ?? null) : null,
      note: parsed.note ?? null,
      createdAt: now.toISOString(),
      withdrawnOn: null,
    } satisfies Partial<NewDisclosure>;
    const rows: NewDisclosure[] = [
      ...facts.map((f) => ({
        ...base,
        factId: f.id,
        factVersion: versionAt(f.history, on)?.version ?? f.current.version,
        identityId: null,
      })),
      ...identities.map((i) => ({ ...base, factId: null, factVersion: null, identityId: i.id })),
    ];

    // Signing reads the key outside the transaction; the rows and the receipt are written in one.
    const receipt =
      options.receipt ??
      (terms
        ? await this.signReceipt({
            provider,
            terms,
            // Consent was given on the day of the disclosure; a past one is dated then, at noon UTC.
            at: on === todayUtc(this.clock()) ? now : new Date(`${on}T12:00:00.000Z`),
            channel,
            purposes: parsed.purposes,
            facts,
            identityCount: identities.length,
          })
        : null);
    await inTransaction(this.db, async (trx) => {
      await this.repo(trx).insertMany(rows);
      if (receipt) {
        await new ReceiptRepository(trx).insert({
          receiptId: receipt.receiptId,
          event,
          providerId: provider.id,
          issuedAt: now.toISOString(),
          jws: receipt.jws,
        });
      }
      await options.within?.(trx);
    });
    return {
      event,
      disclosures: await this.list({ event }),
      evaluation,
      verdict: verdictOf(evaluation),
      receipt: receipt && { receiptId: receipt.receiptId, jws: receipt.jws },
    };
  }

  /**
   * Runs every check of `record` without recording anything; with `share`, those of `share`, so a
   * refusal the policy check makes (and no reason given) is an error.
   */
  async preview(
    input: RecordInput,
    options: { share?: boolean } = {},
  ): Promise<{ evaluation: Evaluation; refused: boolean; verdict: string }> {
    const { evaluation, refused } = await this.prepare(input, { enforce: options.share === true });
    return { evaluation, refused, verdict: verdictOf(evaluation) };
  }

  private async prepare(input: RecordInput, { enforce }: { enforce: boolean }): Promise<Prepared> {
    const parsed = parseInput(recordInput, input, 'disclosure');
    if (parsed.facts.length === 0 && parsed.identities.length === 0) {
      throw new VrmError('invalid_input', 'disclosure: name at least one fact or identity that was given');
    }
    const provider = await this.providers.get(parsed.provider);
    const facts = await Promise.all([...new Set(parsed.facts)].map((id) => this.vault.get(id)));
    const identities = await Promise.all(
      [...new Set(parsed.identities)].map((id) => this.identities.get(id)),
    );
    for (const identity of identities) {
      if (identity.providerId !== null && identity.providerId !== provider.id) {
        const owner = await this.providers.get(identity.providerId);
        throw new VrmError(
          'conflict',
          `identity ${identity.value} was given to ${owner.name}, not to ${provider.name}`,
        );
      }
    }
    // Terms named are looked up first (their code's own case), then the agreement that accepted them;
    // with none named, the provider's latest accepted agreement gives the terms.
    const named = parsed.terms ? await this.terms.get(parsed.terms) : null;
    const agreement = await this.acceptedAgreement(provider.id, named?.code ?? null);
    const terms = named ?? (agreement ? await this.terms.get(agreement.termsCode) : null);
    const fields = [...facts.map((f) => `fact:${f.id}`), ...identities.map((i) => identityField[i.kind])];
    const evaluation = await this.policies.evaluate({
      provider: provider.id,
      fields,
      purposes: parsed.purposes,
      terms: terms?.code ?? null,
    });
    const refusals = evaluation.decisions.filter((d) => !d.allowed);
    if (enforce && refusals.length > 0 && !parsed.override) {
      throw new VrmError(
        'conflict',
        `the policy check refuses ${refusals.map((d) => `${d.label} (${d.reason})`).join('; ')}: change the policy, or share it anyway with your reason`,
        { details: refusals.map((d) => ({ path: d.label, message: d.reason })) },
      );
    }
    return {
      parsed,
      provider,
      facts,
      identities,
      terms,
      agreement,
      evaluation,
      refused: refusals.length > 0,
    };
  }

  async list(
    filter: {
      provider?: number | string | undefined;
      fact?: number | undefined;
      event?: string;
      includeWithdrawn?: boolean;
    } = {},
  ): Promise<Disclosure[]> {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const factId = filter.fact === undefined ? undefined : (await this.vault.get(filter.fact)).id;
    const rows = await this.repo().list({
      providerId,
      factId,
      event: filter.event,
      // The disclosures of one event are shown whole, withdrawn or not.
      includeWithdrawn: filter.includeWithdrawn === true || filter.event !== undefined,
    });
    const facts = new Map((await this.vault.list({ includeRetired: true })).map((f) => [f.id, f]));
    const identities = new Map((await this.identities.list()).map((i) => [i.id, i]));
    return rows.map((r) => {
      const fact = r.factId === null ? undefined : facts.get(r.factId);
      const given = fact?.history.find((v) => v.version === r.factVersion);
      const identity = r.identityId === null ? undefined : identities.get(r.identityId);
      return {
        id: r.id,
        event: r.event,
        providerId: r.providerId,
        provider: r.provider,
        factId: r.factId,
        factVersion: r.factVersion,
        identityId: r.identityId,
        what: fact
          ? `${fact.label} (v${r.factVersion ?? '?'}): ${given?.summary ?? ''}`
          : identity
            ? `identity ${identity.id}: ${identity.kind === 'postal' ? `tag ${identity.tag ?? ''}` : identity.value}`
            : '',
        disclosedOn: r.disclosedOn,
        channel: r.channel,
        purposes: JSON.parse(r.purposes) as Purpose[],
        termsCode: r.termsCode,
        agreementId: r.agreementId,
        policyOverride: r.policyOverride,
        note: r.note,
        createdAt: r.createdAt,
        withdrawnOn: r.withdrawnOn,
      };
    });
  }

  async get(id: number): Promise<Disclosure> {
    const event = await this.repo().eventOf(id);
    if (event === undefined) throw notFound('disclosure', id);
    const found = (await this.list({ event })).find((d) => d.id === id);
    if (!found) throw notFound('disclosure', id);
    return found;
  }

  /** The provider was asked to erase it (or did): it no longer counts as holding it. */
  async withdraw(id: number, on?: string): Promise<Disclosure> {
    const disclosure = await this.get(id);
    if (disclosure.withdrawnOn)
      throw new VrmError('conflict', `disclosure ${id} was withdrawn on ${disclosure.withdrawnOn}`);
    const date = on === undefined ? todayUtc(this.clock()) : parseInput(isoDateSchema, on, 'withdrawal date');
    await this.repo().withdraw(id, date);
    return this.get(id);
  }

  /** Who holds a fact, and who holds an outdated version of it. */
  forFact(id: number): ReturnType<HoldingsView['forFact']> {
    return this.holdingsView().forFact(id);
  }

  /** Everything a provider knows about the person, and since when. */
  forProvider(ref: number | string): ReturnType<HoldingsView['forProvider']> {
    return this.holdingsView().forProvider(ref);
  }

  /**
   * The who-knows-what grid: every provider that holds something × every fact, a cell where it
   * holds that fact, marked when what it holds is out of date.
   */
  matrix(): ReturnType<HoldingsView['matrix']> {
    return this.holdingsView().matrix();
  }

  /** The receipts of a provider (or all), with the Kantara JSON decoded. */
  async receipts(filter: { provider?: number | string | undefined } = {}) {
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    const rows = await new ReceiptRepository(this.db).list(providerId);
    return rows.map((r) => ({ ...r, receipt: decodePayload(r.jws) as KantaraReceipt }));
  }

  /** One receipt by its id or receipt UUID, verified against the person's keys, and its 27560 form. */
  async receipt(ref: string) {
    const repo = new ReceiptRepository(this.db);
    const row = await repo.byRef(/^[1-9]\d*$/.test(ref) ? { id: Number(ref) } : { receiptId: ref });
    if (!row) throw notFound('consent receipt', ref);
    const verified = await this.keys.verify(row.jws, { typ: RECEIPT_TYP });
    const receipt = verified.payload as unknown as KantaraReceipt;
    const code = /under (\S+) \(/.exec(receipt.services[0]?.service ?? '')?.[1];
    const terms = code ? await this.terms.find(code) : undefined;
    const packageExpiresAt = await repo.packageExpiry(row.event);
    return {
      id: row.id,
      receiptId: row.receiptId,
      event: row.event,
      providerId: row.providerId,
      issuedAt: row.issuedAt,
      jws: row.jws,
      kid: verified.kid ?? null,
      receipt,
      iso27560: terms ? iso27560Record(receipt, terms, row.jws, { packageExpiresAt }) : null,
    };
  }

  /**
   * Verifies a consent receipt given as a compact JWS, from anywhere: the signature (with this
   * store's keys, or the public key given), the header's `typ`, every field the Kantara
   * specification requires with vrm's value rules, and that `publicKey` and `iss` name the key
   * that signed it. Each failure is an `invalid_input` error that says why.
   */
  async verifyReceipt(jws: string, options: { key?: JWK } = {}) {
    const verified = await this.keys.verify(jws, {
      typ: RECEIPT_TYP,
      ...(options.key ? { key: options.key } : {}),
    });
    const { receipt, problems } = readReceipt(verified.payload);
    if (!receipt) throw validationError(problems, 'not a valid Kantara CR v1.1 consent receipt');
    const signer = thumbprintUrn(
      options.key ? await calculateJwkThumbprint(options.key, 'sha256') : (verified.kid ?? ''),
    );
    // The specification leaves `publicKey` optional; vrm's receipts carry it, and `iss`.
    for (const field of ['publicKey', 'iss'] as const) {
      const named = receipt[field];
      if (named !== undefined && named !== signer) {
        throw new VrmError(
          'invalid_input',
          `${field} names ${named}, but the receipt was signed with ${signer}`,
          { details: [{ path: field, message: 'does not name the signing key' }] },
        );
      }
    }
    return {
      valid: true as const,
      knownKey: options.key === undefined,
      kid: verified.kid ?? null,
      signer,
      issuedBy: receipt.receiptIssuer?.role ?? null,
      receipt,
    };
  }

  /** Issues the Kantara receipt for one disclosure event, signed with the person's key. */
  async signReceipt(input: {
    provider: Provider;
    terms: Terms;
    at: Date;
    channel: string;
    purposes: readonly Purpose[];
    facts: readonly FactWithHistory[];
    identityCount: number;
  }): Promise<{ receiptId: string; jws: string; receipt: KantaraReceipt }> {
    const key = await this.keys.signingKey();
    const alias = (await this.identities.list({ provider: input.provider.id, kind: 'email' })).find(
      (i) => !i.retiredAt,
    );
    const receiptId = randomUUID();
    const receipt = kantaraReceipt({
      receiptId,
      at: input.at,
      channel: input.channel,
      kid: key.kid,
      principal: alias?.value ?? thumbprintUrn(key.kid),
      provider: input.provider,
      terms: input.terms,
      purposes: [...new Set(input.purposes)],
      kinds: [...input.facts.map((f) => f.kind), ...(input.identityCount > 0 ? (['identity'] as const) : [])],
    });
    return { receiptId, jws: await this.keys.sign(receipt, RECEIPT_TYP), receipt };
  }

  private async acceptedAgreement(providerId: number, code: string | null) {
    return new AgreementRepository(this.db).latestAccepted(providerId, code);
  }
}

export type WriteOptions = {
  channel?: Channel;
  event?: string;
  /** A receipt signed already (by the package issuer, whose SD-JWT names it). */
  receipt?: { receiptId: string; jws: string };
  /** More writes that belong to the same act, in the same transaction. */
  within?: (trx: Db) => Promise<void>;
};

/** What `prepare` found: the input read, what it names, and the policy check's answer. */
interface Prepared {
  readonly parsed: z.output<typeof recordInput>;
  readonly provider: Provider;
  readonly facts: readonly FactWithHistory[];
  readonly identities: readonly Awaited<ReturnType<IdentityService['get']>>[];
  readonly terms: Terms | null;
  readonly agreement: Awaited<ReturnType<AgreementRepository['latestAccepted']>>;
  readonly evaluation: Evaluation;
  readonly refused: boolean;
}

/** The policy check's answer in one sentence: "Allowed: …", or what it refuses and why. */
export function verdictOf(evaluation: Evaluation): string {
  const refused = evaluation.decisions.filter((d) => !d.allowed);
  if (refused.length === 0) {
    return `Your policies allow ${evaluation.decisions.map((d) => d.label).join(', ')} for ${evaluation.purposes.join(', ')}.`;
  }
  return `Your policies would refuse ${refused.map((d) => `${d.label}: ${d.reason}`).join('; ')}.`;
}

function decodePayload(jws: string): unknown {
  const part = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
}
