import type { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/handle.js';
import { VrmError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { PersonalTermsRepository, type PersonalTermsRow } from './personal-terms.repository.js';
import { ROSTER, rosterTerms, type Purpose, type Terms } from './roster.js';
import { termsInput, type TermsInput } from './schemas.js';

const fromRow = (row: PersonalTermsRow): Terms => ({
  code: row.code,
  name: row.name,
  summary: row.summary,
  purposes: JSON.parse(row.purposes) as Purpose[],
  thirdParties: row.thirdParties,
  retention: row.retention,
  profiling: row.profiling,
  aiTraining: row.aiTraining,
  tracking: row.tracking,
  source: 'own',
  basedOn: row.basedOn,
  url: null,
});

/**
 * The roster of standard agreements and the person's own terms. A code names one set of terms
 * everywhere (policies, agreements, disclosures, receipts); roster codes cannot be redefined.
 */
export class TermsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private readonly repo = () => new PersonalTermsRepository(this.db);

  async list(): Promise<Terms[]> {
    const own = await this.repo().list();
    return [...ROSTER, ...own.map(fromRow)];
  }

  async get(code: string): Promise<Terms> {
    const found = await this.find(code);
    if (!found) {
      throw new VrmError(
        'not_found',
        `terms "${code}" do not exist; the roster has ${ROSTER.map((t) => t.code).join(', ')}, and \`vrm terms add\` makes your own`,
      );
    }
    return found;
  }

  async find(code: string): Promise<Terms | undefined> {
    const standard = rosterTerms(code);
    if (standard) return standard;
    const row = await this.repo().byCode(code.trim());
    return row ? fromRow(row) : undefined;
  }

  /** The person's own terms, possibly starting from a roster agreement (`basedOn`). */
  async add(input: TermsInput): Promise<Terms> {
    const parsed = parseInput(termsInput, input, 'terms');
    if (rosterTerms(parsed.code)) {
      throw new VrmError(
        'conflict',
        `terms: code: ${parsed.code} is a roster agreement; choose another code`,
      );
    }
    if (await this.find(parsed.code)) {
      throw new VrmError('conflict', `terms: code: ${parsed.code} exists already`);
    }
    const basedOn = parsed.basedOn ? (await this.get(parsed.basedOn)).code : null;
    this.checkCoherent(parsed);
    const now = this.clock().toISOString();
    await this.repo().insert({
      code: parsed.code,
      name: parsed.name,
      summary: parsed.summary,
      purposes: JSON.stringify([...new Set(parsed.purposes)]),
      thirdParties: parsed.thirdParties,
      retention: parsed.retention ?? null,
      profiling: parsed.profiling,
      aiTraining: parsed.aiTraining,
      tracking: parsed.tracking,
      basedOn,
      createdAt: now,
      updatedAt: now,
    });
    return this.get(parsed.code);
  }

  /** Own terms that nothing refers to yet may go; once used, they are part of a record. */
  async delete(code: string): Promise<void> {
    const terms = await this.get(code);
    if (terms.source === 'roster') {
      throw new VrmError('conflict', `${terms.code} is a roster agreement: it cannot be deleted`);
    }
    const { disclosures, agreements, policies } = await this.repo().uses(terms.code);
    if (disclosures + agreements + policies > 0) {
      throw new VrmError(
        'conflict',
        `terms ${terms.code} are used by ${disclosures} disclosures, ${agreements} agreements and ${policies} policies: they stay`,
      );
    }
    await this.repo().delete(terms.code);
  }

  /** Terms that allow AI training must list it as a purpose, and the other way round. */
  private checkCoherent(t: z.output<typeof termsInput>): void {
    const listsAi = t.purposes.includes('ai-training');
    if (listsAi !== t.aiTraining) {
      throw new VrmError(
        'invalid_input',
        listsAi
          ? 'terms: purposes include ai-training but aiTraining is false: the terms contradict themselves'
          : 'terms: aiTraining is true but ai-training is not among the purposes: the terms contradict themselves',
      );
    }
    if (t.tracking && !t.purposes.some((p) => p === 'advertising' || p === 'analytics')) {
      throw new VrmError(
        'invalid_input',
        'terms: tracking is allowed but no purpose (advertising, analytics) needs it: the terms contradict themselves',
      );
    }
  }

  /** Whether `terms` allow `purpose`, with the reason either way. */
  static allows(terms: Terms, purpose: Purpose): { allowed: boolean; reason: string } {
    return terms.purposes.includes(purpose)
      ? { allowed: true, reason: `${terms.code} allows ${purpose}` }
      : {
          allowed: false,
          reason: `${terms.code} does not allow ${purpose} (it allows ${terms.purposes.join(', ')})`,
        };
  }
}
