import { CLASSIFICATION_FIELDS, classify, sameClassification, type Classification } from './classify.js';
import type { MailContext } from './context.js';
import type { ContextRepository, LeakRepository, MessageRepository } from './repository.js';
import type { RulesService } from './rules-service.js';
import type { Envelope } from './types.js';

const CLASSIFIER_STAMP = 'classifier';

/**
 * Keeps the stored classification of every message true to what the store knows: which identity
 * it reached, who sent it, whether it is a leak. Re-run whenever what classification reads changes.
 */
export class ClassificationService {
  /** The classification under way in this process, so writes arriving meanwhile wait for it. */
  private classifying: Promise<number> | undefined;

  constructor(
    private readonly messages: MessageRepository,
    private readonly stored: ContextRepository,
    private readonly leaks: LeakRepository,
    private readonly context: MailContext,
    private readonly rules: RulesService,
  ) {}

  /** What classification reads, as it stands now (see `ContextRepository.classifierStamp`). */
  stamp(): string {
    return this.stored.classifierStamp();
  }

  /**
   * Re-classifies stored mail when what classification reads has changed since it last ran (an
   * alias or a provider domain added, a sender allowed), whichever surface changed it. Cheap when
   * nothing changed: one query. It writes, so it runs on the write path only (after each write,
   * see `afterWrite` in src/app.ts, and before each import), never inside a read: a read must not
   * need the write lock while an import holds it.
   */
  async ensureClassified(): Promise<number> {
    // Writes that arrive while one runs are covered by one more run, not by one run each.
    while (this.classifying) await this.classifying.catch(() => 0);
    if (this.stored.stateValue(CLASSIFIER_STAMP) === this.stored.classifierStamp()) return 0;
    return this.classifyAll();
  }

  /** Classifies all stored mail by what is known now, and records what that was. */
  async classifyAll(): Promise<number> {
    while (this.classifying) await this.classifying.catch(() => 0);
    const run = async () => {
      // The stamp is read before the context, so a change between the two only costs another run.
      const stamp = this.stored.classifierStamp();
      const changed = await this.reclassify();
      this.stored.setState(CLASSIFIER_STAMP, stamp);
      return changed;
    };
    const classifying = run().finally(() => {
      if (this.classifying === classifying) this.classifying = undefined;
    });
    this.classifying = classifying;
    return classifying;
  }

  /** Classifies every stored message again; returns how many changed. Their placement is re-done too. */
  async reclassify(): Promise<number> {
    const ctx = await this.context.classifier();
    const changedIds = new Set<number>();
    for (const page of this.messages.scan(['id', 'envelope', ...CLASSIFICATION_FIELDS])) {
      const changes: { id: number; classification: Classification }[] = [];
      for (const row of page) {
        const c = classify(JSON.parse(row.envelope) as Envelope, ctx);
        if (!sameClassification(row, c)) changes.push({ id: row.id, classification: c });
      }
      this.messages.updateClassifications(changes);
      for (const c of changes) changedIds.add(c.id);
    }
    this.leaks.rebuildLeakEvents();
    if (changedIds.size > 0) await this.rules.applyRules(changedIds);
    return changedIds.size;
  }
}
