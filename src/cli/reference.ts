import type { Command, Option } from 'commander';

/**
 * Renders the CLI reference in Markdown from the commander definitions themselves, so that
 * docs/cli.md documents every command and option and cannot drift from the code: a test compares
 * the file with this output, and `npm run docs` rewrites it.
 */
function usage(command: Command, path: string): string {
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  const hasOptions = command.options.some((o) => !o.hidden);
  return ['vrm', path, hasOptions ? '[options]' : '', ...args].filter(Boolean).join(' ');
}

const optionRow = (o: Option): string => {
  const extra = [o.mandatory ? 'required' : '', o.argChoices ? `one of: ${o.argChoices.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  const text = `${o.description}${extra ? ` (${extra})` : ''}`;
  return `| \`${o.flags}\` | ${text.replaceAll('|', '\\|')} |`;
};

function renderCommand(command: Command, path: string, level: number): string[] {
  const lines = [`${'#'.repeat(level)} \`vrm ${path}\``, '', command.description(), ''];
  const aliases = command.aliases();
  if (aliases.length > 0) lines.push(`Also: ${aliases.map((a) => `\`${a}\``).join(', ')}.`, '');
  if (command.commands.length > 0) {
    for (const sub of command.commands) lines.push(...renderCommand(sub, `${path} ${sub.name()}`, level + 1));
    return lines;
  }
  lines.push('```', usage(command, path), '```', '');
  if (command.registeredArguments.length > 0) {
    lines.push('| argument | meaning |', '|---|---|');
    for (const a of command.registeredArguments) lines.push(`| \`${a.name()}\` | ${a.description} |`);
    lines.push('');
  }
  const options = command.options.filter((o) => !o.hidden);
  if (options.length > 0) {
    lines.push('| option | meaning |', '|---|---|', ...options.map(optionRow), '');
  }
  return lines;
}

export const REFERENCE_START =
  '<!-- reference: generated from the CLI by `npm run docs`; do not edit below -->';

export function renderReference(program: Command): string {
  const lines = [REFERENCE_START, '', '## Commands', ''];
  lines.push('| option (every command) | meaning |', '|---|---|', ...program.options.map(optionRow), '');
  for (const command of program.commands) lines.push(...renderCommand(command, command.name(), 3));
  return `${lines.join('\n').trimEnd()}\n`;
}
