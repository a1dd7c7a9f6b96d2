/** What a background import is given: tell when it is recorded (its id), and how far it has got. */
export interface BackgroundHooks<Progress> {
  readonly onStart: (id: number) => void;
  readonly onProgress: (progress: Progress) => void;
}

/**
 * Imports the web app starts: each answers as soon as it is recorded, goes on in the background,
 * and tells its latest progress through `progress(id)`. One per process (the web server's); the
 * import's own record in the store says how it ended.
 */
export class BackgroundJobs<Progress> {
  private readonly jobs = new Map<number, { progress: Progress | null; finished: boolean }>();

  /**
   * Runs `work` in the background and answers with its id once `work` has recorded it (called
   * `onStart`). An error before that is the caller's to hear; after it, the record says it.
   * `after` runs when the work ends, however it ends (to remove a temporary file, say).
   *
   * @example
   * const { id } = await jobs.start((hooks) => imports.importPath(path, hooks));
   */
  start(
    work: (hooks: BackgroundHooks<Progress>) => Promise<unknown>,
    after: () => Promise<void> = () => Promise.resolve(),
  ): Promise<{ id: number }> {
    return new Promise((resolveStart, rejectStart) => {
      let id: number | null = null;
      const hooks: BackgroundHooks<Progress> = {
        onStart: (started) => {
          id = started;
          this.jobs.set(started, { progress: null, finished: false });
          resolveStart({ id: started });
        },
        onProgress: (progress) => {
          const job = id === null ? undefined : this.jobs.get(id);
          if (job) job.progress = progress;
        },
      };
      work(hooks)
        .catch((error: unknown) => {
          if (id === null) rejectStart(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => {
          const job = id === null ? undefined : this.jobs.get(id);
          if (job) job.finished = true;
          return after();
        })
        .catch(() => undefined)
        .finally(() => {
          // Work that ended without recording itself has nothing to show: say so to the caller.
          if (id === null) rejectStart(new Error('the import ended before it was recorded'));
        });
    });
  }

  /** The latest progress of a job this process runs or ran, or null. */
  progress(id: number): Progress | null {
    return this.jobs.get(id)?.progress ?? null;
  }

  /** Whether this process runs the job now. */
  running(id: number): boolean {
    const job = this.jobs.get(id);
    return job !== undefined && !job.finished;
  }
}
