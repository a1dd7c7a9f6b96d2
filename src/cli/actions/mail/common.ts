/** What the mail commands share: number and day formats, and a table of messages. */
import { printTable } from '../../output.js';
import type { Session } from '../../session.js';

export const number = new Intl.NumberFormat('en-GB');

export const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');

export type Summary = Awaited<ReturnType<Session['services']['mail']['inbox']>>[number];

export function printMessages(rows: readonly Summary[], empty: string): void {
  printTable(
    rows,
    [
      { header: 'id', value: (m) => m.id, align: 'right' },
      { header: 'date', value: (m) => day(m.sentAt) },
      { header: 'att', value: (m) => m.attention },
      { header: 'folder', value: (m) => m.folder, maxWidth: 12 },
      { header: 'from', value: (m) => m.senderLabel, maxWidth: 24 },
      { header: 'subject', value: (m) => m.subject, maxWidth: 50 },
      {
        header: '',
        value: (m) =>
          [m.leak ? 'LEAK' : '', m.flagged ? 'flag' : '', m.attachmentCount ? '📎' : '']
            .filter(Boolean)
            .join(' '),
      },
    ],
    empty,
  );
}
