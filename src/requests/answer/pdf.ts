import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF's text page by page, or why it could not be read. */
export type PdfText = { readonly pages: string[] } | { readonly error: string };

/**
 * Reads a PDF's text with poppler's `pdftotext` (Debian package poppler-utils): run directly, no
 * shell, on a private temporary copy, killed after `timeoutMs`. A PDF is an untrusted program of
 * sorts; a separate process that can be killed keeps a hostile one from stalling vrm.
 */
export async function pdfText(bytes: Buffer, program: string, timeoutMs: number): Promise<PdfText> {
  const dir = await mkdtemp(join(tmpdir(), 'vrm-answer-pdf-'));
  try {
    const file = join(dir, 'answer.pdf');
    await writeFile(file, bytes, { mode: 0o600 });
    return await run(program, ['-layout', '-enc', 'UTF-8', '-q', file, '-'], timeoutMs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Most text kept from one PDF: a 50 MB text layer is not an answer, it is an attack. */
const MAX_TEXT = 32 * 1024 * 1024;

function run(program: string, args: string[], timeoutMs: number): Promise<PdfText> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_TEXT) child.kill('SIGKILL');
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-500);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        error:
          error.code === 'ENOENT'
            ? `its text was not read: ${program} is not installed. Install poppler-utils (on Debian or Ubuntu: sudo apt-get install poppler-utils) and import the answer again.`
            : `its text was not read: ${program} could not be started (${error.message}).`,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        resolve({
          error: `its text was not read: ${program} took longer than ${String(timeoutMs / 1000).replace('.', ',')} s and was stopped.`,
        });
      else if (size > MAX_TEXT) resolve({ error: `its text was not read: it holds over 32 MiB of text.` });
      else if (code !== 0)
        resolve({
          error: `its text was not read: ${program} says ${stderr.trim() || `exit ${code}`} (damaged or password-protected PDF?).`,
        });
      else {
        const pages = Buffer.concat(chunks).toString('utf8').split('\f');
        // pdftotext ends every page with a form feed, so the last piece is empty.
        if (pages.length > 1 && pages[pages.length - 1]?.trim() === '') pages.pop();
        resolve({ pages });
      }
    });
  });
}
