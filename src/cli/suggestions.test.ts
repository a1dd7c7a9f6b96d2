import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

/**
 * Issue 14 point 6: every `vrm …` command that a message of the services or the CLI, or a page of
 * the web app, suggests to the person is checked against the real commander program: the command
 * exists, each option is one of its options with its value, the positional arguments fit, and
 * mandatory options are there. A suggestion that names only a command (`vrm restore`) names it,
 * and only has to exist.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/u.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** Quoted text that starts with "vrm" and is a sentence, or a command named at run time. */
const PROSE = ['vrm is serving', 'vrm ${'];

interface Suggestion {
  readonly where: string;
  readonly text: string;
}

/** `vrm …` in backticks (messages, comments shown as help) or in <code> on a page. */
function suggestions(): Suggestion[] {
  return [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'web/src'))].flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    return [...text.matchAll(/`(vrm [^`\\]+)|<code>(vrm [^<{]+)<\/code>/gu)].flatMap((m) => {
      const line = text.slice(0, m.index).split('\n').length;
      // Comments explain the code to its readers; what a person is told is in strings and pages.
      if (/^\s*(\*|\/\/|\/\*)/u.test(lines[line - 1] ?? '')) return [];
      const suggested = (m[1] ?? m[2] ?? '').trim();
      if (PROSE.some((start) => suggested.startsWith(start))) return [];
      return [{ where: `${relative(ROOT, file)}:${line}`, text: suggested }];
    });
  });
}

/** Shell words: quotes kept together, `${…}` (a value filled in at run time) as one word. */
function words(line: string): string[] {
  const found = line.replace(/\$\{[^}]*\}/gu, 'X').match(/"[^"]*"|'[^']*'|\S+/gu) ?? [];
  const end = found.findIndex((w) => ['|', '&&', ';', '#'].includes(w));
  return end === -1 ? found : found.slice(0, end);
}

/** Why the program would refuse this command line, or undefined when it would take it. */
function refusal(program: Command, text: string): string | undefined {
  const rest = words(text).slice(1);
  let command = program;
  while (rest.length > 0) {
    const sub = command.commands.find((c) => c.name() === rest[0] || c.aliases().includes(rest[0] ?? ''));
    if (!sub) break;
    command = sub;
    rest.shift();
  }
  if (command === program) return `no command "${rest[0] ?? ''}"`;
  // A group with a default command (`vrm discover` lists) runs that one when named alone.
  const defaultName = (command as unknown as { _defaultCommandName?: string | null })._defaultCommandName;
  const fallback = defaultName ? command.commands.find((c) => c.name() === defaultName) : undefined;
  if (fallback && rest.join(' ') !== '…') command = fallback;
  // `vrm contract …` names the commands of a group.
  if (command.commands.length > 0 && rest.join(' ') !== '…') {
    return `"${command.name()}" needs one of its commands`;
  }
  if (rest.length === 0 || command.commands.length > 0) return undefined;
  const given = new Set<string>();
  let positionals = 0;
  while (rest.length > 0) {
    const word = rest.shift() ?? '';
    if (word === '…') continue; // "and the rest you want to change"
    if (!word.startsWith('--')) {
      positionals += 1;
      continue;
    }
    const [flag = '', inline] = word.split('=', 2);
    const option = command.options.find((o) => o.long === flag || o.long === flag.replace(/^--no-/u, '--'));
    if (!option) return `${command.name()} has no option ${flag}`;
    given.add(option.attributeName());
    if (option.required && inline === undefined) {
      const value = rest.shift();
      if (value === undefined || value.startsWith('--')) return `${flag} needs a value`;
    }
  }
  const missing = command.options.filter((o) => o.mandatory && !given.has(o.attributeName()));
  if (missing.length > 0) return `needs ${missing.map((o) => o.long).join(', ')}`;
  const args = command.registeredArguments;
  const least = args.filter((a) => a.required).length;
  const most = args.some((a) => a.variadic) ? Infinity : args.length;
  if (positionals < least || positionals > most) {
    return `${command.name()} takes ${least === most ? least : `${least} to ${most}`} argument(s), not ${positionals}`;
  }
  return undefined;
}

describe('the CLI commands the product suggests', () => {
  const program = buildProgram();
  const all = suggestions();

  it('finds the suggestions it checks', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.map((s) => s.text)).toContain('vrm alias setup --kind plus you@example.org');
  });

  it('checks what it should', () => {
    expect(refusal(program, 'vrm alias setup plus ADDRESS')).toBe('needs --kind');
    expect(refusal(program, 'vrm contract add X --provider P --prize 9')).toBe('add has no option --prize');
    expect(refusal(program, 'vrm nothing here')).toBe('no command "nothing"');
    expect(refusal(program, 'vrm restore')).toBeUndefined();
  });

  it('suggests only commands the CLI takes as written', () => {
    const wrong = all
      .map((s) => ({ ...s, refusal: refusal(program, s.text) }))
      .filter((s) => s.refusal !== undefined)
      .map((s) => `${s.where}: \`${s.text}\`: ${s.refusal ?? ''}`);
    expect(wrong).toEqual([]);
  });
});
