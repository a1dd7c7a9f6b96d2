import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse.js';

describe('parseMessage on hostile headers', () => {
  // Each of these took 20 s or more when a regex backtracked over the run; linear parsing reads a
  // megabyte of any of them in a few milliseconds, so the test's own time-out is a wide bound.
  const RUNS: Record<string, string> = {
    spaces: ' '.repeat(1_000_000),
    tabs: '\t'.repeat(1_000_000),
    folds: ' \r\n'.repeat(300_000),
    'open parentheses': '('.repeat(1_000_000),
    'digits and spaces': '1 '.repeat(500_000),
    'angle brackets': '<'.repeat(1_000_000),
    'encoded-word starts': '=?'.repeat(500_000),
    quotes: '"'.repeat(1_000_000),
  };
  const HEADERS = ['Subject', 'From', 'To', 'Date', 'List-Id', 'Received', 'Content-Type', 'Message-ID'];

  // Quadratic unfolding took 21 s for 200 KB of spaces, so for 64
  // headers of 1 MB it would take hours. The timeout leaves room for a busy machine.
  it('parses a megabyte-long folded header of every shape in linear time', { timeout: 60_000 }, () => {
    for (const header of HEADERS) {
      for (const [shape, run] of Object.entries(RUNS)) {
        const raw = Buffer.from(`${header}: a${run}b\r\nFrom: x@example.org\r\n\r\nbody\r\n`);
        const m = parseMessage(raw);
        expect(m.body, `${header} of ${shape}`).toContain('body');
      }
    }
    // Folding whitespace (a run holding a line break or a tab) becomes one space; plain spaces stay.
    const folded = parseMessage(Buffer.from(`Subject: a${RUNS.spaces ?? ''}\r\n\tb  c\r\n\r\nbody\r\n`));
    expect(folded.subject).toBe('a b  c');
  });
});
