import { VrmError } from '../platform/errors.js';

/**
 * Reads a line from the terminal without echoing it (for passphrases). Only works on a terminal;
 * scripts pass secrets in the environment instead (VRM_PASSPHRASE, VRM_SESSION).
 */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new VrmError(
        'unauthorized',
        'no terminal to ask for the passphrase: set VRM_PASSPHRASE or VRM_SESSION',
      ),
    );
  }
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (error?: VrmError): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return;
        }
        if (ch === '\u0003') {
          finish(new VrmError('invalid_input', 'cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') answer = Array.from(answer).slice(0, -1).join('');
        else if (ch >= ' ') answer += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Asks for a new passphrase twice and insists they match. */
export async function promptNewPassphrase(what = 'passphrase'): Promise<string> {
  const first = await promptHidden(`New ${what}: `);
  const second = await promptHidden(`Repeat the ${what}: `);
  if (first !== second) throw new VrmError('invalid_input', `the two ${what}s differ; nothing was changed`);
  return first;
}
