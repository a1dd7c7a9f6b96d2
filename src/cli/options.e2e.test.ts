import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vrm } from '../test/cli.js';

/** Issue 14 point 6: numbers given as options are checked with a message, never "internal error". */
let dir: string;
let taken: Server;
let takenPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vrm-options-'));
  taken = createServer();
  takenPort = await new Promise<number>((resolve) => {
    taken.listen(0, '127.0.0.1', () => {
      const address = taken.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
});

afterAll(async () => {
  await new Promise<void>((done) => taken.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
});

const serve = (...args: string[]) => vrm(['serve', ...args], { VRM_HOME: dir });

describe('vrm serve options', () => {
  it.each([
    [
      '--port',
      '99999',
      "option '--port <port>' argument '99999' is invalid. expected a port from 0 to 65535 (0 picks a free one). (see --help)",
    ],
    [
      '--port',
      '-1',
      "option '--port <port>' argument '-1' is invalid. expected a port from 0 to 65535 (0 picks a free one). (see --help)",
    ],
    [
      '--port',
      'http',
      "option '--port <port>' argument 'http' is invalid. expected a port from 0 to 65535 (0 picks a free one). (see --help)",
    ],
    [
      '--idle',
      '100000',
      "option '--idle <minutes>' argument '100000' is invalid. expected a number of minutes from 1 to 1440 (1440 is a day). (see --help)",
    ],
  ])('refuses %s %s with the range, before anything starts', (option, value, message) => {
    const result = serve(option, value);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(`vrm: ${message}`);
  });

  it('says that a taken port is in use and how to choose another', () => {
    const result = serve('--port', String(takenPort));
    expect(result.stderr.trimEnd()).toBe(`vrm: port ${takenPort} is in use: choose another with --port`);
    expect(result.code).not.toBe(0);
  });
});
