import { randomInt } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { todayUtc } from '../platform/dates.js';
import { inTransaction, type Db } from '../platform/db/handle.js';
import { notFound, VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import type { ProviderService } from '../providers/service.js';
import type { VaultService } from '../vault/service.js';
import { validateFactValue } from '../vault/service.js';
import type { IdentityLedger } from './ledger.js';
import {
  parseAddress,
  parseDomain,
  postalKey,
  providerSlug,
  Recogniser,
  type RecognitionHow,
} from './matching.js';
import { IdentityRepository, type IdentityRow, type StrategyRow } from './repository.js';
import {
  emailInput,
  generateInput,
  phoneInput,
  postalInput,
  strategyInput,
  type EmailIdentityInput,
  type GenerateInput,
  type PhoneIdentityInput,
  type PostalIdentityInput,
  type StrategyInput,
} from './schemas.js';

export type Identity = IdentityRow;
export type AliasStrategy = StrategyRow;

/** How an address was recognised (see matching.ts for the rules). */
export interface Recognition {
  /** The normalised address that was looked up. */
  readonly address: string;
  /**
   * `exact`: an identity vrm gave out (case, Gmail dots and googlemail folded);
   * `tag-added`: a plus variant of an identity given without a tag;
   * `unknown-tag`: the person's plus mailbox with a tag vrm never gave out;
   * `catchall-unknown`: an address at the person's catch-all domain that vrm never gave out;
   * `unknown`: not one of the person's identities.
   */
  readonly how: RecognitionHow;
  readonly identity: Identity | null;
  readonly providerId: number | null;
  readonly reason: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomPart = (length: number): string =>
  Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** Random characters after the slug: a plus tag needs only to be unique, a catch-all alias unguessable. */
const PLUS_SUFFIX = 2;
/** 36^6 ≈ 2.2 billion: a sender cannot guess a neighbour's alias from one it saw. */
const CATCHALL_SUFFIX = 6;

/**
 * A different identity for each provider: e-mail aliases made on the person's mailbox (plus tags)
 * or catch-all domain, addresses entered by hand, tagged postal addresses and phone numbers.
 * Creating an identity for a provider records it as disclosed to that provider, in the same
 * transaction, so the who-knows-what ledger always knows who was given which address.
 */
export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly providers: ProviderService,
    private readonly vault: VaultService,
    private readonly ledger: IdentityLedger,
  ) {}

  private readonly repo = (db: Db = this.db) => new IdentityRepository(db);

  // ── strategies ──────────────────────────────────────────────────────────────────────────────

  /** Sets up plus-addressing on a mailbox (`me@example.org`) or a catch-all domain (`mydomain.example`). */
  async addStrategy(input: StrategyInput): Promise<AliasStrategy> {
    const parsed = parseInput(strategyInput, input, 'alias strategy');
    let base: string | null;
    if (parsed.kind === 'plus') {
      const address = parseAddress(parsed.base);
      if (address?.tag) {
        throw new VrmError(
          'invalid_input',
          `alias strategy: base: give the mailbox without a tag, not "${parsed.base}"`,
        );
      }
      base = address?.key ?? null;
      if (!base)
        throw new VrmError(
          'invalid_input',
          `alias strategy: base: "${parsed.base}" is not an e-mail address`,
        );
    } else {
      base = parseDomain(parsed.base);
      if (!base)
        throw new VrmError('invalid_input', `alias strategy: base: "${parsed.base}" is not a domain`);
    }
    const existing = (await this.repo().strategies()).find((s) => s.kind === parsed.kind && s.base === base);
    if (existing)
      throw new VrmError(
        'conflict',
        `the ${parsed.kind} strategy on ${base} is set up already (id ${existing.id})`,
      );
    const id = await inTransaction(this.db, async (trx) => {
      const repo = this.repo(trx);
      const first = (await repo.strategies()).length === 0;
      const isDefault = parsed.isDefault === true || first;
      if (isDefault) await repo.clearDefault();
      return repo.insertStrategy({
        kind: parsed.kind,
        base,
        isDefault,
        createdAt: this.clock().toISOString(),
      });
    });
    return this.strategy(id);
  }

  listStrategies(): Promise<AliasStrategy[]> {
    return this.repo().strategies();
  }

  async strategy(id: number): Promise<AliasStrategy> {
    const row = await this.repo().strategy(id);
    if (!row) throw notFound('alias strategy', id);
    return row;
  }

  /**
   * Makes a strategy the one new aliases use unless told otherwise.
   *
   * @example await identities.makeDefaultStrategy(2)
   */
  async makeDefaultStrategy(id: number): Promise<AliasStrategy> {
    await this.strategy(id);
    await inTransaction(this.db, (trx) => this.repo(trx).makeDefault(id));
    return this.strategy(id);
  }

  /** Removing a strategy that made identities would orphan them: retire those first. */
  async removeStrategy(id: number): Promise<void> {
    await this.strategy(id);
    const using = await this.repo().countUsing(id);
    if (using > 0) {
      throw new VrmError(
        'conflict',
        `alias strategy ${id} made ${using} ${using === 1 ? 'identity' : 'identities'}: it stays while they exist`,
      );
    }
    await this.repo().deleteStrategy(id);
  }

  // ── identities ──────────────────────────────────────────────────────────────────────────────

  /**
   * Makes a new e-mail alias for a provider with a strategy: `me+acme7k@example.org` (plus) or
   * `acme.k3f9qx@mydomain.example` (catch-all).
   *
   * @example await identities.generate({ provider: 'acme' })
   */
  async generate(input: GenerateInput): Promise<Identity> {
    return this.makeAlias(input);
  }

  /** `generate`, with `alongside` run in the same transaction as the new alias (see `replace`). */
  private async makeAlias(
    input: GenerateInput,
    alongside?: (trx: Db, identityId: number) => Promise<void>,
  ): Promise<Identity> {
    const parsed = parseInput(generateInput, input, 'identity');
    const provider = await this.providers.get(parsed.provider);
    return this.newAlias(
      {
        slug: providerSlug(provider.name),
        providerId: provider.id,
        note: parsed.note ?? null,
        for: provider.name,
      },
      await this.pickStrategy(parsed.strategy),
      alongside,
    );
  }

  /**
   * A fresh e-mail alias for a pseudonymous persona (issue 18), made as a provider's is but given
   * to no provider: the persona is shown to several, each recorded as such by the intents area.
   * Only a catch-all domain makes one: a plus tag carries the person's own mailbox. `vet` may
   * refuse the address before it is stored; `alongside` runs in the same transaction, with its id.
   */
  async aliasForPersona(
    displayName: string,
    strategy: number | 'plus' | 'catchall' | undefined,
    hooks: {
      readonly vet: (address: string) => void;
      readonly alongside: (trx: Db, identityId: number) => Promise<void>;
    },
  ): Promise<Identity> {
    const picked =
      strategy === undefined
        ? (await this.repo().strategies()).find((s) => s.kind === 'catchall')
        : await this.pickStrategy(strategy);
    if (picked?.kind !== 'catchall') {
      throw new VrmError(
        'invalid_input',
        `persona: an alias of a persona is made on a catch-all domain, and none is set up${picked ? ` (strategy ${picked.id} adds a plus tag to your own mailbox, ${picked.base}, which would give you away)` : ''}: set one up with \`vrm alias setup --kind catchall DOMAIN\`, on a domain that does not name you`,
      );
    }
    return this.newAlias(
      {
        slug: providerSlug(displayName),
        providerId: null,
        note: `alias of the persona ${displayName}`,
        for: displayName,
      },
      picked,
      hooks.alongside,
      hooks.vet,
    );
  }

  private async newAlias(
    target: { slug: string; providerId: number | null; note: string | null; for: string },
    strategy: AliasStrategy,
    alongside?: (trx: Db, identityId: number) => Promise<void>,
    vet?: (address: string) => void,
  ): Promise<Identity> {
    for (let attempt = 0; attempt < 20; attempt++) {
      let address: string;
      let tag: string;
      if (strategy.kind === 'plus') {
        const [local, domain] = strategy.base.split('@') as [string, string];
        tag = `${target.slug}${randomPart(PLUS_SUFFIX)}`;
        address = `${local}+${tag}@${domain}`;
      } else {
        tag = `${target.slug}.${randomPart(CATCHALL_SUFFIX)}`;
        address = `${tag}@${strategy.base}`;
      }
      const key = parseAddress(address)?.key ?? address;
      if (await this.repo().byKey('email', key)) continue;
      vet?.(address);
      return this.create(
        {
          providerId: target.providerId,
          kind: 'email',
          value: address,
          matchKey: key,
          origin: strategy.kind,
          strategyId: strategy.id,
          factId: null,
          tag,
          note: target.note,
        },
        alongside,
      );
    }
    throw new VrmError('conflict', `could not find a free alias for ${target.for}: every try was taken`);
  }

  /** An e-mail address given to a provider, entered by hand. */
  async addEmail(input: EmailIdentityInput): Promise<Identity> {
    const parsed = parseInput(emailInput, input, 'identity');
    const address = parseAddress(parsed.address);
    if (!address)
      throw new VrmError('invalid_input', `identity: address: "${parsed.address}" is not an e-mail address`);
    const provider = await this.providers.get(parsed.provider);
    return this.create({
      providerId: provider.id,
      kind: 'email',
      value: parsed.address.trim(),
      matchKey: address.key,
      origin: 'manual',
      strategyId: null,
      factId: null,
      tag: address.tag,
      note: parsed.note ?? null,
    });
  }

  /** A phone number given to one provider, kept in E.164. */
  async addPhone(input: PhoneIdentityInput): Promise<Identity> {
    const parsed = parseInput(phoneInput, input, 'identity');
    const { number } = validateFactValue('phone', { number: parsed.number, country: parsed.country }) as {
      number: string;
    };
    const provider = await this.providers.get(parsed.provider);
    return this.create({
      providerId: provider.id,
      kind: 'phone',
      value: number,
      matchKey: number,
      origin: 'manual',
      strategyId: null,
      factId: null,
      tag: null,
      note: parsed.note ?? null,
    });
  }

  /**
   * A postal address with a tag for one provider (an extra line such as `Dept AC7K`). The tagged
   * form is kept exactly as chosen: address-cleansing software strips such tags, and the person
   * needs the form each company was given to recognise its letters and its leaks.
   */
  async addPostal(input: PostalIdentityInput): Promise<Identity> {
    const parsed = parseInput(postalInput, input, 'identity');
    const fact = await this.vault.get(parsed.factId);
    if (fact.kind !== 'postal_address') {
      throw new VrmError(
        'invalid_input',
        `identity: fact ${fact.id} is a ${fact.kind.replace('_', ' ')}, not a postal address`,
      );
    }
    const provider = await this.providers.get(parsed.provider);
    const address = fact.current.value as {
      lines: string[];
      locality?: string;
      postcode?: string;
      country?: string;
    };
    const tagged = {
      ...address,
      lines: [...address.lines.slice(0, 1), parsed.tag, ...address.lines.slice(1)],
      tag: parsed.tag,
    };
    const keyLines = [...tagged.lines, address.locality ?? '', address.postcode ?? '', address.country ?? ''];
    return this.create({
      providerId: provider.id,
      kind: 'postal',
      value: JSON.stringify(tagged),
      matchKey: postalKey(keyLines),
      origin: 'manual',
      strategyId: null,
      factId: fact.id,
      tag: parsed.tag,
      note: parsed.note ?? null,
    });
  }

  async list(
    filter: { provider?: number | string | undefined; kind?: string | undefined } = {},
  ): Promise<Identity[]> {
    const kind = filter.kind;
    if (kind !== undefined && !['email', 'postal', 'phone'].includes(kind)) {
      throw new VrmError('invalid_input', `kind must be one of email, postal, phone, got "${kind}"`);
    }
    const providerId =
      filter.provider === undefined ? undefined : await this.providers.resolve(filter.provider);
    return this.repo().list({ providerId, kind });
  }

  async get(id: number): Promise<Identity> {
    const row = await this.repo().find(id);
    if (!row) throw notFound('identity', id);
    return row;
  }

  /** A retired identity is no longer handed out, but stays on record to recognise old mail and leaks. */
  async retire(id: number): Promise<Identity> {
    await this.get(id);
    await this.repo().retire(id, this.clock().toISOString());
    return this.get(id);
  }

  /**
   * The next step after a leak: retires an e-mail identity and gives its provider a new alias, from
   * the same strategy when it still exists (else the default one). The old one stays on record, so
   * its mail and leaks are still recognised. The new alias is made first: when none can be made
   * (no strategy is set up), nothing changes; the new alias and the retirement are one transaction.
   *
   * @example const { retired, replacement } = await identities.replace(7); // replacement.value: the new address
   */
  async replace(id: number): Promise<{ retired: Identity; replacement: Identity }> {
    const old = await this.get(id);
    if (old.kind !== 'email' || old.providerId === null) {
      throw new VrmError(
        'invalid_input',
        `identity ${id} is ${old.kind === 'email' ? 'not given to a provider' : `a ${old.kind} identity`}: only an e-mail address given to a provider can be replaced by a new alias`,
      );
    }
    if (old.retiredAt !== null) {
      throw new VrmError(
        'conflict',
        `${old.value} was retired on ${old.retiredAt.slice(0, 10)} already: give the provider a new alias with \`vrm identity new ${old.providerId}\``,
      );
    }
    const strategies = await this.repo().strategies();
    const same = strategies.find((s) => s.id === old.strategyId)?.id;
    // One transaction: the new alias and the old one's retirement happen together or not at all.
    const retiredAt = this.clock().toISOString();
    const replacement = await this.makeAlias(
      { provider: old.providerId, strategy: same, note: `replaces ${old.value}` },
      (trx) => this.repo(trx).retire(id, retiredAt),
    );
    return { retired: await this.get(id), replacement };
  }

  /**
   * Switches an identity off, or on again. Mail to a switched-off identity is unwanted: the mail
   * area sorts it into a folder of its own (see `triage` in src/mail/rules.ts), from now on or,
   * with `existing`, the mail already there too. Switching on restores the usual sorting.
   * Only the flag changes here; the mail area re-sorts (see `MailService.switchIdentity`).
   */
  async switchOff(id: number, off: boolean, options: { existing?: boolean } = {}): Promise<Identity> {
    const identity = await this.get(id);
    if (identity.kind !== 'email') {
      throw new VrmError(
        'invalid_input',
        `identity ${id} is a ${identity.kind === 'postal' ? 'postal address' : 'phone number'}: only an e-mail identity is switched off`,
      );
    }
    const at = off ? (identity.switchedOffAt ?? this.clock().toISOString()) : null;
    await this.repo().switchOff(id, at, off && options.existing === true);
    return this.get(id);
  }

  /** The e-mail identities switched off, for sorting their mail. */
  switchedOff(): Promise<Identity[]> {
    return this.repo().list({ kind: 'email', switchedOff: true });
  }

  /** Only an identity never recorded as disclosed may go; one that was is evidence: retire it. */
  async delete(id: number): Promise<void> {
    await this.get(id);
    const disclosed = await this.ledger.disclosureCount(this.db, id);
    if (disclosed > 0) {
      throw new VrmError(
        'conflict',
        `identity ${id} was recorded as disclosed: retire it instead, so its record stays`,
      );
    }
    await this.repo().delete(id);
  }

  /**
   * Which of the person's identities an address is, and how it was recognised. Every lookup is by
   * an indexed match key, so the mail import can call it for each message.
   *
   * @example await identities.recognise('Alex+Acme7K@Example.org') // → { how: 'exact', identity, … }
   */
  async recognise(text: string): Promise<Recognition> {
    const address = parseAddress(text);
    if (!address) throw new VrmError('invalid_input', `"${text}" is not an e-mail address`);
    const { how, identity, reason } = (await this.recogniser()).recognise(address);
    return { address: address.key, how, identity, providerId: identity?.providerId ?? null, reason };
  }

  /** Every e-mail identity and alias strategy, ready to recognise many addresses without a query each. */
  async recogniser(): Promise<Recogniser<Identity>> {
    const repo = this.repo();
    const [identities, strategies] = await Promise.all([repo.list({ kind: 'email' }), repo.strategies()]);
    return new Recogniser(identities, strategies);
  }

  private async pickStrategy(choice: number | 'plus' | 'catchall' | undefined): Promise<AliasStrategy> {
    if (typeof choice === 'number') return this.strategy(choice);
    const repo = this.repo();
    const strategies = await repo.strategies();
    const picked =
      choice === undefined
        ? ((await repo.defaultStrategy()) ?? strategies[0])
        : strategies.find((s) => s.kind === choice);
    if (!picked) {
      throw new VrmError(
        'invalid_input',
        choice === undefined
          ? 'no alias strategy is set up: add one with `vrm alias setup --kind plus ADDRESS` or `vrm alias setup --kind catchall DOMAIN`'
          : `no ${choice} alias strategy is set up`,
      );
    }
    return picked;
  }

  /** Inserts the identity and records it as disclosed to its provider, in one transaction. */
  private async create(
    row: Omit<
      IdentityRow,
      | 'id'
      | 'enabled'
      | 'review'
      | 'reviewReason'
      | 'createdAt'
      | 'retiredAt'
      | 'switchedOffAt'
      | 'switchedOffExisting'
    >,
    alongside?: (trx: Db, identityId: number) => Promise<void>,
  ): Promise<Identity> {
    const existing = await this.repo().byKey(row.kind, row.matchKey);
    if (existing) {
      throw new VrmError(
        'conflict',
        `that ${row.kind === 'postal' ? 'tagged address' : row.kind} is identity ${existing.id} already${existing.providerId === null ? '' : ` (provider ${existing.providerId})`}`,
      );
    }
    const now = this.clock().toISOString();
    const id = await inTransaction(this.db, async (trx) => {
      const identityId = await this.repo(trx).insert({
        ...row,
        enabled: true,
        review: 'confirmed',
        reviewReason: null,
        createdAt: now,
        retiredAt: null,
      });
      if (row.providerId !== null) {
        await this.ledger.recordGiven(trx, {
          identityId,
          providerId: row.providerId,
          on: todayUtc(this.clock()),
          at: now,
          note: 'identity made for this provider',
        });
      }
      await alongside?.(trx, identityId);
      return identityId;
    });
    return this.get(id);
  }
}
