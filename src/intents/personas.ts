/**
 * Pseudonymous personas (issue 18, point 1): one is made for each intent, with a fresh alias of
 * its own, a display name the person chooses (or one made up), a signing key of its own (never the
 * person's main key) and, if the person wants, a postal pickup or PO box. It says only what the
 * person attaches: vault facts generalised (`statements.ts`), in full only on the person's word,
 * or words of the person's own, which must not give the person away (`exposure.ts`). Each persona
 * is in the identity ledger through its alias, with the providers it was shown to.
 */
import { randomInt } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import type { Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/validation.js';
import type { IdentityService } from '../identities/service.js';
import type { KeyService } from '../keys/service.js';
import type { VaultService } from '../vault/service.js';
import { exposuresIn, secretsOf, type Exposure, type Secret } from './exposure.js';
import { PersonaRepository, type NewPersonaStatement, type PersonaRow } from './repository.js';
import { personaInput, type PersonaInput } from './schemas.js';
import { defaultForm, statementOf, type StatementForm } from './statements.js';

/** What a persona says, as it is shown. */
export interface PersonaStatement {
  /** The vault fact it comes from; null for the person's own words or a fact since deleted. */
  readonly factId: number | null;
  /** A statement form, or `own_words`. */
  readonly form: StatementForm | 'own_words';
  readonly text: string;
  readonly generalised: boolean;
}

/** A provider the persona was shown to. */
export interface PersonaShown {
  readonly providerId: number;
  readonly providerName: string;
  readonly shownOn: string;
  readonly how: string;
}

export interface Persona {
  readonly id: number;
  readonly displayName: string;
  /** Its e-mail alias. */
  readonly alias: string;
  readonly identityId: number;
  /** Its key's thumbprint, the `kid` of what it signs. */
  readonly kid: string;
  readonly publicJwk: JWK;
  /** False on a persona restored without its private key: it can no longer sign. */
  readonly canSign: boolean;
  readonly pickup: string | null;
  readonly note: string | null;
  readonly statements: readonly PersonaStatement[];
  readonly shownTo: readonly PersonaShown[];
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

/** A sender that wrote to a persona's alias without having been shown the persona. */
export interface PersonaLeak {
  readonly senderKey: string;
  readonly sender: string;
  /** How the sender was told: the header and domain that name it. */
  readonly evidence: string;
  readonly firstSeen: string;
  readonly messages: { id: number; at: string; subject: string; to: string | null }[];
}

export interface PersonaLeaks {
  readonly persona: string;
  /** Since when mail from others is a leak: the persona's retirement, or its intents' close. */
  readonly watchingSince: string | null;
  readonly leaks: readonly PersonaLeak[];
}

const OWN_WORDS = 'own_words';

/** Words for made-up names: plain, of no language's people, and many enough to rarely repeat. */
const FIRST = [
  'Quiet',
  'Amber',
  'Silver',
  'Northern',
  'Hidden',
  'Patient',
  'Bright',
  'Calm',
  'Distant',
  'Gentle',
  'Hollow',
  'Lucky',
];
const SECOND = [
  'Harbour',
  'Meadow',
  'Lantern',
  'Orchard',
  'Compass',
  'Heron',
  'Willow',
  'Beacon',
  'Pebble',
  'Summit',
  'Canyon',
  'Falcon',
];

const pick = (words: readonly string[]): string => words[randomInt(words.length)] ?? '';
const madeUpName = (): string => `${pick(FIRST)} ${pick(SECOND)} ${randomInt(10, 100)}`;

export class PersonaService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly vault: VaultService,
    private readonly identities: IdentityService,
    private readonly keys: KeyService,
  ) {}

  private readonly repo = (db: Db = this.db) => new PersonaRepository(db);

  /**
   * Makes a persona: its alias, key and statements in one transaction. Refuses what would give
   * the person away: a fact in full without their word, a name, pickup or words of their own that
   * hold a fact of theirs.
   *
   * @example await personas.create({ displayName: 'Quiet Harbour', states: [{ fact: 3, form: 'postcode_area' }, { says: 'no claims for 6 years' }] })
   */
  async create(input: PersonaInput): Promise<Persona> {
    const parsed = parseInput(personaInput, input, 'persona');
    const secrets = await this.secrets();
    const today = todayUtc(this.clock());
    const refuseIfExposing = (what: string, text: string) => {
      const [exposure] = exposuresIn(text, secrets);
      if (exposure)
        throw new VrmError(
          'invalid_input',
          `persona: ${what} gives you away: it holds ${exposure.what}. A persona states your facts only generalised, from the vault: leave it out, or state the fact with a form`,
        );
    };
    if (parsed.displayName !== undefined) refuseIfExposing('the display name', parsed.displayName);
    if (parsed.pickup !== undefined) refuseIfExposing('the pickup address', parsed.pickup);
    const statements: Omit<NewPersonaStatement, 'personaId' | 'position' | 'createdAt'>[] = [];
    for (const [i, state] of (parsed.states ?? []).entries()) {
      if (state.says !== undefined) {
        refuseIfExposing(`statement ${i + 1} ("${state.says}")`, state.says);
        statements.push({
          factId: null,
          form: OWN_WORDS,
          label: '',
          value: state.says,
          text: state.says,
          generalised: true,
        });
        continue;
      }
      const fact = await this.vault.get(state.fact ?? 0);
      const form = state.form ?? (state.full === true ? 'full' : defaultForm(fact.kind));
      const statement = statementOf(
        { id: fact.id, kind: fact.kind, label: fact.label, value: fact.current.value },
        form,
        { today, fullAllowed: state.full === true },
      );
      statements.push({
        factId: fact.id,
        form: statement.form,
        label: statement.label,
        value: statement.value,
        text: statement.text,
        generalised: statement.generalised,
      });
    }
    const displayName = parsed.displayName ?? (await this.freeMadeUpName());
    if (await this.repo().byDisplayName(displayName))
      throw new VrmError(
        'conflict',
        `persona: there is a persona called "${displayName}" already: choose another name`,
      );
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    const now = this.clock().toISOString();
    let personaId = 0;
    await this.identities.aliasForPersona(displayName, parsed.strategy, {
      // A catch-all domain that names the person (alexmorgan.example) would give them away.
      vet: (address) => refuseIfExposing(`its alias ${address}`, address.slice(address.indexOf('@') + 1)),
      alongside: async (trx, identityId) => {
        const repo = this.repo(trx);
        personaId = await repo.insert({
          displayName,
          identityId,
          kid,
          publicJwk: JSON.stringify({ ...publicJwk, kid, alg: 'ES256', use: 'sig' }),
          privateJwk: JSON.stringify(privateJwk),
          pickup: parsed.pickup ?? null,
          note: parsed.note ?? null,
          createdAt: now,
          retiredAt: null,
        });
        await repo.insertStatements(
          statements.map((statement, position) => ({ ...statement, personaId, position, createdAt: now })),
        );
      },
    });
    return this.get(personaId);
  }

  async list(): Promise<Persona[]> {
    return this.views(await this.repo().list());
  }

  async get(id: number): Promise<Persona> {
    const row = await this.repo().get(parseId(id, 'persona'));
    if (!row) throw notFound('persona', id);
    const [persona] = await this.views([row]);
    return persona as Persona;
  }

  /** Retires a persona: it is used for no new intent; its alias stays watched (issue 18, point 4). */
  async retire(id: number): Promise<Persona> {
    const persona = await this.get(id);
    if (persona.retiredAt !== null)
      throw new VrmError(
        'conflict',
        `persona ${persona.displayName} was retired already, on ${persona.retiredAt.slice(0, 10)}`,
      );
    await this.repo().retire(persona.id, this.clock().toISOString());
    return this.get(persona.id);
  }

  /**
   * What of the person a text gives away (their name, an address, their phone…): empty when
   * nothing. Everything a persona sends is checked with it before it leaves; `speaking` names the
   * persona whose own alias the text may carry.
   */
  async exposures(text: string, speaking?: { readonly persona: number }): Promise<Exposure[]> {
    // A persona's own alias is what it writes from; every other address is the person's.
    const own = speaking ? (await this.get(speaking.persona)).identityId : undefined;
    return exposuresIn(text, await this.secrets(own));
  }

  /**
   * Who wrote to a retired persona's alias, or to one whose intents are all closed, without being
   * a vendor it was shown to: each such sender is a leak (issue 18, point 4), with the messages
   * and the evidence that tells who sent them. Before that, anyone may answer: the intent may have
   * been pasted into a web form or shown as a QR code.
   */
  async leaks(id: number): Promise<PersonaLeaks> {
    const persona = await this.get(id);
    const closed = await this.repo().intentsClosed(persona.id);
    const allClosed =
      closed.length > 0 && closed.every((c): c is string => c !== null)
        ? (closed.sort().at(-1) ?? null)
        : null;
    const since = persona.retiredAt ?? allClosed;
    if (since === null) return { persona: persona.displayName, watchingSince: null, leaks: [] };
    const allowed: string[] = [];
    const domains: string[] = [];
    for (const shown of persona.shownTo) {
      allowed.push(`provider:${String(shown.providerId)}`);
      const marks = await this.repo().providerMarks(shown.providerId);
      if (marks.slug !== null) allowed.push(`directory:${marks.slug}`);
      domains.push(...marks.domains);
    }
    // A vendor's mail from a domain of its own that the ledger does not list as its website.
    const fromVendor = (key: string) => {
      const domain = key.startsWith('domain:') ? key.slice('domain:'.length) : '';
      return (
        domain !== '' &&
        domains.some((d) => d === domain || d.endsWith(`.${domain}`) || domain.endsWith(`.${d}`))
      );
    };
    const messages = (await this.repo().mailFromOthers(persona.identityId, since, allowed)).filter(
      (m) => !fromVendor(m.senderKey),
    );
    const bySender = new Map<string, PersonaLeak>();
    for (const m of messages) {
      const at = m.sentAt ?? m.importedAt;
      const known = bySender.get(m.senderKey);
      const message = { id: m.id, at, subject: m.subject, to: m.identityAddress };
      if (known) {
        known.messages.push(message);
        continue;
      }
      bySender.set(m.senderKey, {
        senderKey: m.senderKey,
        sender: m.senderLabel,
        evidence: m.senderEvidence,
        firstSeen: at,
        messages: [message],
      });
    }
    return { persona: persona.displayName, watchingSince: since, leaks: [...bySender.values()] };
  }

  /** Records that a provider was shown the persona (not the person); the first time is kept. */
  async recordShown(personaId: number, providerId: number, on: string, how: string): Promise<void> {
    await this.repo().recordShown({ personaId, providerId, shownOn: on, how });
  }

  /**
   * Why an e-mail about to go from a persona's alias must not go: what of the person it holds,
   * in its words or its exact bytes. Null when it goes from no persona, or gives nothing away
   * beyond what the person let the persona state in full, or what it `reveals` on their word (an
   * accepted offer's disclosure: those facts, signed with a key of that vendor's own).
   */
  async refusalFor(
    item: {
      readonly identityId: number | null;
      readonly fromName: string | null;
      readonly subject: string;
      readonly body: string;
      readonly attachments: readonly { readonly filename: string; readonly text: string }[];
      readonly raw: Buffer;
    },
    reveals: readonly number[] = [],
  ): Promise<string | null> {
    if (item.identityId === null) return null;
    const row = await this.repo().byIdentity(item.identityId);
    if (!row) return null;
    const persona = await this.get(row.id);
    const inFull = new Set([
      ...persona.statements.filter((s) => !s.generalised).map((s) => s.factId),
      ...reveals,
    ]);
    const texts = [
      item.fromName ?? '',
      item.subject,
      item.body,
      ...item.attachments.flatMap((a) => [a.filename, a.text]),
      item.raw.toString('latin1'),
    ];
    const [exposure] = (await this.exposures(texts.join('\n'), { persona: persona.id })).filter(
      (e) => e.factId === null || !inFull.has(e.factId),
    );
    if (!exposure) return null;
    return (
      `this e-mail from persona ${persona.displayName} would give you away: it holds ${exposure.what} ` +
      `(${exposure.where}). Nothing was sent: take it out of the text, then send it again`
    );
  }

  /** The persona's key to sign with; refused for a retired persona or one restored without it. */
  async signingKey(
    id: number,
  ): Promise<{ readonly kid: string; readonly privateJwk: JWK; readonly persona: Persona }> {
    const persona = await this.get(id);
    if (persona.retiredAt !== null)
      throw new VrmError(
        'conflict',
        `persona ${persona.displayName} is retired: make a new persona for a new intent`,
      );
    const row = await this.repo().get(persona.id);
    if (!row?.privateJwk)
      throw new VrmError(
        'conflict',
        `persona ${persona.displayName} has no private key in this store (restored from an export without secrets): make a new persona`,
      );
    return { kid: row.kid, privateJwk: JSON.parse(row.privateJwk) as JWK, persona };
  }

  /** What must never leave under a persona: the person's facts, every address of theirs, their keys. */
  private async secrets(exceptIdentity?: number): Promise<Secret[]> {
    const [facts, identities, keys] = await Promise.all([
      this.vault.list({ includeRetired: true }),
      this.identities.list(),
      this.keys.list(),
    ]);
    return secretsOf({
      // Every version of every fact, retired ones too: an old address gives the person away as well.
      facts: facts.flatMap((f) =>
        f.history.map((version) => ({ id: f.id, kind: f.kind, label: f.label, value: version.value })),
      ),
      addresses: identities.filter((i) => i.kind === 'email' && i.id !== exceptIdentity).map((i) => i.value),
      keys: keys.filter((k) => k.providerId === null).map((k) => ({ jwk: k.jwk, thumbprint: k.kid })),
    });
  }

  private async freeMadeUpName(): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = madeUpName();
      if (!(await this.repo().byDisplayName(name))) return name;
    }
    throw new VrmError('conflict', 'persona: every made-up name tried is taken: choose a display name');
  }

  private async views(rows: readonly PersonaRow[]): Promise<Persona[]> {
    const ids = rows.map((row) => row.id);
    const [statements, shown] = await Promise.all([this.repo().statements(ids), this.repo().shown(ids)]);
    return rows.map((row) => ({
      id: row.id,
      displayName: row.displayName,
      alias: row.alias,
      identityId: row.identityId,
      kid: row.kid,
      publicJwk: JSON.parse(row.publicJwk) as JWK,
      canSign: row.privateJwk !== null,
      pickup: row.pickup,
      note: row.note,
      statements: statements
        .filter((s) => s.personaId === row.id)
        .map((s) => ({
          factId: s.factId,
          form: s.form as PersonaStatement['form'],
          text: s.text,
          generalised: s.generalised,
        })),
      shownTo: shown
        .filter((s) => s.personaId === row.id)
        .map((s) => ({
          providerId: s.providerId,
          providerName: s.providerName,
          shownOn: s.shownOn,
          how: s.how,
        })),
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
    }));
  }
}
