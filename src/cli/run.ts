import type { Command } from 'commander';
import type { Session } from './session.js';

/** The options every command shares, given before or after the command name. */
export interface GlobalOptions {
  readonly store?: string;
}

/** A command's handler: the session, then commander's positional arguments and options. */
type Handler = (session: Session, ...args: never[]) => Promise<void> | void;

/**
 * Wraps a command's action so that its handler's module is imported only when the command runs,
 * with the store opened (and closed) around it. Start-up stays cheap: `vrm --help` and
 * `vrm --version` load commander and the command definitions, nothing else.
 *
 * @example .action(withStore(async () => (await import('../../actions/providers/providers.js')).add))
 */
export function withStore(load: () => Promise<Handler>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1) as Command;
    const [{ openSession }, handler] = await Promise.all([import('./session.js'), load()]);
    const session = await openSession(command.optsWithGlobals<GlobalOptions>().store);
    try {
      const before = session.store.changes();
      await handler(session, ...(args.slice(0, -1) as never[]));
      // A command that closed its store (`vrm passphrase` re-keys and replaces it) is done with it.
      const wrote = session.store.isOpen() && session.store.changes() !== before;
      if (wrote && !(await session.services.afterWrite())) {
        process.stderr.write(
          'vrm: note: done, but the store is busy, so stored mail is classified again on the next change ' +
            '(or run `vrm mail reclassify`)\n',
        );
      }
    } finally {
      await session.store.close();
    }
  };
}

/** Like `withStore`, for commands that open or create the store themselves (init, restore, demo). */
export function lazy(load: () => Promise<(globals: GlobalOptions, ...args: never[]) => Promise<void>>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args.at(-1) as Command;
    const handler = await load();
    await handler(command.optsWithGlobals<GlobalOptions>(), ...(args.slice(0, -1) as never[]));
  };
}
