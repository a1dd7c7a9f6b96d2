/** How `vrm request …` prints a proceeding, its list and the comparison of an answer with the ledger. */
import type { Place } from '../../requests/answer/findings.js';
import type { Comparison } from '../../requests/compare.js';
import type { Proceeding, ProceedingStatus } from '../../requests/service.js';
import { heading, printRecord, printTable, say } from '../output.js';

const CHANNEL_WORDS = { email: 'e-mail', letter: 'letter', web_form: 'web form' } as const;

const STATUS_WORDS: Record<ProceedingStatus, string> = {
  drafted: 'drafted',
  sent: 'sent',
  waiting: 'waiting',
  extended: 'extended',
  overdue: 'overdue',
  answered: 'answered',
  admonished: 'admonished',
  complaint: 'complaint lodged',
  done: 'done',
  withdrawn: 'withdrawn',
};

const MESSAGE_WORDS = {
  request: 'request',
  response: 'response',
  admonition: 'admonition',
  complaint: 'complaint',
  extension: 'notice of extension',
  note: 'note',
} as const;

export const channelWords = (p: Pick<Proceeding, 'channel'>): string =>
  p.channel ? CHANNEL_WORDS[p.channel] : 'no channel yet';

/** "answered (incomplete)", "overdue". */
export const statusWords = (p: Proceeding): string =>
  `${STATUS_WORDS[p.status]}${p.answer === 'incomplete' && p.status === 'answered' ? ' (incomplete)' : ''}`;

/** The day it is due, marked when it has passed. */
export const dueWords = (p: Proceeding): string =>
  p.dueOn === null ? '' : p.overdue ? `${p.dueOn} (late)` : p.dueOn;

/** One line per proceeding: the list, and a campaign's view. */
export function printProceedings(rows: readonly Proceeding[], empty: string): void {
  printTable(
    rows,
    [
      { header: 'id', value: (p) => p.id, align: 'right' },
      { header: 'provider', value: (p) => p.provider },
      { header: 'kind', value: (p) => p.title },
      { header: 'by', value: channelWords },
      { header: 'status', value: statusWords },
      { header: 'due', value: dueWords },
      { header: 'next', value: (p) => p.next, maxWidth: 80 },
    ],
    empty,
  );
}

/** A drafted request as it will go: to, from, by, subject and text, and what to know first. */
export function printDraft(p: Proceeding, withNext = true): void {
  const message = [...p.messages].reverse().find((m) => m.direction === 'out' && m.state === 'drafted');
  printRecord([
    ['request', p.id],
    ['provider', p.provider],
    ['kind', p.title],
    ['to', p.recipient?.replace(/\n/g, ', ') ?? null],
    ['from', p.from],
    ['by', channelWords(p)],
    ['language', p.language === 'de' ? 'German' : 'English'],
    ['subject', message?.subject ?? null],
  ]);
  if (message) say(`\n${message.body}\n`);
  for (const n of p.notes) say(`Note: ${n}`);
  if (p.problem) say(`Before it can go: ${p.problem}`);
  if (withNext) say(`Next: ${p.next}`);
}

/** Where a finding was: `profile.json at $.dateOfBirth`, `export.csv row 3, email`. */
export function placeWords(place: Place): string {
  const where =
    place.jsonPath ??
    (place.row !== undefined
      ? `row ${String(place.row)}${place.columnName ? `, ${place.columnName}` : ''}`
      : place.page !== undefined
        ? `page ${String(place.page)}${place.line !== undefined ? `, line ${String(place.line)}` : ''}`
        : place.line !== undefined
          ? `line ${String(place.line)}`
          : '');
  return where ? `${place.file} at ${where}` : place.file;
}

const firstPlace = (places: readonly Place[]): string => {
  const [first] = places;
  if (!first) return '';
  return `${placeWords(first)}${places.length > 1 ? ` (and ${String(places.length - 1)} more)` : ''}`;
};

/** "2 never given, 1 outdated, 0 left out, 0 unknown, 0 passed on". */
export const comparisonSummary = (c: Comparison): string =>
  [
    `${String(c.neverGiven.length)} never given`,
    `${String(c.outdated.length)} outdated`,
    `${String(c.leftOut.length)} left out`,
    `${String(c.unknown.length)} unknown`,
    `${String(c.passedOn.length)} passed on`,
  ].join(', ');

/** The comparison of the answers with the ledger, item by item, each with where it was found. */
export function printComparison(c: Comparison): void {
  heading('What the answer holds against what you gave');
  say(comparisonSummary(c));
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length === 0) return;
    say(`\n${title}:`);
    for (const line of lines) say(`  - ${line}`);
  };
  section(
    'They hold what you never gave them (ask where it came from, Art. 14 and 15(1)(g))',
    c.neverGiven.map(
      (n) => `${n.fact.label}: ${n.finding.shown}, in ${firstPlace(n.finding.places)}. ${n.ask}`,
    ),
  );
  section(
    'They hold an outdated version (a rectification request is one step away)',
    c.outdated.map(
      (o) =>
        `${o.fact.label}: ${o.finding.shown} is version ${String(o.fact.version)}, the current one is ${String(o.fact.current)}; in ${firstPlace(o.finding.places)}`,
    ),
  );
  section(
    'You gave them this, and the answer leaves it out (it is incomplete)',
    c.leftOut.map((l) => l.fact.label),
  );
  section(
    'Personal data you do not have in your vault',
    c.unknown.map((u) => `${u.finding.shown}, in ${firstPlace(u.finding.places)}. ${u.ask}`),
  );
  section(
    'Passed on: given to another provider only',
    c.passedOn.map(
      (p) => `${p.identity} (given to ${p.givenTo}), in ${firstPlace(p.finding.places)}. ${p.ask}`,
    ),
  );
  section(
    'Still held after you withdrew it',
    c.stillHeld.map((s) => `${s.fact.label}: ${s.finding.shown}, in ${firstPlace(s.finding.places)}`),
  );
  section(
    'Given, but not something an answer can be searched for: check by eye',
    c.notChecked.map((n) => n.fact.label),
  );
}

/** Everything about a proceeding: its record, deadlines with their reasons, messages, answers. */
export function printProceeding(p: Proceeding, comparison: Comparison | null): void {
  heading(`Request ${String(p.id)}: ${p.title} to ${p.provider}`);
  printRecord([
    ['status', statusWords(p)],
    ['by', channelWords(p)],
    ['to', p.recipient?.replace(/\n/g, ', ') ?? null],
    ['from', p.from],
    ['language', p.language === 'de' ? 'German' : 'English'],
    ['holidays of', p.place],
    ['delivery days', p.channel === 'letter' ? p.deliveryDays : null],
    ['sent', p.sentOn],
    ['due', dueWords(p)],
    ['answered', p.answeredOn ? `${p.answeredOn}${p.answer ? ` (${p.answer})` : ''}` : null],
    ['items left out', p.missingItems.length > 0 ? p.missingItems.join(', ') : null],
    ['admonished', p.admonishedOn],
    ['authority', p.authority],
    ['complaint lodged', p.complainedOn],
    ['closed', p.closedOn],
    ['campaign', p.campaignId],
  ]);
  for (const n of p.notes) say(`Note: ${n}`);
  if (p.problem) say(`Before it can go: ${p.problem}`);
  if (p.deadlines.length > 0) {
    heading('Deadlines');
    for (const d of p.deadlines) say(`${d.label}: ${d.day}\n  ${d.explanation}`);
    if (p.extension) {
      say(
        `Extension noticed on ${p.extension.on}${p.extension.counts ? '' : ' (does not count)'}: ${p.extension.explanation}`,
      );
    }
  }
  heading('Messages');
  for (const m of p.messages) {
    const dir = m.direction === 'out' ? 'to them' : 'from them';
    const when = m.on ?? 'not sent yet';
    say(
      `${when}  ${MESSAGE_WORDS[m.kind]} ${dir}${m.channel ? ` by ${CHANNEL_WORDS[m.channel]}` : ''} (${m.state}): ${m.subject}`,
    );
    if (m.state === 'drafted' || m.direction === 'in') {
      if (m.body.trim() !== '') say(m.body.replace(/^/gm, '    '));
    }
  }
  if (p.answers.length > 0) {
    heading('Answers');
    for (const a of p.answers) {
      say(
        `${a.name}, imported ${a.importedAt.slice(0, 10)}: ${String(a.files.length)} file${a.files.length === 1 ? '' : 's'} kept, ${String(a.findings)} found`,
      );
      for (const f of a.files) say(`  ${f.path} (document ${String(f.documentId)})`);
      for (const problem of a.problems) say(`  problem: ${problem.file}: ${problem.message}`);
    }
  }
  if (comparison) printComparison(comparison);
  say(`\nNext: ${p.next}`);
}
