import { money } from '../../format';
import { Section } from './Section';
import type { Overview } from './types';

/** The provider at a glance: its profile with the yearly cost, and how to reach it. */
export function ProviderSummary({ view }: { view: Overview }) {
  const p = view.provider;
  return (
    <div className="grid">
      <Section title="Profile">
        <dl className="facts">
          <dt>Category</dt>
          <dd>{p.category ?? '—'}</dd>
          <dt>Yearly cost</dt>
          <dd>{view.yearlyCosts.map((c) => money(c.yearlyMinor, c.currency)).join(' + ') || '—'}</dd>
          <dt>Website</dt>
          <dd>
            {p.website ? (
              <a href={p.website} rel="noreferrer noopener" target="_blank">
                {p.website}
              </a>
            ) : (
              '—'
            )}
          </dd>
          <dt>Mail domains</dt>
          <dd>{p.domains.join(', ') || '—'}</dd>
          <dt>Country</dt>
          <dd>{p.country ?? '—'}</dd>
          {p.notes ? (
            <>
              <dt>Notes</dt>
              <dd>{p.notes}</dd>
            </>
          ) : null}
        </dl>
      </Section>
      <Section title="Contacts">
        <dl className="facts">
          <dt>Support</dt>
          <dd>{p.supportEmail ?? '—'}</dd>
          <dt>Privacy</dt>
          <dd>{p.privacyEmail ?? '—'}</dd>
          <dt>Phone</dt>
          <dd>{p.phone ?? '—'}</dd>
          <dt>Post</dt>
          <dd className="address">{p.postalAddress ?? '—'}</dd>
          <dt>Web form</dt>
          <dd>{p.webForm ?? '—'}</dd>
        </dl>
      </Section>
    </div>
  );
}
