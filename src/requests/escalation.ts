import { authorities, authoritiesFor, type Authority } from '../directory/directory.js';
import { inTransaction } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { residenceOf } from './drafting.js';
import { admonishInput, complainInput, type AdmonishInput, type ComplainInput } from './schemas.js';
import type { Proceedings } from './proceedings.js';
import { admonitionText, complaintText, type AdmonitionReason } from './templates.js';
import { daysAfter, type Proceeding } from './views.js';

/**
 * The authority for private companies in each German Land: Germany's supervision is per Land,
 * and the directory also lists the federal one (for federal bodies and telecoms) and those of
 * churches and broadcasters, which are not where a complaint about a company goes.
 */
const GERMAN_LAND_AUTHORITIES: Readonly<Record<string, string>> = {
  BW: 'debawueldb',
  BY: 'debaylda',
  BE: 'deberlbdi',
  BB: 'debralda',
  HB: 'debrelfdi',
  HH: 'dehmbbfdi',
  HE: 'dehessbdi',
  MV: 'demvldi',
  NI: 'dendslfd',
  NW: 'denrwldi',
  RP: 'derlpbdi',
  SL: 'desaarudz',
  SN: 'desaechsdsb',
  ST: 'desalbd',
  SH: 'deshuld',
  TH: 'detlfdi',
};

/**
 * The authorities a complaint about a company may go to for a place (`GB`, `DE-BY`): in Germany
 * the Land's (every Land's without a region); `all` lists the country's others too.
 */
export function authorityCandidatesFor(place: string, all = false): readonly Authority[] {
  const [country = '', region] = place.toUpperCase().split('-');
  if (country === 'DE' && !all) {
    const slug = region ? GERMAN_LAND_AUTHORITIES[region] : undefined;
    const lands = new Set(Object.values(GERMAN_LAND_AUTHORITIES));
    const all = authoritiesFor('DE').filter((a) => lands.has(a.slug));
    return slug ? all.filter((a) => a.slug === slug) : all;
  }
  return authoritiesFor(country);
}

/**
 * Escalation (issue 16, part 3): an admonition drafted from the facts of the proceeding, and a
 * complaint to the competent supervisory authority with the proceeding's history as one PDF.
 */
export class RequestEscalation {
  constructor(private readonly core: Proceedings) {}

  /** Why an admonition is due, from the dates, the answer's verdict and what the person adds. */
  reasonsFor(
    proceeding: Proceeding,
    input: NonNullable<ReturnType<typeof parseAdmonish>>,
    leftOut: readonly string[],
  ): AdmonitionReason[] {
    const reasons: AdmonitionReason[] = [];
    if (proceeding.overdue && proceeding.dueOn !== null)
      reasons.push({ kind: 'overdue', dueOn: proceeding.dueOn });
    if (proceeding.missingItems.length > 0)
      reasons.push({ kind: 'missing_items', items: [...proceeding.missingItems] });
    if (leftOut.length > 0) reasons.push({ kind: 'left_out', what: [...leftOut] });
    if (input.excessiveId) reasons.push({ kind: 'excessive_id', asked: input.excessiveId });
    if (input.wrongMedium) {
      reasons.push({
        kind: 'wrong_medium',
        asked: proceeding.channel === 'letter' ? 'by post' : 'electronically, by e-mail',
        got: input.wrongMedium,
      });
    }
    if (input.wrongLanguage) reasons.push({ kind: 'wrong_language', got: input.wrongLanguage });
    return reasons;
  }

  /**
   * Drafts an admonition: the controller is told what is wrong (late, incomplete, an excessive
   * demand for ID, the wrong medium or language) and given `days` (14) more. It goes by the
   * request's channel, an e-mail in the request's thread; sent, it sets the new date.
   */
  async admonish(
    proceeding: Proceeding,
    input: AdmonishInput,
    leftOut: readonly string[],
  ): Promise<Proceeding> {
    const parsed = parseAdmonish(input);
    if (!['sent', 'extended', 'answered', 'admonished'].includes(proceeding.state)) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} is ${proceeding.state}: an admonition follows a request that was sent and went unanswered or was answered badly`,
      );
    }
    if (proceeding.messages.some((m) => m.direction === 'out' && m.state === 'drafted')) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} has a drafted message already: send it or edit it (\`vrm request show ${String(proceeding.id)}\`)`,
      );
    }
    const reasons = this.reasonsFor(proceeding, parsed, leftOut);
    if (reasons.length === 0) {
      throw new VrmError(
        'conflict',
        proceeding.dueOn !== null && !proceeding.overdue
          ? `request ${String(proceeding.id)} is not late: the answer is due by ${proceeding.dueOn}. Admonish when it is late, or say what was wrong (--excessive-id, --wrong-medium, --wrong-language)`
          : `nothing to admonish in request ${String(proceeding.id)}: mark the answer incomplete with the items it left out (\`vrm request answered ${String(proceeding.id)} --missing source\`), or say what was wrong (--excessive-id, --wrong-medium, --wrong-language)`,
      );
    }
    const row = await this.core.repo().proceeding(proceeding.id);
    if (!row || proceeding.sentOn === null)
      throw new VrmError('not_found', `no request ${String(proceeding.id)}`);
    const days = parsed.days ?? 14;
    const today = this.core.today();
    const text = admonitionText({
      language: proceeding.language,
      provider: proceeding.provider,
      requestKind: proceeding.kind,
      requestSentOn: proceeding.sentOn,
      identification: this.core.identificationOf(row),
      reasons,
      newDueOn: daysAfter(today, days),
      sentOn: today,
      ...(proceeding.extension ? { extension: { noticeOn: proceeding.extension.on } } : {}),
    });
    const details = { ...(JSON.parse(row.details) as Record<string, unknown>), admonitionDays: days };
    const now = this.core.now();
    await inTransaction(this.core.db, async (trx) => {
      await this.core
        .repo(trx)
        .updateProceeding(proceeding.id, { details: JSON.stringify(details), updatedAt: now });
      await this.core.repo(trx).insertMessage({
        proceedingId: proceeding.id,
        kind: 'admonition',
        direction: 'out',
        state: 'drafted',
        onDay: null,
        channel: proceeding.channel,
        recipient: proceeding.recipient,
        subject: text.subject,
        body: text.body,
        outboxId: null,
        mailMessageId: null,
        documentId: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    return this.core.get(proceeding.id);
  }

  /** The authority a complaint goes to: the one named, or the competent one by country. */
  async authorityFor(
    proceeding: Proceeding,
    input: NonNullable<ReturnType<typeof parseComplain>>,
  ): Promise<Authority> {
    if (input.authority) {
      const named = authorities().find((a) => a.slug === input.authority || a.name === input.authority);
      if (!named) {
        throw new VrmError(
          'invalid_input',
          `complaint: Authority: "${input.authority}" is not one of the 57 supervisory authorities: \`vrm request authorities\` lists them`,
          { details: [{ path: 'authority', message: 'is not a supervisory authority of the directory' }] },
        );
      }
      return named;
    }
    const residence = await residenceOf(this.core.areas.vault);
    const place = input.by === 'controller' || residence === null ? proceeding.place : residence;
    const candidates = authorityCandidatesFor(place);
    const [only] = candidates;
    if (candidates.length === 1 && only) return only;
    throw new VrmError(
      'invalid_input',
      candidates.length === 0
        ? `complaint: Authority: the directory has no supervisory authority for ${place}: name one (\`vrm request authorities\` lists them)`
        : `complaint: Authority: ${place} has ${String(candidates.length)} authorities, one per Land; name the one where ${input.by === 'controller' ? 'the company has its seat' : 'you live'}: ${candidates.map((a) => `${a.slug} (${a.name})`).join(', ')}`,
      { details: [{ path: 'authority', message: 'choose the authority' }] },
    );
  }

  /**
   * Drafts a complaint (Art. 77) to the competent supervisory authority, from the proceeding's
   * facts; its PDF bundle holds the complaint and the proceeding's whole history. The person
   * sends it by the authority's web form, e-mail or post, and marks it sent.
   */
  async complain(
    proceeding: Proceeding,
    input: ComplainInput,
    leftOut: readonly string[],
  ): Promise<Proceeding> {
    const parsed = parseComplain(input);
    if (
      !['sent', 'extended', 'answered', 'admonished'].includes(proceeding.state) ||
      proceeding.sentOn === null
    ) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} is ${proceeding.state}: a complaint follows a request that was sent and went unanswered or was answered badly`,
      );
    }
    if (proceeding.messages.some((m) => m.direction === 'out' && m.state === 'drafted')) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} has a drafted message already: send it or edit it first`,
      );
    }
    const authority = await this.authorityFor(proceeding, parsed);
    const reasons = this.reasonsFor(proceeding, {}, leftOut);
    if (proceeding.state === 'admonished' && proceeding.overdue && proceeding.admonitionDueOn !== null) {
      reasons.unshift({ kind: 'overdue', dueOn: proceeding.admonitionDueOn });
    }
    if (reasons.length === 0) {
      throw new VrmError(
        'conflict',
        `request ${String(proceeding.id)} gives no ground for a complaint yet: it is not late${proceeding.dueOn ? ` (the answer is due by ${proceeding.dueOn})` : ''} and the answer was not marked incomplete`,
      );
    }
    const row = await this.core.repo().proceeding(proceeding.id);
    if (!row) throw new VrmError('not_found', `no request ${String(proceeding.id)}`);
    const identification = this.core.identificationOf(row);
    const provider = await this.core.areas.providers.get(proceeding.providerId);
    const lawful =
      proceeding.deadlines.find((d) => d.label.startsWith('Extended')) ?? proceeding.deadlines[1];
    const today = this.core.today();
    const text = complaintText({
      language: authority.language === 'de' ? 'de' : 'en',
      authority: authority.name,
      controller: { name: provider.name, address: provider.postalAddress, email: proceeding.recipient },
      person: {
        ...(identification.name ? { name: identification.name } : {}),
        ...(identification.address ? { address: identification.address } : {}),
        ...(identification.email ? { email: identification.email } : {}),
      },
      requestKind: proceeding.kind,
      requestSentOn: proceeding.sentOn,
      dueOn: lawful?.day ?? proceeding.dueOn ?? today,
      admonishedOn: proceeding.admonishedOn,
      reasons,
      sentOn: today,
    });
    const channel = authority.webform ? 'web_form' : authority.email ? 'email' : 'letter';
    const recipient = authority.webform ?? authority.email ?? authority.address ?? null;
    const now = this.core.now();
    await inTransaction(this.core.db, async (trx) => {
      await this.core
        .repo(trx)
        .updateProceeding(proceeding.id, { authority: authority.slug, updatedAt: now });
      await this.core.repo(trx).insertMessage({
        proceedingId: proceeding.id,
        kind: 'complaint',
        direction: 'out',
        state: 'drafted',
        onDay: null,
        channel,
        recipient,
        subject: text.subject,
        body: text.body,
        outboxId: null,
        mailMessageId: null,
        documentId: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    return this.core.get(proceeding.id);
  }
}

const parseAdmonish = (input: AdmonishInput) => parseInput(admonishInput, input, 'admonition') ?? {};
const parseComplain = (input: ComplainInput) => parseInput(complainInput, input, 'complaint') ?? {};
