/** `vrm letter …`: letters to providers as PDF. */
import type { LetterInput } from '../../letters/schemas.js';
import { VrmError } from '../../platform/errors.js';
import { writeFileWhole, writeNewFile } from '../../platform/files.js';
import { writeSync } from 'node:fs';
import { readText } from '../files.js';
import { fieldsFrom, LETTER_FLAGS } from '../fields.js';
import { note, say } from '../output.js';
import type { Session } from '../session.js';

interface LetterOptions {
  from: string;
  subject: string;
  body?: string;
  bodyFile?: string;
  layout?: LetterInput['layout'];
  language?: LetterInput['language'];
  date?: string;
  name?: string;
}

/** The service's input from the options: the text from `--body` or `--body-file`, one of them. */
function letterInput(provider: string, o: LetterOptions): LetterInput {
  if (o.body !== undefined && o.bodyFile !== undefined) {
    throw new VrmError('invalid_input', 'give the text with --body or --body-file, not both');
  }
  if (o.body === undefined && o.bodyFile === undefined) {
    throw new VrmError(
      'invalid_input',
      '--body: the letter needs a text: give --body TEXT or --body-file FILE',
      {
        details: [{ path: 'body', message: 'the letter needs a text' }],
      },
    );
  }
  const body = o.bodyFile === undefined ? (o.body ?? '') : readText(o.bodyFile, 'the letter text');
  const { senderName, ...fields } = fieldsFrom(LETTER_FLAGS, o);
  return {
    ...fields,
    providerId: provider,
    from: { factId: o.from },
    body,
    ...(senderName === undefined ? {} : { senderName }),
  };
}

export async function writeLetter(
  s: Session,
  provider: string,
  o: LetterOptions & { out: string; force?: boolean },
): Promise<void> {
  const letter = await s.services.letters.render(letterInput(provider, o));
  if (o.force) writeFileWhole(o.out, letter.pdf, 'the letter');
  else writeNewFile(o.out, 'the letter', (fd) => writeSync(fd, letter.pdf));
  for (const warning of letter.warnings) note(`vrm: note: ${warning}`);
  say(
    `Wrote ${o.out}: ${String(letter.pages)} page${letter.pages === 1 ? '' : 's'}, ${letter.layout} layout, to ${letter.recipient.join(', ')}.`,
  );
  say(`When you have posted it: vrm letter posted with the same options and --on DATE.`);
}

export async function letterPosted(
  s: Session,
  provider: string,
  o: LetterOptions & { on?: string; notes?: string },
): Promise<void> {
  const { interaction, documentId } = await s.services.letters.posted({
    ...letterInput(provider, o),
    postedOn: o.on ?? s.services.today(),
    ...(o.notes === undefined ? {} : { notes: o.notes }),
  });
  say(
    `Recorded: letter "${interaction.subject}" posted on ${interaction.occurredAt.slice(0, 10)} (interaction ${String(interaction.id)}; the PDF is document ${String(documentId)}).`,
  );
}
