/**
 * Intents (issue 18, point 2): what a person wants to buy, where and when, up to what price and on
 * which terms, said under a persona and answered by a day. Published as a schema.org `Demand`
 * signed by the persona's key (`demand.ts`), and as text to paste into a vendor's web form.
 * Nothing of an intent may give the person away: its words are checked as the persona's are.
 */
import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { Clock } from '../platform/clock.js';
import { todayUtc, type IsoDate } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseAmount } from '../platform/money.js';
import { qrPicture, type QrPicture } from '../platform/qr.js';
import { parseId, parseInput } from '../platform/validation.js';
import type { ContractService } from '../providers/contracts.js';
import type { TermsService } from '../terms/service.js';
import {
  demandOf,
  demandText,
  signDemand,
  type DemandDocument,
  type IntentContent,
  type IntentPersona,
} from './demand.js';
import type { Persona, PersonaService } from './personas.js';
import { IntentRepository, type IntentRow } from './repository.js';
import { intentInput, type IntentInput } from './schemas.js';

/** The terms an intent is made under unless the person names others. */
export const DEFAULT_INTENT_TERMS = ['PDC-INTENT'] as const;

export interface Intent extends IntentContent {
  readonly id: number;
  readonly personaId: number;
  readonly personaName: string;
  /** Where offers go: the persona's alias. */
  readonly alias: string;
  readonly status: 'draft' | 'cast' | 'closed';
  /** The contract it would replace, as the person named it; null: found by its name when compared. */
  readonly contractId: number | null;
  readonly createdAt: string;
  readonly castAt: string | null;
  readonly closedAt: string | null;
}

/** An intent as it is published. */
export interface IntentDocument {
  /** The schema.org Demand. */
  readonly demand: DemandDocument;
  /** The Demand signed by the persona's key (compact JWS, ES256). */
  readonly jws: string;
  /** The key it verifies with: the persona's, never the person's. */
  readonly kid: string;
  readonly publicJwk: JWK;
  /** The same intent as text for a web form. */
  readonly text: string;
}

const intentOf = (row: IntentRow, persona: Persona): Intent => ({
  id: row.id,
  identifier: row.identifier,
  personaId: row.personaId,
  personaName: persona.displayName,
  alias: persona.alias,
  category: row.category,
  description: row.description,
  quantity:
    row.quantityValue !== null && row.quantityUnit !== null
      ? { value: row.quantityValue, unit: row.quantityUnit }
      : undefined,
  where: row.place ?? undefined,
  from: row.wantedFrom ?? undefined,
  until: row.wantedUntil ?? undefined,
  budget:
    row.budgetMinor !== null && row.currency !== null
      ? { maxMinor: row.budgetMinor, currency: row.currency, per: row.budgetPer ?? undefined }
      : undefined,
  terms: JSON.parse(row.terms) as Intent['terms'],
  answerBy: row.answerBy,
  status: row.status,
  contractId: row.contractId,
  createdAt: row.createdAt,
  castAt: row.castAt,
  closedAt: row.closedAt,
});

const personaView = (persona: Persona): IntentPersona => ({
  displayName: persona.displayName,
  alias: persona.alias,
  statements: persona.statements.map((s) => ({
    label: s.form === 'own_words' ? '' : s.text.slice(0, s.text.indexOf(': ')),
    value: s.text,
    text: s.text,
  })),
});

export class IntentService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly personas: PersonaService,
    private readonly terms: TermsService,
    private readonly contracts: ContractService,
  ) {}

  private readonly repo = () => new IntentRepository(this.db);

  /**
   * Makes an intent under a persona, as a draft: nothing is sent. Refused with the reason: a
   * retired persona, an answer-by day not after today, an end before the start, a budget that is
   * no amount, terms that do not exist, or words that give the person away.
   *
   * @example await intents.create({ persona: 1, category: 'car insurance', description: '…', answerBy: '2026-12-20' })
   */
  async create(input: IntentInput): Promise<Intent> {
    const parsed = parseInput(intentInput, input, 'intent');
    const persona = await this.personas.get(parsed.persona);
    if (persona.retiredAt !== null)
      throw new VrmError(
        'conflict',
        `intent: persona ${persona.displayName} is retired: make a new persona for a new intent`,
      );
    const today: IsoDate = todayUtc(this.clock());
    if (parsed.answerBy <= today)
      throw new VrmError(
        'invalid_input',
        `intent: answerBy ${parsed.answerBy} is not after today (${today}): give vendors time to answer`,
      );
    if (parsed.from && parsed.until && parsed.until < parsed.from)
      throw new VrmError('invalid_input', `intent: until ${parsed.until} is before from ${parsed.from}`);
    let budgetMinor: number | null = null;
    if (parsed.budget) {
      const minor = parseAmount(parsed.budget.amount, parsed.budget.currency);
      if (typeof minor === 'string') throw new VrmError('invalid_input', `intent: budget: ${minor}`);
      if (minor <= 0)
        throw new VrmError('invalid_input', 'intent: budget: the most you will pay must be more than 0');
      budgetMinor = minor;
    }
    const terms = [];
    for (const code of parsed.terms ?? DEFAULT_INTENT_TERMS) {
      const found = await this.terms.get(code);
      terms.push({ code: found.code, summary: found.summary, url: found.url });
    }
    for (const [what, words] of [
      ['category', parsed.category],
      ['description', parsed.description],
      ['where', parsed.where],
      ['quantity', parsed.quantity?.unit],
    ] as const) {
      if (words === undefined) continue;
      const [exposure] = await this.personas.exposures(words);
      if (exposure)
        throw new VrmError(
          'invalid_input',
          `intent: ${what} gives you away: it holds ${exposure.what}. An intent says only what the persona may: leave it out, or attach the fact to the persona generalised`,
        );
    }
    const id = await this.repo().insert({
      identifier: `urn:uuid:${randomUUID()}`,
      personaId: persona.id,
      category: parsed.category,
      description: parsed.description,
      quantityValue: parsed.quantity?.value ?? null,
      quantityUnit: parsed.quantity?.unit ?? null,
      place: parsed.where ?? null,
      wantedFrom: parsed.from ?? null,
      wantedUntil: parsed.until ?? null,
      budgetMinor,
      currency: parsed.budget?.currency ?? null,
      budgetPer: parsed.budget?.per ?? null,
      terms: JSON.stringify(terms),
      answerBy: parsed.answerBy,
      status: 'draft',
      contractId: parsed.replaces === undefined ? null : (await this.contracts.get(parsed.replaces)).id,
      createdAt: this.clock().toISOString(),
      castAt: null,
      closedAt: null,
    });
    return this.get(id);
  }

  async list(): Promise<Intent[]> {
    const personas = new Map((await this.personas.list()).map((p) => [p.id, p]));
    return (await this.repo().list()).flatMap((row) => {
      const persona = personas.get(row.personaId);
      return persona ? [intentOf(row, persona)] : [];
    });
  }

  async get(id: number): Promise<Intent> {
    const row = await this.repo().get(parseId(id, 'intent'));
    if (!row) throw notFound('intent', id);
    return intentOf(row, await this.personas.get(row.personaId));
  }

  /**
   * The intent as published: the Demand, signed by its persona's key, and its text. Checked once
   * more before it is handed out: nothing of it may give the person away.
   */
  async document(id: number): Promise<IntentDocument> {
    const intent = await this.get(id);
    const key = await this.personas.signingKey(intent.personaId);
    const persona = personaView(key.persona);
    const demand = demandOf(intent, persona);
    const text = demandText(intent, persona);
    const jws = await signDemand(demand, key);
    // What the person let the persona state in full may be in it; nothing else of theirs.
    const inFull = new Set(key.persona.statements.filter((s) => !s.generalised).map((s) => s.factId));
    const [exposure] = (
      await this.personas.exposures(`${text}\n${jws}`, { persona: intent.personaId })
    ).filter((e) => e.factId === null || !inFull.has(e.factId));
    if (exposure)
      throw new VrmError(
        'conflict',
        `intent ${intent.id} would give you away: it holds ${exposure.what} (${exposure.where}); change what its persona says or the intent's words`,
      );
    return { demand, jws, kid: key.kid, publicJwk: key.persona.publicJwk, text };
  }

  /**
   * The signed intent (its compact JWS) as a QR code, for a vendor's counter or a printed page;
   * or, when it is longer than a phone can read, why not and what to do instead.
   */
  async qr(id: number): Promise<QrPicture> {
    const { jws } = await this.document(id);
    return qrPicture(jws, {
      what: 'This signed intent',
      instead: `give the vendor the file instead (\`vrm intent document ${String(id)} --out intent.jws\`), or shorten its description`,
    });
  }
}
