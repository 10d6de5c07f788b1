import {
  PROXY_PERMISSIONS,
  PROXY_RELATIONSHIPS,
  type Proxy,
  type ProxyPermission,
} from '@patientdesk/contracts';
import { useState, type FormEvent } from 'react';
import { addProxy, endProxy, linkProxyAccount, listProxies } from '../../../api/proxies';
import { CheckboxField, Field, SelectField } from '../../../components/field';
import { ListTable } from '../../../components/list-table';
import { FormActions, ListPanel } from '../../../components/list-panel';
import { useAction } from '../../../lib/use-action';
import { formatPhone } from '../../../lib/format';
import { useResource } from '../../../lib/use-resource';

export const PERMISSION_LABELS: Record<ProxyPermission, string> = {
  appointments: 'Appointments',
  messages: 'Messages',
  records: 'Records and documents',
  billing: 'Bills and payments',
  forms: 'Forms and uploads',
};

const RELATIONSHIP_LABELS: Record<(typeof PROXY_RELATIONSHIPS)[number], string> = {
  parent: 'Parent',
  guardian: 'Guardian',
  caregiver: 'Caregiver',
  other: 'Other',
};

/**
 * The people who may act for the patient (parents, guardians, caregivers): what each may see and do in the portal,
 * until when, and whether they have a portal account. Staff name a proxy, give them their portal account by
 * email, and end their authority (kept for the record).
 */
export function ProxyPanel({ patientId, mayChange }: { patientId: string; mayChange: boolean }) {
  const proxies = useResource((signal) => listProxies(patientId, signal), [patientId]);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    proxies.reload();
  };
  return (
    <ListPanel
      id="proxies-title"
      title="People who may act for this patient"
      notice={notice}
      {...(mayChange
        ? {
            addLabel: 'Add a proxy',
            form: (close: () => void) => (
              <ProxyForm
                patientId={patientId}
                onAdded={(proxy) => {
                  close();
                  changed(`${proxy.name} may now act for this patient.`);
                }}
                onCancel={close}
              />
            ),
          }
        : {})}
    >
      <ListTable
        list={proxies}
        loadingLabel="Loading the proxies…"
        emptyTitle="No proxies"
        empty={<p>Nobody else may act for this patient.</p>}
        label="Proxies"
        columns={['Name', 'Relationship', 'May', 'Until', 'Portal account']}
        actions
      >
        {(items) =>
          items.map((proxy) => (
            <ProxyRow
              key={proxy.id}
              patientId={patientId}
              proxy={proxy}
              mayChange={mayChange}
              onChanged={changed}
            />
          ))
        }
      </ListTable>
    </ListPanel>
  );
}

function ProxyRow({
  patientId,
  proxy,
  mayChange,
  onChanged,
}: {
  patientId: string;
  proxy: Proxy;
  mayChange: boolean;
  onChanged: (text: string) => void;
}) {
  const [email, setEmail] = useState(proxy.email ?? '');
  const [linking, setLinking] = useState(false);
  const action = useAction();
  const { busy } = action;
  const run = (work: () => Promise<Proxy>, done: string) => action.run(work, () => onChanged(done));
  return (
    <tr className={proxy.active ? undefined : 'row-muted'}>
      <td>
        {proxy.name}
        {proxy.phone ? <span className="cell-note"> {formatPhone(proxy.phone)}</span> : null}
      </td>
      <td>{RELATIONSHIP_LABELS[proxy.relationship]}</td>
      <td>{proxy.permissions.map((permission) => PERMISSION_LABELS[permission]).join(', ')}</td>
      <td>{proxy.active ? (proxy.validUntil ?? 'No end date') : 'Ended'}</td>
      <td>{proxy.hasPortalAccount ? 'Yes' : 'No'}</td>
      <td className="cell-actions">
        {mayChange && proxy.active ? (
          <>
            {!proxy.hasPortalAccount && !linking ? (
              <button type="button" className="button small" onClick={() => setLinking(true)}>
                Give portal account
              </button>
            ) : null}
            {linking ? (
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  run(
                    () => linkProxyAccount(patientId, proxy.id, email.trim()),
                    `${proxy.name} can now use the portal for this patient.`,
                  );
                }}
              >
                <Field
                  label="Their portal account’s email"
                  type="email"
                  value={email}
                  onChange={setEmail}
                  required
                />
                <button type="submit" className="button small primary" disabled={busy}>
                  Link account
                </button>
                <button type="button" className="button small" onClick={() => setLinking(false)}>
                  Cancel
                </button>
              </form>
            ) : null}
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() =>
                run(() => endProxy(patientId, proxy.id), `${proxy.name} may no longer act for this patient.`)
              }
            >
              End
            </button>
          </>
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

function ProxyForm({
  patientId,
  onAdded,
  onCancel,
}: {
  patientId: string;
  onAdded: (proxy: Proxy) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState<(typeof PROXY_RELATIONSHIPS)[number]>('parent');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [permissions, setPermissions] = useState<ProxyPermission[]>(['appointments']);
  const action = useAction();
  const errors = action.errors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run(
      () =>
        addProxy(patientId, {
          name: name.trim(),
          relationship,
          permissions,
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
          ...(validUntil ? { validUntil } : {}),
        }),
      onAdded,
    );
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Add a proxy">
      <div className="record-fields">
        <Field label="Name" value={name} onChange={setName} error={errors.name} required autoFocus />
        <SelectField
          label="Relationship"
          value={relationship}
          onChange={(value) => setRelationship(value as typeof relationship)}
          options={PROXY_RELATIONSHIPS.map((value) => ({ value, label: RELATIONSHIP_LABELS[value] }))}
        />
        <Field label="Phone" type="tel" value={phone} onChange={setPhone} error={errors.phone} />
        <Field label="Email" type="email" value={email} onChange={setEmail} error={errors.email} />
        <Field
          label="Until (last day)"
          type="date"
          value={validUntil}
          onChange={setValidUntil}
          error={errors.validUntil}
          hint="Leave empty for no end date"
        />
      </div>
      <fieldset className="check-group">
        <legend>May see and do in the portal</legend>
        <div className="check-group-options">
          {PROXY_PERMISSIONS.map((permission) => (
            <CheckboxField
              key={permission}
              label={PERMISSION_LABELS[permission]}
              checked={permissions.includes(permission)}
              onChange={(checked) =>
                setPermissions((current) =>
                  checked
                    ? PROXY_PERMISSIONS.filter((value) => value === permission || current.includes(value))
                    : current.filter((value) => value !== permission),
                )
              }
            />
          ))}
        </div>
        {errors.permissions ? <span className="field-error">{errors.permissions}</span> : null}
      </fieldset>
      <FormActions action={action} submitLabel="Add proxy" onCancel={onCancel} />
    </form>
  );
}
