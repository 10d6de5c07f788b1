import type { PatientSummary } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isAbort } from '../../api/client';
import { searchPatients } from '../../api/endpoints';
import { plural } from '../../lib/format';
import { isTypingTarget } from '../../lib/keyboard';
import { Link, navigate, withQuery } from '../../router/router';
import { PatientResultLine } from './patient-result-line';

type SearchState =
  | { kind: 'idle' }
  | { kind: 'note'; message: string }
  | { kind: 'loading'; query: string }
  | { kind: 'results'; query: string; items: PatientSummary[] }
  | { kind: 'error'; message: string };

const MIN_LENGTH = 2;
const LIMIT = 10;

/**
 * The patient search in the top bar. "/" focuses it, Enter searches, the arrow keys pick a patient and Enter
 * opens them. It searches only on Enter: every search is audited, so it should be one the person meant.
 * With `onChoose` it picks a patient for a form instead (booking from the calendar): no "/" and no page link.
 */
export function PatientSearchBox({
  onChoose,
  label = 'Search patients',
}: { onChoose?: (patient: PatientSummary) => void; label?: string } = {}) {
  const [text, setText] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const pending = useRef<AbortController | null>(null);
  const popup = useRef<HTMLDivElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (onChoose) return () => pending.current?.abort();
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      pending.current?.abort();
    };
  }, [onChoose]);

  const search = async () => {
    const query = text.trim();
    setOpen(true);
    setActive(-1);
    if (query.length < MIN_LENGTH) {
      setState({ kind: 'note', message: `Type at least ${MIN_LENGTH} characters, then press Enter.` });
      return;
    }
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setState({ kind: 'loading', query });
    try {
      const page = await searchPatients(query, LIMIT, controller.signal);
      setState({ kind: 'results', query, items: page.items });
      setActive(page.items.length > 0 ? 0 : -1);
    } catch (error) {
      if (isAbort(error)) return;
      setState({ kind: 'error', message: error instanceof Error ? error.message : 'The search failed.' });
    }
  };

  const items = state.kind === 'results' ? state.items : [];
  const current = state.kind === 'results' && state.query === text.trim();

  const openPatient = (patient: PatientSummary) => {
    setOpen(false);
    if (onChoose) {
      setText(`${patient.familyName}, ${patient.givenNames}`);
      onChoose(patient);
    } else navigate(`/desk/patients/${patient.id}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'Enter': {
        event.preventDefault();
        const chosen = open && current ? items[active] : undefined;
        if (chosen) openPatient(chosen);
        else void search();
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!current || items.length === 0) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          return;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => Math.min(items.length - 1, Math.max(0, index + step)));
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
        }
        break;
      default:
        break;
    }
  };

  const showList = open && current && items.length > 0;
  const announcement =
    state.kind === 'results'
      ? items.length === 0
        ? 'No patients match.'
        : `${plural(items.length, 'patient')} found. Use the arrow keys to choose, then Enter to open.`
      : state.kind === 'loading'
        ? 'Searching…'
        : '';

  return (
    <div
      className={onChoose ? 'patient-search picker field' : 'patient-search'}
      role="search"
      aria-label={onChoose ? label : 'Quick patient search'}
    >
      <label htmlFor={`${id}-input`} className={onChoose ? undefined : 'vh'}>
        {label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        className="patient-search-input"
        placeholder={
          onChoose
            ? 'Name, date of birth, MRN or phone, then Enter'
            : 'Search patients: name, date of birth, MRN or phone'
        }
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={showList ? listId : undefined}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts={onChoose ? undefined : '/'}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (state.kind !== 'results') setOpen(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          // Tabbing into the popup (its "show on a page" link) keeps it open.
          if (!popup.current?.contains(event.relatedTarget)) setOpen(false);
        }}
      />
      {onChoose ? null : (
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
      )}
      {open ? (
        // Clicks inside the popup must not blur the input first, or the popup would close under the pointer.
        <div
          ref={popup}
          className="search-popup"
          onMouseDown={(event) => event.preventDefault()}
          onBlur={(event) => {
            if (event.relatedTarget !== input.current && !popup.current?.contains(event.relatedTarget))
              setOpen(false);
          }}
        >
          {state.kind === 'note' ? <p className="search-note">{state.message}</p> : null}
          {state.kind === 'error' ? <p className="search-note error">{state.message}</p> : null}
          {state.kind === 'loading' ? <p className="search-note">Searching…</p> : null}
          {state.kind === 'results' && !current ? (
            <p className="search-note">Press Enter to search for “{text.trim()}”.</p>
          ) : null}
          {current && items.length === 0 ? (
            <p className="search-note">
              No patients match “{state.query}”. Check the spelling, or try a date of birth, MRN or phone
              number.
            </p>
          ) : null}
          {showList ? (
            <ul id={listId} role="listbox" aria-label="Matching patients" className="search-results">
              {items.map((patient, index) => (
                <li
                  key={patient.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'search-option active' : 'search-option'}
                  onMouseMove={() => setActive(index)}
                  onClick={() => openPatient(patient)}
                >
                  <PatientResultLine patient={patient} />
                </li>
              ))}
            </ul>
          ) : null}
          {current && items.length > 0 && !onChoose ? (
            <p className="search-footer">
              <Link to={withQuery('/desk/patients', { q: state.query })} onClick={() => setOpen(false)}>
                Show these results on a page
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <span className="vh" role="status">
        {announcement}
      </span>
    </div>
  );
}
