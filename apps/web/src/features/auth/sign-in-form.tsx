import type { Session } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Field } from '../../components/field';
import { useSession } from '../../session/session';

type Fields = { email: string; password: string; totp: string; organization: string };
type FieldName = keyof Fields;
type Message = { kind: 'error' | 'info'; text: string } | null;

const TOTP_HINT = 'Enter the 6-digit code from your authenticator app.';

/** What to tell the person for each way sign-in can fail. */
function messageFor(error: unknown): { message: Message; needs?: 'totp' | 'organization' } {
  if (!(error instanceof ApiError)) return { message: { kind: 'error', text: 'Sign-in failed. Try again.' } };
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return { message: { kind: 'error', text: 'The email or password is not correct.' } };
    case 'MFA_REQUIRED':
      return { message: { kind: 'info', text: TOTP_HINT }, needs: 'totp' };
    case 'MFA_INVALID':
      return { message: { kind: 'error', text: 'That code did not match. Try the newest code.' } };
    case 'LOGIN_RATE_LIMITED': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      const wait = minutes === 1 ? 'a minute' : `${minutes} minutes`;
      return { message: { kind: 'error', text: `Too many failed sign-ins. Wait ${wait}, then try again.` } };
    }
    case 'ORGANIZATION_REQUIRED':
      return {
        message: {
          kind: 'info',
          text: 'This email has accounts in more than one organization. Enter the organization’s short name.',
        },
        needs: 'organization',
      };
    default:
      return { message: { kind: 'error', text: error.message } };
  }
}

function validate(fields: Fields, showTotp: boolean): Partial<Record<FieldName, string>> {
  const problems: Partial<Record<FieldName, string>> = {};
  if (!fields.email.trim()) problems.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.trim()))
    problems.email = 'Enter an email address like name@example.org.';
  if (!fields.password) problems.password = 'Enter your password.';
  if (showTotp && !/^\d{6}$/.test(fields.totp.trim())) problems.totp = TOTP_HINT;
  return problems;
}

export type SignInPrefill = { email: string; password: string; key: number };

/** Email and password, then a code when the account has two-step sign-in. */
export function SignInForm({
  onSignedIn,
  prefill,
  large = false,
}: {
  onSignedIn: (session: Session) => void;
  prefill?: SignInPrefill | null;
  large?: boolean;
}) {
  const { signIn } = useSession();
  const [fields, setFields] = useState<Fields>({ email: '', password: '', totp: '', organization: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<Message>(null);
  const [showTotp, setShowTotp] = useState(false);
  const [showOrganization, setShowOrganization] = useState(false);
  const [busy, setBusy] = useState(false);
  const messageId = useId();
  const refs = {
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    totp: useRef<HTMLInputElement>(null),
    organization: useRef<HTMLInputElement>(null),
  };
  const submit = useRef<HTMLButtonElement>(null);
  // Focus moves after the render that shows the field (the code field appears only after the first answer).
  const [focusTarget, setFocusTarget] = useState<FieldName | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    refs[focusTarget].current?.focus();
    setFocusTarget(null);
    // `refs` holds stable ref objects.
  }, [focusTarget]);

  useEffect(() => {
    if (!prefill) return;
    setFields((current) => ({ ...current, email: prefill.email, password: prefill.password }));
    setErrors({});
    submit.current?.focus();
  }, [prefill]);

  const set = (name: FieldName) => (value: string) => setFields((current) => ({ ...current, [name]: value }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems = validate(fields, showTotp);
    setErrors(problems);
    const first = (Object.keys(problems) as FieldName[])[0];
    if (first) {
      setMessage(null);
      setFocusTarget(first);
      return;
    }
    setBusy(true);
    try {
      const session = await signIn({
        email: fields.email.trim(),
        password: fields.password,
        ...(showTotp ? { totp: fields.totp.trim() } : {}),
        ...(showOrganization && fields.organization.trim()
          ? { organization: fields.organization.trim() }
          : {}),
      });
      onSignedIn(session);
    } catch (error) {
      const { message: next, needs } = messageFor(error);
      setMessage(next);
      setErrors(error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error.fieldErrors() : {});
      setBusy(false);
      if (needs === 'totp') {
        setShowTotp(true);
        setFocusTarget('totp');
      } else if (needs === 'organization') {
        setShowOrganization(true);
        setFocusTarget('organization');
      } else if (error instanceof ApiError && error.code === 'MFA_INVALID') {
        setFields((current) => ({ ...current, totp: '' }));
        setFocusTarget('totp');
      } else if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        setFields((current) => ({ ...current, password: '' }));
        setFocusTarget('password');
      }
    }
  };

  return (
    <form
      className={large ? 'sign-in-form large' : 'sign-in-form'}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-describedby={message ? messageId : undefined}
    >
      {message ? (
        <p
          id={messageId}
          className={message.kind === 'error' ? 'form-message error' : 'form-message info'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      <Field
        label="Email"
        inputRef={refs.email}
        type="email"
        autoComplete="username"
        value={fields.email}
        onChange={set('email')}
        error={errors.email}
      />
      <Field
        label="Password"
        inputRef={refs.password}
        type="password"
        autoComplete="current-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.password}
      />
      {showOrganization ? (
        <Field
          label="Organization"
          hint="The short name your administrator gave you, such as riverside."
          inputRef={refs.organization}
          autoComplete="organization"
          value={fields.organization}
          onChange={set('organization')}
          error={errors.organization}
        />
      ) : null}
      {showTotp ? (
        <Field
          label="6-digit code"
          hint="From your authenticator app."
          inputRef={refs.totp}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={fields.totp}
          onChange={set('totp')}
          error={errors.totp}
        />
      ) : null}
      <button ref={submit} type="submit" className="button primary block" aria-disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
