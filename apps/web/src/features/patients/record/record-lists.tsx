import { ADDRESS_USES, PHONE_TYPES } from '@patientdesk/contracts';
import { useId, useRef, type ReactNode } from 'react';
import { Field, SelectField } from '../../../components/field';
import {
  emptyAddress,
  type AddressDraft,
  type ContactDraft,
  type FieldErrors,
  type IdentifierDraft,
  type PhoneDraft,
} from './patient-draft';
import { ADDRESS_USE_LABELS, PHONE_TYPE_LABELS } from './record-words';

/**
 * The repeating parts of a record (other phones, addresses, emergency contacts, identifiers): each row a named
 * group with its own Remove, and an Add that puts the cursor in the new row's first field.
 */
function RowList<T>({
  title,
  rows,
  max,
  noun,
  empty,
  onChange,
  blank,
  renderRow,
}: {
  /** Shown above the rows, and names the group (where the section's own legend does not already). */
  title?: string;
  rows: T[];
  max: number;
  noun: string;
  empty: string;
  onChange: (rows: T[]) => void;
  blank: () => T;
  renderRow: (row: T, index: number, change: (row: T) => void) => ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // After React has drawn the change: the row's first field, or Add when no row is left.
  const focusRow = (index: number) =>
    window.requestAnimationFrame(() => {
      const row = list.current?.querySelectorAll<HTMLElement>('.row-group')[index];
      (
        row?.querySelector<HTMLElement>('input, select') ??
        list.current?.querySelector<HTMLElement>('.row-add')
      )?.focus();
    });
  return (
    <div
      className="row-list"
      ref={list}
      role={title ? 'group' : undefined}
      aria-labelledby={title ? titleId : undefined}
    >
      {title ? (
        <p id={titleId} className="record-subtitle">
          {title}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted row-list-empty">{empty}</p> : null}
      {rows.map((row, index) => (
        <fieldset key={index} className="row-group">
          <legend className="row-legend">
            {noun} {index + 1}
          </legend>
          <div className="row-fields">
            {renderRow(row, index, (next) => onChange(rows.map((old, at) => (at === index ? next : old))))}
          </div>
          <button
            type="button"
            className="button subtle small row-remove"
            aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`}
            onClick={() => {
              onChange(rows.filter((_, at) => at !== index));
              focusRow(rows.length > 1 ? Math.max(0, index - 1) : -1);
            }}
          >
            Remove
          </button>
        </fieldset>
      ))}
      {rows.length < max ? (
        <button
          type="button"
          className="button subtle small row-add"
          onClick={() => {
            onChange([...rows, blank()]);
            focusRow(rows.length);
          }}
        >
          + Add {rows.length === 0 ? noun.toLowerCase() : `another ${noun.toLowerCase()}`}
        </button>
      ) : null}
    </div>
  );
}

type ListProps<T> = {
  rows: T[];
  onChange: (rows: T[]) => void;
  errors: FieldErrors;
};

const phoneTypeOptions = PHONE_TYPES.map((type) => ({ value: type, label: PHONE_TYPE_LABELS[type] }));

export function OtherPhonesList({ rows, onChange, errors }: ListProps<PhoneDraft>) {
  return (
    <RowList
      rows={rows}
      max={5}
      title="Other phones"
      noun="Other phone"
      empty="No other phones."
      onChange={onChange}
      blank={(): PhoneDraft => ({ number: '', type: 'home' })}
      renderRow={(row, index, change) => (
        <>
          <Field
            label="Number"
            type="tel"
            autoComplete="off"
            value={row.number}
            onChange={(number) => change({ ...row, number })}
            error={errors[`otherPhones.${index}.number`]}
          />
          <SelectField
            label="Type"
            value={row.type}
            options={phoneTypeOptions}
            onChange={(type) => change({ ...row, type: type as PhoneDraft['type'] })}
          />
        </>
      )}
    />
  );
}

export function AddressList({ rows, onChange, errors }: ListProps<AddressDraft>) {
  const error = (index: number, field: keyof AddressDraft) => errors[`addresses.${index}.${field}`];
  return (
    <RowList
      rows={rows}
      max={5}
      title="Addresses"
      noun="Address"
      empty="No address on file."
      onChange={onChange}
      blank={emptyAddress}
      renderRow={(row, index, change) => (
        <>
          <SelectField
            label="Use"
            value={row.use}
            options={ADDRESS_USES.map((use) => ({ value: use, label: ADDRESS_USE_LABELS[use] }))}
            onChange={(use) => change({ ...row, use: use as AddressDraft['use'] })}
          />
          <Field
            className="wide"
            label="Street"
            autoComplete="off"
            value={row.line1}
            onChange={(line1) => change({ ...row, line1 })}
            error={error(index, 'line1')}
          />
          <Field
            label="Apt, suite (optional)"
            autoComplete="off"
            value={row.line2}
            onChange={(line2) => change({ ...row, line2 })}
            error={error(index, 'line2')}
          />
          <Field
            label="City"
            autoComplete="off"
            value={row.city}
            onChange={(city) => change({ ...row, city })}
            error={error(index, 'city')}
          />
          <Field
            className="short"
            label="State"
            autoComplete="off"
            value={row.state}
            onChange={(state) => change({ ...row, state })}
            error={error(index, 'state')}
          />
          <Field
            className="short"
            label="ZIP code"
            autoComplete="off"
            value={row.postalCode}
            onChange={(postalCode) => change({ ...row, postalCode })}
            error={error(index, 'postalCode')}
          />
          <Field
            label="Country"
            autoComplete="off"
            maxLength={2}
            value={row.country}
            onChange={(country) => change({ ...row, country: country.toUpperCase() })}
            error={error(index, 'country')}
          />
        </>
      )}
    />
  );
}

export function EmergencyContactList({ rows, onChange, errors }: ListProps<ContactDraft>) {
  const error = (index: number, field: keyof ContactDraft) => errors[`emergencyContacts.${index}.${field}`];
  return (
    <RowList
      rows={rows}
      max={5}
      noun="Emergency contact"
      empty="No emergency contact yet."
      onChange={onChange}
      blank={() => ({ name: '', relationship: '', phone: '' })}
      renderRow={(row, index, change) => (
        <>
          <Field
            className="wide"
            label="Name"
            autoComplete="off"
            value={row.name}
            onChange={(name) => change({ ...row, name })}
            error={error(index, 'name')}
          />
          <Field
            label="Relationship"
            hint="Sister, partner, neighbour…"
            autoComplete="off"
            value={row.relationship}
            onChange={(relationship) => change({ ...row, relationship })}
            error={error(index, 'relationship')}
          />
          <Field
            label="Phone"
            type="tel"
            autoComplete="off"
            value={row.phone}
            onChange={(phone) => change({ ...row, phone })}
            error={error(index, 'phone')}
          />
        </>
      )}
    />
  );
}

export function IdentifierList({ rows, onChange, errors }: ListProps<IdentifierDraft>) {
  const error = (index: number, field: keyof IdentifierDraft) => errors[`identifiers.${index}.${field}`];
  return (
    <RowList
      rows={rows}
      max={20}
      noun="Identifier"
      empty="No identifiers from other systems."
      onChange={onChange}
      blank={() => ({ system: '', value: '' })}
      renderRow={(row, index, change) => (
        <>
          <Field
            className="wide"
            label="System"
            hint="Who issued it: a hospital, a payer, a state registry."
            autoComplete="off"
            value={row.system}
            onChange={(system) => change({ ...row, system })}
            error={error(index, 'system')}
          />
          <Field
            label="Identifier"
            autoComplete="off"
            spellCheck={false}
            value={row.value}
            onChange={(value) => change({ ...row, value })}
            error={error(index, 'value')}
          />
        </>
      )}
    />
  );
}
