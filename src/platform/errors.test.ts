import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fromWorkerError, VrmError } from './errors.js';

/** What a worker thread's `error` event hands over when the worker threw `thrown` (source text). */
function errorFromWorker(thrown: string): Promise<unknown> {
  // The class is declared as VrmError is (its name an own field), so it crosses as VrmError does.
  const source = `
    class VrmError extends Error {
      name = 'VrmError';
      constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        this.details = options.details ?? [];
      }
    }
    throw ${thrown};`;
  return new Promise((resolve) => {
    new Worker(source, { eval: true }).once('error', resolve);
  });
}

describe('fromWorkerError', () => {
  it('rebuilds a VrmError that crossed from a worker thread as a plain Error', async () => {
    const arrived = await errorFromWorker(
      `new VrmError('store_unavailable', 'cannot read store.db', { details: [{ path: 'p', message: 'm' }] })`,
    );
    // The trap: the class is gone, only the fields came across.
    expect(arrived).not.toBeInstanceOf(VrmError);
    expect(arrived).toMatchObject({ name: 'VrmError', code: 'store_unavailable' });

    const rebuilt = fromWorkerError(arrived);
    expect(rebuilt).toBeInstanceOf(VrmError);
    expect(rebuilt).toMatchObject({
      code: 'store_unavailable',
      message: 'cannot read store.db',
      details: [{ path: 'p', message: 'm' }],
    });
  });

  it('leaves other errors as they are: a bug stays a bug', async () => {
    const plain = await errorFromWorker(`new TypeError('oops')`);
    expect(fromWorkerError(plain)).toBe(plain);
    const unknownCode = await errorFromWorker(`new VrmError('no_such_code', 'x')`);
    expect(fromWorkerError(unknownCode)).toBe(unknownCode);
    const local = new VrmError('not_found', 'provider 1 does not exist');
    expect(fromWorkerError(local)).toBe(local);
    expect(fromWorkerError('text')).toBe('text');
  });
});
