import type { DuplicateMatch, MatchReason } from '@patientdesk/contracts';
import { useEffect, useRef } from 'react';
import { formatBirthDateWithAge, formatPatientName, formatPhone } from '../../../lib/format';
import { Link } from '../../../router/router';

const MATCH_FIELD_WORDS: Record<MatchReason['field'], string> = {
  familyName: 'family name',
  givenName: 'given name',
  birthDate: 'date of birth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  address: 'address',
  identifier: 'identifier from another system',
};

const SIMILAR_WORDS: Record<string, string> = {
  nickname: 'Given name is a nickname of it',
  'preferred-name': 'Given name matches the preferred name',
  'middle-name': 'Given names share a middle name',
  initial: 'Given name matches an initial',
  'name-part': 'Family names share a part',
  swapped: 'Family and given names swapped',
  'transposed-day-month': 'Date of birth with day and month swapped',
  'transposed-digits': 'Date of birth with two digits swapped',
  'same-local-part': 'Email with the same name before the @',
  'street-spelling': 'Address spelled alike',
};

/** One reason in plain words: "Same date of birth", "Given name is a nickname of it", "Different phone". */
export function describeReason(reason: MatchReason): string {
  const field = MATCH_FIELD_WORDS[reason.field];
  if (reason.kind === 'exact')
    return reason.detail === 'other-phone' ? 'Same phone as another number on file' : `Same ${field}`;
  if (reason.kind === 'different') return `Different ${field}`;
  if (reason.detail === 'spelling') return `${field.charAt(0).toUpperCase()}${field.slice(1)} spelled alike`;
  if (reason.detail === 'one-digit')
    return `${field.charAt(0).toUpperCase()}${field.slice(1)} one digit apart`;
  return (reason.detail && SIMILAR_WORDS[reason.detail]) ?? `Similar ${field}`;
}

/** The reasons for, strongest first, then those against; each said once. */
function reasonLines(reasons: MatchReason[]): { text: string; against: boolean }[] {
  const sorted = [...reasons].sort((a, b) => b.weight - a.weight);
  const seen = new Set<string>();
  return sorted.flatMap((reason) => {
    const text = describeReason(reason);
    if (seen.has(text)) return [];
    seen.add(text);
    return [{ text, against: reason.weight < 0 }];
  });
}

/** Why two records may be one person, in plain words: the reasons for first, then those against. */
export function ReasonList({ reasons }: { reasons: MatchReason[] }) {
  return (
    <ul className="reason-list" aria-label="Why it may be the same person">
      {reasonLines(reasons).map((line) => (
        <li key={line.text} className={line.against ? 'reason against' : 'reason'}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the duplicate check found before saving: each record with why it may be the same person, a way to open it,
 * and "Register anyway". The heading takes focus, so the warning is read out and the next Tab reaches the matches.
 */
export function DuplicateMatches({
  matches,
  busy,
  onRegisterAnyway,
  onBack,
}: {
  matches: DuplicateMatch[];
  busy: boolean;
  onRegisterAnyway: () => void;
  onBack: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const likely = matches.some((match) => match.level === 'likely');
  return (
    <section className="panel duplicate-panel" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" ref={heading} tabIndex={-1} className="panel-title">
        {likely ? 'This patient may already be registered' : 'Check these records before saving'}
      </h2>
      <p className="muted">
        Open a record to check it with the patient. Register a new record only if none of these is the same
        person.
      </p>
      <ul className="duplicate-list">
        {matches.map((match) => (
          <li key={match.patient.id} className="duplicate-match">
            <div className="duplicate-head">
              <Link to={`/desk/patients/${match.patient.id}`} className="duplicate-name">
                {formatPatientName(match.patient)}
              </Link>
              <span className={`badge match-${match.level}`}>
                {match.level === 'likely' ? 'Likely the same person' : 'Possibly the same person'}
              </span>
            </div>
            <p className="result-meta">
              <span>
                <span className="meta-label">DOB</span> {formatBirthDateWithAge(match.patient.birthDate)}
              </span>
              <span>
                <span className="meta-label">MRN</span> {match.patient.mrn}
              </span>
              <span>{match.patient.phone ? formatPhone(match.patient.phone) : 'No phone'}</span>
            </p>
            <ReasonList reasons={match.reasons} />
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          aria-disabled={busy}
          onClick={() => !busy && onRegisterAnyway()}
        >
          {busy ? 'Registering…' : 'Register anyway'}
        </button>
        <button type="button" className="button subtle" onClick={onBack}>
          Back to the form
        </button>
      </div>
    </section>
  );
}
