import { isRealDate, type PortalInvitationLink } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { isApiError } from '../../api/client';
import { acceptPortalInvitation, describePortalInvitation } from '../../api/portal-invitations';
import { Field } from '../../components/field';
import { useResource } from '../../lib/use-resource';
import { Link } from '../../router/router';
import { CallClinic, isInvalidLink, LinkFrame, LinkHeading, LinkPending, plausibleToken } from './link-frame';
import { browserLanguage, telHref, useFragmentToken, type LinkLanguage } from './link-text';
import { JOIN_WORDS, type DatePart } from './join-words';

/**
 * What ended the page's form: the account is made (the portal opens), the email is another account's, or the
 * proxy the invitation was for no longer acts for the patient.
 */
type Outcome = 'done' | 'email-taken' | 'two-step' | 'no-longer';

/**
 * `/portal/join#token=…`, from a portal invitation email, with no sign-in: the date of birth of the patient the
 * invitation is for, then a new password (or the password of the account the email already has), and the portal
 * opens signed in. A link that was used, has expired or was withdrawn says so calmly.
 */
export function JoinPage() {
  const token = useFragmentToken();
  // A second link opened in the same tab (only the fragment changes) starts afresh.
  return <JoinLink key={token} token={token} />;
}

function JoinLink({ token }: { token: string }) {
  const link = useResource(
    (signal) => (plausibleToken(token) ? describePortalInvitation(token, signal) : Promise.resolve(null)),
    [token],
  );
  const [chosenLanguage, setChosenLanguage] = useState<LinkLanguage | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // After an answer the page's heading changes; it then takes focus so the change is heard.
  const [answered, setAnswered] = useState(false);
  const [invalidAnswer, setInvalidAnswer] = useState(false);
  // The server refused the invitation as closed: so it is, even if its description still reads open.
  const [closedAnswer, setClosedAnswer] = useState(false);

  const language = chosenLanguage ?? link.data?.language ?? browserLanguage();
  const words = JOIN_WORDS[language];
  const invalid =
    !plausibleToken(token) || invalidAnswer || (link.error !== null && isInvalidLink(link.error));

  let body;
  if (invalid || link.error || !link.data) {
    body = (
      <LinkPending
        words={words}
        invalid={invalid}
        focusInvalid={answered}
        error={link.error}
        onRetry={link.reload}
      />
    );
  } else if (outcome || (closedAnswer && !link.loading) || link.data.state !== 'open') {
    const closed = closedAnswer && link.data.state === 'open' ? 'no-longer' : null;
    body = <JoinResult link={link.data} outcome={outcome ?? closed} language={language} focus={answered} />;
  } else {
    body = (
      <JoinForm
        token={token}
        link={link.data}
        language={language}
        onOutcome={(next) => {
          setAnswered(true);
          setOutcome(next);
        }}
        onClosed={() => {
          // Used, expired or withdrawn meanwhile: show the invitation as it now stands.
          setAnswered(true);
          setClosedAnswer(true);
          link.reload();
        }}
        onInvalid={() => {
          setAnswered(true);
          setInvalidAnswer(true);
        }}
      />
    );
  }

  return (
    <LinkFrame language={language} onLanguage={setChosenLanguage}>
      {body}
    </LinkFrame>
  );
}

function JoinResult({
  link,
  outcome,
  language,
  focus,
}: {
  link: PortalInvitationLink;
  outcome: Outcome | null;
  language: LinkLanguage;
  focus: boolean;
}) {
  const words = JOIN_WORDS[language];
  const call = link.clinicPhone ? (
    <CallClinic phone={link.clinicPhone} label={words.call(link.clinicPhone)} />
  ) : null;
  const said =
    outcome === 'done'
      ? words.done
      : outcome === 'email-taken'
        ? words.emailTaken
        : outcome === 'two-step'
          ? words.twoStep
          : outcome === 'no-longer' || link.state !== 'accepted'
            ? words.closed
            : words.accepted;
  return (
    <>
      <LinkHeading title={words.title} focus={focus}>
        {said.title}
      </LinkHeading>
      <p className={outcome === 'done' ? 'loading' : 'lede link-result'}>{said.text}</p>
      {outcome === 'done' ? null : !outcome && link.state === 'accepted' ? (
        <Link className="button primary large block" to="/portal/login">
          {words.accepted.signIn}
        </Link>
      ) : (
        call
      )}
    </>
  );
}

type FieldName = 'birthDate' | 'password' | 'repeat';
type DateValue = Record<DatePart, string>;

const ISO_ORDER: readonly DatePart[] = ['year', 'month', 'day'];

/** The date typed as YYYY-MM-DD, or why it is not one. */
function readDate(value: DateValue): { date: string } | { problem: 'missing' | 'invalid' } {
  if (!value.month.trim() || !value.day.trim() || !value.year.trim()) return { problem: 'missing' };
  const parts = ISO_ORDER.map((part) => value[part].trim());
  if (!parts.every((part) => /^\d+$/.test(part)) || parts[0]?.length !== 4) return { problem: 'invalid' };
  const date = parts.map((part, index) => (index === 0 ? part : part.padStart(2, '0'))).join('-');
  return isRealDate(date) ? { date } : { problem: 'invalid' };
}

function JoinForm({
  token,
  link,
  language,
  onOutcome,
  onClosed,
  onInvalid,
}: {
  token: string;
  link: PortalInvitationLink;
  language: LinkLanguage;
  onOutcome: (outcome: Outcome) => void;
  onClosed: () => void;
  onInvalid: () => void;
}) {
  const words = JOIN_WORDS[language];
  const [birthDate, setBirthDate] = useState<DateValue>({ month: '', day: '', year: '' });
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs: Record<FieldName, RefObject<HTMLInputElement | null>> = {
    birthDate: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };
  // Focus moves to the first field with a problem after the render that shows its message.
  const [focusTarget, setFocusTarget] = useState<{ field: FieldName } | null>(null);
  useEffect(() => {
    if (focusTarget) refs[focusTarget.field].current?.focus();
    // `refs` holds stable ref objects.
  }, [focusTarget]);

  const refuse = (problems: Partial<Record<FieldName, string>>) => {
    setErrors(problems);
    const first = (['birthDate', 'password', 'repeat'] as const).find((field) => problems[field]);
    if (first) setFocusTarget({ field: first });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: Partial<Record<FieldName, string>> = {};
    const date = readDate(birthDate);
    if ('problem' in date) {
      problems.birthDate =
        date.problem === 'missing' ? words.errors.birthDateMissing : words.errors.birthDateInvalid;
    }
    if (!password) problems.password = words.errors.passwordMissing;
    else if (!link.existingAccount && password.length < 12) problems.password = words.errors.passwordShort;
    else if (!link.existingAccount && repeat !== password) problems.repeat = words.errors.passwordsDiffer;
    setFailure(null);
    if (Object.keys(problems).length > 0 || !('date' in date)) {
      refuse(problems);
      return;
    }
    setErrors({});
    setBusy(true);
    acceptPortalInvitation({ token, birthDate: date.date, password })
      .then(() => {
        onOutcome('done');
        // A full load, so the portal starts with the session the answer's cookie holds.
        window.location.assign('/portal');
      })
      .catch((error: unknown) => {
        setBusy(false);
        const fields = isApiError(error) ? error.fieldErrors() : {};
        if (isApiError(error, 409, 'INVITATION_CLOSED')) onClosed();
        else if (isApiError(error, 409, 'EMAIL_BELONGS_TO_ANOTHER')) onOutcome('email-taken');
        else if (isApiError(error, 409, 'TWO_STEP_ACCOUNT')) onOutcome('two-step');
        else if (isApiError(error, undefined, 'PROXY_NOT_ACTIVE')) onOutcome('no-longer');
        else if (isApiError(error, undefined, 'BIRTH_DATE_MISMATCH') || fields.birthDate) {
          refuse({
            birthDate:
              fields.birthDate && !isApiError(error, undefined, 'BIRTH_DATE_MISMATCH')
                ? words.errors.birthDateInvalid
                : words.errors.birthDateMismatch,
          });
        } else if (isApiError(error, undefined, 'WRONG_PASSWORD')) {
          setPassword('');
          refuse({ password: words.errors.wrongPassword });
        } else if (isApiError(error, undefined, 'PASSWORD_WEAK') || fields.password) {
          refuse({ password: words.errors.passwordWeak });
        } else if (isInvalidLink(error)) onInvalid();
        else if (isApiError(error, 429)) setFailure(words.errors.tooMany);
        else setFailure(isApiError(error, 0) ? words.unreachable : words.failed);
      });
  };

  return (
    <>
      <LinkHeading title={words.title} focus={false}>
        {link.existingAccount ? words.addTitle : words.newTitle}
      </LinkHeading>
      <p className="lede">
        {words.lede(link.clinicName)}
        {link.forProxy ? ` ${words.forProxy}` : ''}
      </p>
      <p>
        {words.signInAs} <strong className="nowrap">{link.email}</strong>
      </p>
      <form className="sign-in-form large" noValidate onSubmit={submit}>
        <BirthDateFields
          language={language}
          forProxy={link.forProxy}
          value={birthDate}
          onChange={setBirthDate}
          error={errors.birthDate}
          firstRef={refs.birthDate}
        />
        {link.existingAccount ? (
          <>
            <p className="link-hint">{words.existingText}</p>
            <Field
              label={words.existingPassword}
              type="password"
              autoComplete="current-password"
              inputRef={refs.password}
              value={password}
              onChange={setPassword}
              error={errors.password}
            />
          </>
        ) : (
          <>
            <Field
              label={words.newPassword}
              hint={words.newPasswordHint}
              type="password"
              autoComplete="new-password"
              inputRef={refs.password}
              value={password}
              onChange={setPassword}
              error={errors.password}
            />
            <Field
              label={words.repeatPassword}
              type="password"
              autoComplete="new-password"
              inputRef={refs.repeat}
              value={repeat}
              onChange={setRepeat}
              error={errors.repeat}
            />
          </>
        )}
        <div role="alert">{failure ? <p className="notice notice-warn">{failure}</p> : null}</div>
        <button type="submit" className="button primary large block" aria-disabled={busy}>
          {busy ? words.busy : link.existingAccount ? words.add : words.make}
        </button>
      </form>
      {link.clinicPhone ? (
        <p className="link-call-line">
          <a href={telHref(link.clinicPhone)}>{words.call(link.clinicPhone)}</a>
        </p>
      ) : null}
    </>
  );
}

const SIZES: Record<DatePart, number> = { month: 2, day: 2, year: 4 };
const AUTOCOMPLETE: Record<DatePart, string> = { month: 'bday-month', day: 'bday-day', year: 'bday-year' };

/** Month, day and year as three short number fields (in the language's order): quicker than a calendar. */
function BirthDateFields({
  language,
  forProxy,
  value,
  onChange,
  error,
  firstRef,
}: {
  language: LinkLanguage;
  forProxy: boolean;
  value: DateValue;
  onChange: (value: DateValue) => void;
  error: string | undefined;
  firstRef: RefObject<HTMLInputElement | null>;
}) {
  const words = JOIN_WORDS[language];
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset className="record-section">
      <legend className="record-section-title">
        {forProxy ? words.birthDate.theirs : words.birthDate.yours}
      </legend>
      <p id={`${id}-hint`} className="field-hint">
        {forProxy ? words.birthDate.theirsHint : words.birthDate.hint}
      </p>
      <div className="check-group-options">
        {words.dateOrder.map((part, index) => (
          <div key={part} className="field">
            <label htmlFor={`${id}-${part}`}>{words.dateParts[part]}</label>
            <input
              id={`${id}-${part}`}
              ref={index === 0 ? firstRef : undefined}
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={SIZES[part]}
              size={SIZES[part]}
              // Someone else's birthday is not the helper's own to fill in from the browser.
              autoComplete={forProxy ? 'off' : AUTOCOMPLETE[part]}
              value={value[part]}
              onChange={(event) => onChange({ ...value, [part]: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
