import type { Session } from '@patientdesk/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { searchPatients } from '../../api/endpoints';
import { Field } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { formatBirthDateWithAge, formatPatientName, formatPhone, humanize, plural } from '../../lib/format';
import { useShortcuts } from '../../lib/keyboard';
import { moveBetweenRowLinks } from '../../lib/row-keys';
import { can } from '../../session/session';
import { useResource } from '../../lib/use-resource';
import { Link, navigate, useLocation, withQuery } from '../../router/router';
import { TableWrap } from '../../components/table-wrap';

const LIMIT = 50;

/** "Register patient", for roles that register: "n" from anywhere on the page. */
function RegisterAction({ session }: { session: Session }) {
  const allowed = can(session, 'patients:write');
  useShortcuts((event) => {
    if (event.key !== 'n') return false;
    navigate('/desk/patients/new');
    return true;
  }, allowed);
  if (!allowed) return null;
  return (
    <div className="page-head-action">
      <Link to="/desk/patients/new" className="button primary" aria-keyshortcuts="n">
        Register patient{' '}
        <kbd className="key-hint" aria-hidden="true">
          n
        </kbd>
      </Link>
    </div>
  );
}

/** `/desk/patients?q=`: the full list of matches for a search, and "Register patient". */
export function PatientResultsPage({ session }: { session: Session }) {
  const location = useLocation();
  const query = (location.search.get('q') ?? '').trim();
  const [text, setText] = useState(query);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setText(query), [query]);

  const results = useResource(
    (signal) => (query.length >= 2 ? searchPatients(query, LIMIT, signal) : Promise.resolve(null)),
    [query],
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim().length < 2) {
      setError('Type at least 2 characters.');
      return;
    }
    setError(undefined);
    navigate(withQuery('/desk/patients', { q: text.trim() }));
  };

  const items = results.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <PageHeading title="Patient search">Patients</PageHeading>
        <RegisterAction session={session} />
      </div>
      <form className="inline-form" role="search" aria-label="Patient search" onSubmit={onSubmit} noValidate>
        <Field
          className="grow"
          label="Name, date of birth, MRN or phone"
          hint="For example: rivera alex, 06/14/1988, or the last 4 digits of a phone number."
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={setText}
          error={error}
        />
        <button type="submit" className="button primary">
          Search
        </button>
      </form>

      {!query ? (
        <p className="muted">
          Search for a patient to see their record. Tip: press “/” anywhere to search
          {can(session, 'patients:write') ? ', and “n” here to register a new patient' : ''}.
        </p>
      ) : results.error ? (
        <LoadError error={results.error} onRetry={results.reload} />
      ) : results.data === null ? (
        <Loading label="Searching…" />
      ) : items.length === 0 ? (
        <EmptyState title={`No patients match “${query}”`}>
          <p>Check the spelling, or search by date of birth, MRN or phone number instead.</p>
          {can(session, 'patients:write') ? (
            <p>
              Not registered yet? <Link to="/desk/patients/new">Register a new patient</Link>.
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            {items.length === LIMIT
              ? `Showing the first ${LIMIT} matches. Add a date of birth to narrow the search.`
              : `${plural(items.length, 'patient')} found.`}
          </p>
          <TableWrap label="Matching patients">
            <table className="data-table">
              <caption className="vh">Patients matching “{query}”</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Sex</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Phone</th>
                </tr>
              </thead>
              <tbody onKeyDown={moveBetweenRowLinks}>
                {items.map((patient) => (
                  <tr key={patient.id}>
                    <th scope="row">
                      <Link to={`/desk/patients/${patient.id}`} className="row-link">
                        {formatPatientName(patient)}
                      </Link>
                    </th>
                    <td>{formatBirthDateWithAge(patient.birthDate)}</td>
                    <td>{humanize(patient.sex)}</td>
                    <td>{patient.mrn}</td>
                    <td>{formatPhone(patient.phone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </div>
  );
}
