import {
  CARE_TEAM_ROLE_LABELS,
  CARE_TEAM_ROLES,
  RESTRICTION_KIND_LABELS,
  RESTRICTION_KINDS,
  ROLE_LABELS,
  SENSITIVE_CATEGORIES,
  SENSITIVE_CATEGORY_LABELS,
  type CareTeamMember,
  type CareTeamRole,
  type PatientRestriction,
  type RestrictionKind,
  type SensitiveCategory,
} from '@patientdesk/contracts';
import { useState, type FormEvent } from 'react';
import {
  addCareTeamMember,
  clearRestriction,
  endCareTeamMember,
  getRestriction,
  listCareTeam,
  listStaff,
  setRestriction,
} from '../../../api/confidentiality';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../../components/field';
import { ListTable } from '../../../components/list-table';
import { FormActions, ListPanel } from '../../../components/list-panel';
import { ReasonForm } from '../../../components/reason-form';
import { LoadError, Loading } from '../../../components/states';
import { formatDateTime } from '../../../lib/format';
import { useAction } from '../../../lib/use-action';
import { useResource } from '../../../lib/use-resource';

/**
 * Supervisors' side of a restricted record: whether it is restricted and why (staff member, VIP, a sensitive
 * service), with every change, and the care team — the staff who open it without breaking the glass.
 */
export function PrivacyPanel({
  patientId,
  onLifted,
}: {
  patientId: string;
  /** The restriction was lifted (a page that could not show the record may now). */
  onLifted?: () => void;
}) {
  return (
    <div className="stack">
      <RestrictionSection patientId={patientId} {...(onLifted ? { onLifted } : {})} />
      <CareTeamSection patientId={patientId} />
    </div>
  );
}

function RestrictionSection({ patientId, onLifted }: { patientId: string; onLifted?: () => void }) {
  const restriction = useResource((signal) => getRestriction(patientId, signal), [patientId]);
  const [step, setStep] = useState<'set' | 'lift' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const current = restriction.data;
  const changed = (next: PatientRestriction, text: string) => {
    restriction.update(() => next);
    setStep(null);
    setNotice(text);
  };
  return (
    <section className="panel" aria-labelledby="restriction-title">
      <h2 id="restriction-title" className="panel-title">
        Restriction
      </h2>
      <div role="status" className="message-slot">
        {notice ? <p className="notice notice-ok">{notice}</p> : null}
      </div>
      {restriction.error ? (
        <LoadError error={restriction.error} onRetry={restriction.reload} />
      ) : !current ? (
        <Loading label="Loading the restriction…" />
      ) : (
        <>
          {current.restricted && current.kind ? (
            <dl className="facts">
              <div className="fact">
                <dt>Restricted as</dt>
                <dd>
                  <strong>{RESTRICTION_KIND_LABELS[current.kind]}</strong>
                  {current.category ? ` · ${SENSITIVE_CATEGORY_LABELS[current.category]}` : ''}
                </dd>
              </div>
              <div className="fact">
                <dt>Why</dt>
                <dd>{current.reason}</dd>
              </div>
              {current.setBy && current.setAt ? (
                <div className="fact">
                  <dt>Set by</dt>
                  <dd>
                    {current.setBy.name}, {formatDateTime(current.setAt)}
                  </dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p>
              Not restricted: anyone whose role includes patient records opens it. Restrict the record of a
              staff member, a VIP, or a patient of a sensitive service; then only the care team opens it
              without giving a reason.
            </p>
          )}
          {step === 'set' ? (
            <RestrictionForm
              patientId={patientId}
              current={current}
              onSaved={(next) =>
                changed(next, 'Restricted. Opening it now needs a care relationship or a reason.')
              }
              onCancel={() => setStep(null)}
            />
          ) : step === 'lift' ? (
            <ReasonForm
              label="Why lift the restriction"
              submitLabel="Lift restriction"
              minLength={5}
              send={(reason) => clearRestriction(patientId, current, reason)}
              onDone={() => {
                setStep(null);
                setNotice('The restriction is lifted. The history below keeps it.');
                restriction.reload();
                onLifted?.();
              }}
              onCancel={() => setStep(null)}
            />
          ) : (
            <p className="form-actions">
              <button type="button" className="button" onClick={() => setStep('set')}>
                {current.restricted ? 'Change restriction' : 'Restrict this record'}
              </button>
              {current.restricted ? (
                <button type="button" className="button" onClick={() => setStep('lift')}>
                  Lift restriction
                </button>
              ) : null}
            </p>
          )}
          {current.history.length ? (
            <table className="data-table compact-table">
              <caption className="table-caption">Changes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Change</th>
                  <th scope="col">Why</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {current.history.map((change) => (
                  <tr key={`${change.at}-${change.action}`}>
                    <td>{formatDateTime(change.at)}</td>
                    <td>
                      {change.action === 'clear'
                        ? 'Lifted'
                        : `Restricted as ${change.kind ? RESTRICTION_KIND_LABELS[change.kind] : '?'}`}
                      {change.category ? (
                        <span className="cell-sub">{SENSITIVE_CATEGORY_LABELS[change.category]}</span>
                      ) : null}
                    </td>
                    <td>{change.reason}</td>
                    <td>{change.by.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}

function RestrictionForm({
  patientId,
  current,
  onSaved,
  onCancel,
}: {
  patientId: string;
  current: PatientRestriction;
  onSaved: (next: PatientRestriction) => void;
  onCancel: () => void;
}) {
  const [kind, setKind] = useState<RestrictionKind>(current.kind ?? 'vip');
  const [category, setCategory] = useState<SensitiveCategory>(current.category ?? 'behavioral-health');
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.run(
      () =>
        setRestriction(patientId, current, {
          kind,
          ...(kind === 'sensitive' ? { category } : {}),
          reason: reason.trim(),
        }),
      onSaved,
    );
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Restrict the record">
      <div className="record-fields">
        <SelectField
          label="Restrict as"
          value={kind}
          onChange={(value) => setKind(value as RestrictionKind)}
          options={RESTRICTION_KINDS.map((value) => ({ value, label: RESTRICTION_KIND_LABELS[value] }))}
        />
        {kind === 'sensitive' ? (
          <SelectField
            label="Sensitive service"
            value={category}
            onChange={(value) => setCategory(value as SensitiveCategory)}
            options={SENSITIVE_CATEGORIES.map((value) => ({
              value,
              label: SENSITIVE_CATEGORY_LABELS[value],
            }))}
            hint="Never shown to someone who may not open the record"
            error={action.errors.category}
          />
        ) : null}
      </div>
      <TextAreaField
        label="Why"
        value={reason}
        onChange={setReason}
        rows={2}
        maxLength={500}
        required
        error={action.errors.reason}
        hint="Kept in the restriction’s history"
      />
      <FormActions
        action={action}
        submitLabel={current.restricted ? 'Save restriction' : 'Restrict record'}
        onCancel={onCancel}
      />
    </form>
  );
}

function CareTeamSection({ patientId }: { patientId: string }) {
  const [showPast, setShowPast] = useState(false);
  const team = useResource(
    (signal) => listCareTeam(patientId, showPast ? 'all' : 'current', signal),
    [patientId, showPast],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    team.reload();
  };
  return (
    <ListPanel
      id="care-team-title"
      title="Care team"
      lede="The staff on the care team open a restricted record without giving a reason. Everyone else breaks the glass, and a supervisor reviews it."
      notice={notice}
      addLabel="Add to the care team"
      form={(close) => (
        <CareTeamForm
          patientId={patientId}
          onAdded={(member) => {
            close();
            changed(`${member.user.name} is on the care team.`);
          }}
          onCancel={close}
        />
      )}
    >
      <CheckboxField label="Show past members" checked={showPast} onChange={setShowPast} />
      <ListTable
        list={team}
        loadingLabel="Loading the care team…"
        emptyTitle="Nobody on the care team"
        empty={<p>Add the staff who look after this patient.</p>}
        label="Care team members"
        columns={['Name', 'On the team as', 'From', 'Until', 'Added by']}
        actions
      >
        {(items) =>
          items.map((member) => (
            <CareTeamRow key={member.id} patientId={patientId} member={member} onChanged={changed} />
          ))
        }
      </ListTable>
    </ListPanel>
  );
}

function CareTeamRow({
  patientId,
  member,
  onChanged,
}: {
  patientId: string;
  member: CareTeamMember;
  onChanged: (text: string) => void;
}) {
  const [ending, setEnding] = useState(false);
  return (
    <tr className={member.current ? undefined : 'row-muted'}>
      <td>
        {member.user.name}
        <span className="cell-sub">{ROLE_LABELS[member.user.role]}</span>
      </td>
      <td>{CARE_TEAM_ROLE_LABELS[member.role]}</td>
      <td>{formatDateTime(member.startsAt)}</td>
      <td>
        {member.endsAt ? formatDateTime(member.endsAt) : 'No end date'}
        {member.endReason ? <span className="cell-sub">Ended: {member.endReason}</span> : null}
      </td>
      <td>{member.addedBy.name}</td>
      <td className="cell-actions">
        {member.current && !ending ? (
          <button
            type="button"
            className="button small"
            aria-label={`End ${member.user.name}’s membership`}
            onClick={() => setEnding(true)}
          >
            End
          </button>
        ) : null}
        {ending ? (
          <ReasonForm
            label="Why end it"
            submitLabel="End membership"
            maxLength={300}
            send={(reason) => endCareTeamMember(patientId, member.id, reason)}
            onDone={() => {
              setEnding(false);
              onChanged(`${member.user.name} is no longer on the care team.`);
            }}
            onCancel={() => setEnding(false)}
          />
        ) : null}
      </td>
    </tr>
  );
}

/** The instant a membership "until" a day ends: the start of the next day, here. */
const endOfDay = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + 1).toISOString();
};

function CareTeamForm({
  patientId,
  onAdded,
  onCancel,
}: {
  patientId: string;
  onAdded: (member: CareTeamMember) => void;
  onCancel: () => void;
}) {
  const staff = useResource((signal) => listStaff(signal), []);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<CareTeamRole>('treating-clinician');
  const [until, setUntil] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      action.fail('Choose the staff member.');
      return;
    }
    action.run(
      () => addCareTeamMember(patientId, { userId, role, ...(until ? { endsAt: endOfDay(until) } : {}) }),
      onAdded,
    );
  };
  if (staff.error) return <LoadError error={staff.error} onRetry={staff.reload} />;
  if (!staff.data) return <Loading label="Loading the staff list…" />;
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Add to the care team">
      <div className="record-fields">
        <SelectField
          label="Staff member"
          value={userId}
          onChange={setUserId}
          required
          error={action.errors.userId}
          options={[
            { value: '', label: 'Choose…' },
            ...staff.data.map((person) => ({
              value: person.id,
              label: `${person.name} (${ROLE_LABELS[person.role]})`,
            })),
          ]}
        />
        <SelectField
          label="On the team as"
          value={role}
          onChange={(value) => setRole(value as CareTeamRole)}
          options={CARE_TEAM_ROLES.map((value) => ({ value, label: CARE_TEAM_ROLE_LABELS[value] }))}
        />
        <Field
          label="Until (last day)"
          type="date"
          value={until}
          onChange={setUntil}
          error={action.errors.endsAt}
          hint="Leave empty for no end date"
        />
      </div>
      <FormActions action={action} submitLabel="Add to care team" onCancel={onCancel} />
    </form>
  );
}
