// `npx tsx bench/mbox-memory.ts`: the mbox reader keeps memory flat however large the file. It
// writes the SpamAssassin corpus as an mboxrd file copied to 200 MB, reads it with `readMbox`, and
// compares the growth of the process's resident memory (sampled every 1,000 messages) with the
// target: under 100 MB, whatever the file's size.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMbox } from '../src/mail/sources/mbox.js';
import { writeCorpusMbox } from '../src/test/corpus.js';

const TARGET_MB = 100;
const SIZE_MB = 200;

const dir = mkdtempSync(join(tmpdir(), 'vrm-bench-mbox-'));
try {
  const corpusMbox = join(dir, 'corpus.mbox');
  writeCorpusMbox(corpusMbox);
  const corpus = readFileSync(corpusMbox);
  const big = join(dir, 'big.mbox');
  const copies = Math.ceil((SIZE_MB * 1024 * 1024) / corpus.length);
  const fd = openSync(big, 'w');
  for (let i = 0; i < copies; i += 1) writeSync(fd, corpus);
  closeSync(fd);

  const before = process.memoryUsage().rss;
  let peak = before;
  let count = 0;
  const started = performance.now();
  for await (const message of readMbox(big)) {
    count += 1;
    if (message.raw.length === 0) throw new Error(`message ${String(count)} is empty`);
    if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  const growthMb = (peak - before) / (1024 * 1024);
  const fileMb = (copies * corpus.length) / (1024 * 1024);
  console.log(`mbox of ${fileMb.toFixed(0)} MB, ${String(count)} messages, read in ${seconds.toFixed(1)} s`);
  console.log(
    `resident memory grew by   ${growthMb.toFixed(1)} MB  (target < ${String(TARGET_MB)} MB: ${growthMb < TARGET_MB ? 'met' : 'missed'})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
