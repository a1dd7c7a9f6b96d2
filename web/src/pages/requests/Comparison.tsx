import { useState } from 'react';
import { api, ApiError, type ApiOutput } from '../../api';
import { go } from '../../router';
import { plural } from '../../format';

type Comparison = NonNullable<ApiOutput<'requestComparison'>>;
type Finding = Comparison['unknown'][number]['finding'];

/** Where a finding stood: "profile.json, field dateOfBirth", "export.pdf, page 2". */
export function placeText(f: Finding): string {
  const place = f.places[0];
  if (!place) return '';
  const where = place.field
    ? `field ${place.field}`
    : place.jsonPath
      ? place.jsonPath
      : place.row !== undefined
        ? `row ${String(place.row)}${place.columnName ? `, column ${place.columnName}` : ''}`
        : place.page !== undefined
          ? `page ${String(place.page)}`
          : place.line !== undefined
            ? `line ${String(place.line)}`
            : '';
  const more = f.places.length > 1 ? ` (and ${plural(f.places.length - 1, 'other place')})` : '';
  return `${place.file}${where ? `, ${where}` : ''}${more}`;
}

/** A list of the comparison, with its heading, or nothing when it is empty. */
function Part({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  if (count === 0) return null;
  return (
    <>
      <h3>
        {title} ({count})
      </h3>
      <ul className="comparison list">{children}</ul>
    </>
  );
}

/**
 * THE comparison: what their answer holds against what you gave them. `providerId` and `kind`
 * let "Ask them to correct it" draft a rectification request for the outdated facts.
 */
export function ComparisonView({
  comparison: c,
  providerId,
}: {
  comparison: Comparison;
  providerId: number;
}) {
  const [message, setMessage] = useState('');
  const rectify = (facts: number[]) => {
    setMessage('');
    api('draftRequest', { body: { provider: providerId, kind: 'rectification', details: { facts } } })
      .then((p) => go(`requests/${String(p.id)}`))
      .catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)));
  };
  const empty =
    c.neverGiven.length + c.outdated.length + c.leftOut.length + c.passedOn.length + c.unknown.length === 0;
  return (
    <div className="comparison">
      {empty ? (
        <p className="empty">Their answer holds what you gave them, and nothing else vrm can tell.</p>
      ) : null}
      <Part title="What they hold that you never gave them" count={c.neverGiven.length}>
        {c.neverGiven.map((n) => (
          <li key={`${n.fact.id}:${n.finding.value}`}>
            <strong>{n.fact.label}</strong>: {n.finding.shown} <small>found in {placeText(n.finding)}</small>
            <br />
            <small>{n.ask}</small>
          </li>
        ))}
      </Part>
      <Part title="Outdated" count={c.outdated.length}>
        {c.outdated.map((o) => (
          <li key={`${o.fact.id}:${o.finding.value}`}>
            <strong>{o.fact.label}</strong>: {o.finding.shown}{' '}
            <small>
              (version {o.fact.version} of {o.fact.current}, found in {placeText(o.finding)})
            </small>{' '}
            <button type="button" className="small" onClick={() => rectify([o.fact.id])}>
              Ask them to correct it
            </button>
          </li>
        ))}
      </Part>
      <Part title="What you gave that their answer leaves out" count={c.leftOut.length}>
        {c.leftOut.map((l) => (
          <li key={l.fact.id}>
            <strong>{l.fact.label}</strong>: their answer is incomplete without it
          </li>
        ))}
      </Part>
      <Part title="Passed on" count={c.passedOn.length}>
        {c.passedOn.map((x) => (
          <li key={`${x.identity}:${x.finding.value}`}>
            <strong>{x.identity}</strong>, which you gave only to {x.givenTo}{' '}
            <small>found in {placeText(x.finding)}</small>
            <br />
            <small>{x.ask}</small>
          </li>
        ))}
      </Part>
      <Part title="Unknown" count={c.unknown.length}>
        {c.unknown.map((u) => (
          <li key={`${u.finding.kind}:${u.finding.value}`}>
            {u.finding.shown} <small>found in {placeText(u.finding)}</small>
            <br />
            <small>{u.ask}</small>
          </li>
        ))}
      </Part>
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
