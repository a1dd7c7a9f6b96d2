import { api } from '../../api';
import { CHANNELS } from '../../choices';
import { cleared, Field, FormShell, opt, useFields, useSubmit } from '../../components/Form';
import { DeleteButton } from './DeleteButton';
import type { Interaction, Overview } from './types';

/** Logs an interaction (a call, a letter, an e-mail), or edits one, with its follow-up date. */
export function InteractionForm({
  view,
  done,
  interaction,
}: {
  view: Overview;
  done: () => void;
  interaction?: Interaction;
}) {
  const f = useFields({
    channel: interaction?.channel ?? 'phone',
    direction: interaction?.direction ?? 'outbound',
    subject: interaction?.subject ?? '',
    occurredAt: '',
    notes: interaction?.notes ?? '',
    outcome: interaction?.outcome ?? '',
    followUpOn: interaction?.followUpOn ?? '',
    caseId: String(interaction?.caseId ?? ''),
  });
  const v = f.values;
  const fields = {
    channel: v.channel as 'phone',
    direction: v.direction as 'outbound',
    subject: v.subject,
    occurredAt: opt(v.occurredAt),
  };
  const form = useSubmit(
    () =>
      interaction
        ? api('updateInteraction', {
            id: interaction.id,
            body: {
              ...fields,
              notes: cleared(v.notes),
              outcome: cleared(v.outcome),
              followUpOn: cleared(v.followUpOn),
              caseId: v.caseId ? Number(v.caseId) : null,
            },
          })
        : api('addInteraction', {
            body: {
              ...fields,
              providerId: view.provider.id,
              notes: opt(v.notes),
              outcome: opt(v.outcome),
              followUpOn: opt(v.followUpOn),
              caseId: v.caseId ? Number(v.caseId) : undefined,
            },
          }),
    done,
  );
  const e = form.errors;
  return (
    <FormShell
      title={interaction ? `Edit: ${interaction.subject}` : 'Log an interaction'}
      onSubmit={form.submit}
      message={form.message}
      problems={form.problems}
      busy={form.busy}
      submitLabel={interaction ? 'Save' : 'Log it'}
      onCancel={done}
    >
      <Field
        label="Channel"
        name="channel"
        value={v.channel}
        onChange={f.set('channel')}
        options={CHANNELS}
        error={e.channel}
      />
      <Field
        label="Direction"
        name="direction"
        value={v.direction}
        onChange={f.set('direction')}
        options={[
          ['outbound', 'I contacted them'],
          ['inbound', 'They contacted me'],
        ]}
      />
      <Field
        label="Subject"
        name="subject"
        value={v.subject}
        onChange={f.set('subject')}
        required
        error={e.subject}
      />
      <Field
        label="When"
        name="occurredAt"
        type="datetime-local"
        value={v.occurredAt}
        onChange={f.set('occurredAt')}
        error={e.occurredAt}
        hint={interaction ? 'Empty: unchanged' : 'Empty: now'}
      />
      <Field label="Notes" name="notes" value={v.notes} onChange={f.set('notes')} multiline error={e.notes} />
      <Field label="Outcome" name="outcome" value={v.outcome} onChange={f.set('outcome')} error={e.outcome} />
      <Field
        label="Follow up on"
        name="followUpOn"
        type="date"
        value={v.followUpOn}
        onChange={f.set('followUpOn')}
        error={e.followUpOn}
      />
      {view.cases.length > 0 ? (
        <Field
          label="Case"
          name="caseId"
          value={v.caseId}
          onChange={f.set('caseId')}
          options={[['', 'none'], ...view.cases.map((c) => [String(c.id), c.title] as const)]}
        />
      ) : null}
      {interaction ? (
        <DeleteButton
          what={`“${interaction.subject}”`}
          consequence="Only this entry goes; its case and the provider's other records stay."
          onDelete={() => api('deleteInteraction', { id: interaction.id })}
          done={done}
        />
      ) : null}
    </FormShell>
  );
}
