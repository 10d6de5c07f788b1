import type { MessageLanguage, PortalAccess, PortalInvitation, Proxy } from '@patientdesk/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/client';
import {
  getPortalAccess,
  revokePortalInvitation,
  sendPortalInvitation,
} from '../../../api/portal-invitations';
import { listProxies } from '../../../api/proxies';
import { Field, SelectField } from '../../../components/field';
import { FormActions, ListPanel } from '../../../components/list-panel';
import { LoadError, Loading } from '../../../components/states';
import { formatDateTime, formatLongDay, humanize } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { useResource } from '../../../lib/use-resource';

/** The invitation's state in words, with its date: what the desk tells a patient who calls about it. */
function stateText(invitation: PortalInvitation, now: number): { text: string; detail: string | null } {
  switch (invitation.state) {
    case 'pending':
      return Date.parse(invitation.expiresAt) <= now
        ? { text: 'Expired', detail: formatDateTime(invitation.expiresAt) }
        : { text: 'Waiting to be used', detail: `expires ${formatDateTime(invitation.expiresAt)}` };
    case 'accepted':
      return {
        text: 'Accepted',
        detail: invitation.acceptedAt ? formatDateTime(invitation.acceptedAt) : null,
      };
    case 'expired':
      return { text: 'Expired', detail: formatDateTime(invitation.expiresAt) };
    case 'revoked': {
      const when = invitation.revokedAt ? formatDateTime(invitation.revokedAt) : null;
      if (invitation.revokedReason === 'replaced') {
        return { text: 'Replaced by a newer invitation', detail: when };
      }
      if (invitation.revokedReason === 'too-many-tries') {
        return { text: 'Closed after too many wrong dates of birth', detail: when };
      }
      return { text: 'Withdrawn', detail: when };
    }
  }
}

/**
 * Who can use the portal for the patient: their own account, and the emailed invitations that let the patient or
 * one of their proxies make an account (newest first). Staff send one, or withdraw one still waiting to be used.
 * The link itself never reaches the desk: only its email does.
 */
export function PortalAccessPanel({ patientId, mayChange }: { patientId: string; mayChange: boolean }) {
  const access = useResource((signal) => getPortalAccess(patientId, signal), [patientId]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    access.reload();
  };
  const current = access.data;
  return (
    <ListPanel
      id="portal-access-title"
      title="Portal access"
      lede="An invitation is an emailed link that works once. Whoever opens it confirms the patient’s date of birth, then chooses a password."
      notice={notice}
      {...(mayChange && current
        ? {
            addLabel: 'Invite to the portal',
            form: (close: () => void) => (
              <InvitationForm
                patientId={patientId}
                access={current}
                onSent={(invitation) => {
                  close();
                  changed(`Invitation sent to ${invitation.email}.`);
                }}
                onAccountFound={access.reload}
                onCancel={close}
              />
            ),
          }
        : {})}
    >
      {access.error && !current ? (
        <LoadError error={access.error} onRetry={access.reload} />
      ) : !current ? (
        <Loading label="Loading portal access…" />
      ) : (
        <>
          <dl className="facts">
            <div className="fact">
              <dt>Portal account</dt>
              <dd>
                {current.account ? (
                  <>
                    {current.account.email}, since {formatLongDay(current.account.since)}
                    {current.account.disabled ? <strong> (disabled)</strong> : null}
                  </>
                ) : (
                  'No portal account yet'
                )}
              </dd>
            </div>
            <div className="fact">
              <dt>Email on file</dt>
              <dd>{current.emailOnFile ?? 'None'}</dd>
            </div>
          </dl>
          {current.invitations.length === 0 ? (
            <p className="table-caption">No invitations sent yet.</p>
          ) : (
            <table className="data-table">
              <caption className="table-caption">Invitations, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">For</th>
                  <th scope="col">Email</th>
                  <th scope="col">State</th>
                  <th scope="col">Sent</th>
                  <th scope="col">
                    <span className="vh">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {current.invitations.map((invitation) => (
                  <InvitationRow
                    key={invitation.id}
                    patientId={patientId}
                    invitation={invitation}
                    mayChange={mayChange}
                    onChanged={changed}
                    onStale={access.reload}
                  />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </ListPanel>
  );
}

function InvitationRow({
  patientId,
  invitation,
  mayChange,
  onChanged,
  onStale,
}: {
  patientId: string;
  invitation: PortalInvitation;
  mayChange: boolean;
  onChanged: (text: string) => void;
  onStale: () => void;
}) {
  const action = useAction();
  const state = stateText(invitation, Date.now());
  const waiting = state.text === 'Waiting to be used';
  const withdraw = () =>
    action.run(
      () =>
        revokePortalInvitation(patientId, invitation.id).catch((error: unknown) => {
          // Used or expired meanwhile: the list shows how it now stands, beside the refusal.
          if (isApiError(error, 409)) onStale();
          throw error;
        }),
      () => onChanged(`The invitation to ${invitation.email} is withdrawn. Its link no longer works.`),
    );
  return (
    <tr className={waiting ? undefined : 'row-muted'}>
      <td>{invitation.recipientLabel}</td>
      <td>{invitation.email}</td>
      <td>
        {state.text}
        {state.detail ? <span className="cell-sub">{state.detail}</span> : null}
      </td>
      <td>
        {formatDateTime(invitation.sentAt)}
        {invitation.sentByName ? <span className="cell-sub">by {invitation.sentByName}</span> : null}
      </td>
      <td className="cell-actions">
        {mayChange && waiting ? (
          <button
            type="button"
            className="button small"
            aria-disabled={action.busy}
            aria-label={`Withdraw the invitation to ${invitation.email}`}
            onClick={withdraw}
          >
            Withdraw
          </button>
        ) : null}
        {action.failure ? (
          <p className="field-error" role="alert">
            {action.failure}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

const PATIENT = 'patient';

const LANGUAGE_OPTIONS: readonly { value: MessageLanguage | ''; label: string }[] = [
  { value: '', label: 'Patient’s language' },
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Spanish' },
];

function InvitationForm({
  patientId,
  access,
  onSent,
  onAccountFound,
  onCancel,
}: {
  patientId: string;
  access: PortalAccess;
  onSent: (invitation: PortalInvitation) => void;
  onAccountFound: () => void;
  onCancel: () => void;
}) {
  // Loaded when the form opens, so a proxy added a moment ago in the panel above is here.
  const proxies = useResource((signal) => listProxies(patientId, signal), [patientId]);
  if (proxies.error) return <LoadError error={proxies.error} onRetry={proxies.reload} />;
  if (!proxies.data) return <Loading label="Loading who may be invited…" />;
  // A proxy already using the portal for this patient needs no invitation.
  const candidates = proxies.data.filter((proxy) => proxy.active && !proxy.hasPortalAccount);
  if (access.account && candidates.length === 0) {
    return (
      <div className="stack-form">
        <p className="notice notice-info">
          The patient has a portal account, and nobody else who acts for them needs one. To invite a parent,
          guardian or caregiver, add them as a proxy first.
        </p>
        <p className="form-actions">
          <button type="button" className="button" onClick={onCancel}>
            Close
          </button>
        </p>
      </div>
    );
  }
  return (
    <SendForm
      patientId={patientId}
      access={access}
      proxies={candidates}
      onSent={onSent}
      onAccountFound={onAccountFound}
      onCancel={onCancel}
    />
  );
}

function SendForm({
  patientId,
  access,
  proxies,
  onSent,
  onAccountFound,
  onCancel,
}: {
  patientId: string;
  access: PortalAccess;
  proxies: readonly Proxy[];
  onSent: (invitation: PortalInvitation) => void;
  onAccountFound: () => void;
  onCancel: () => void;
}) {
  const emailFor = (choice: string) =>
    choice === PATIENT
      ? (access.emailOnFile ?? '')
      : (proxies.find((proxy) => proxy.id === choice)?.email ?? '');
  const first = access.account ? (proxies[0]?.id ?? '') : PATIENT;
  const [recipient, setRecipient] = useState(first);
  const [email, setEmail] = useState(() => emailFor(first));
  const [language, setLanguage] = useState<MessageLanguage | ''>('');
  const action = useAction();
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => firstField.current?.focus(), []);

  const options = [
    ...(access.account ? [] : [{ value: PATIENT, label: 'The patient' }]),
    ...proxies.map((proxy) => ({
      value: proxy.id,
      label: `${proxy.name} (${humanize(proxy.relationship).toLowerCase()})`,
    })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    action.run(
      () =>
        sendPortalInvitation(patientId, {
          ...(recipient === PATIENT ? {} : { proxyId: recipient }),
          ...(address ? { email: address } : {}),
          ...(language ? { language } : {}),
        }).catch((error: unknown) => {
          // The patient made an account meanwhile: the panel shows it, and the form no longer offers them.
          if (isApiError(error, 409, 'PORTAL_ACCOUNT_EXISTS')) onAccountFound();
          throw error;
        }),
      onSent,
    );
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Invite to the portal">
      <div className="record-fields">
        <SelectField
          label="For"
          value={recipient}
          selectRef={firstField}
          onChange={(value) => {
            setRecipient(value);
            setEmail(emailFor(value));
          }}
          options={options}
          error={action.errors.proxyId}
        />
        <Field
          label="Email"
          type="email"
          value={email}
          onChange={setEmail}
          error={action.errors.email}
          hint={recipient === PATIENT ? 'The email on file, unless you change it' : 'The proxy’s email'}
          autoComplete="off"
        />
        <SelectField
          label="Language"
          value={language}
          onChange={(value) => setLanguage(value as MessageLanguage | '')}
          options={LANGUAGE_OPTIONS}
          error={action.errors.language}
        />
      </div>
      <FormActions action={action} submitLabel="Send invitation" onCancel={onCancel} />
    </form>
  );
}
