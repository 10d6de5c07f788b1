import { ACCESSIBILITY_NEEDS, GENDER_IDENTITIES, PHONE_TYPES, SEX_VALUES } from '@patientdesk/contracts';
import { useState, type ReactNode, type Ref } from 'react';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../../components/field';
import type { FieldErrors, PatientDraft, RecordField } from './patient-draft';
import { AddressList, EmergencyContactList, IdentifierList, OtherPhonesList } from './record-lists';
import {
  ACCESSIBILITY_LABELS,
  COMMON_LANGUAGES,
  GENDER_LABELS,
  languageName,
  PHONE_TYPE_LABELS,
  SEX_LABELS,
} from './record-words';

type SectionProps = {
  draft: PatientDraft;
  set: <K extends keyof PatientDraft>(field: K, value: PatientDraft[K]) => void;
  errors: FieldErrors;
  shows: (field: RecordField) => boolean;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="record-section">
      <legend className="record-section-title">{title}</legend>
      {children}
    </fieldset>
  );
}

function IdentitySection({
  draft,
  set,
  errors,
  shows,
  firstField,
}: SectionProps & { firstField?: Ref<HTMLInputElement> }) {
  return (
    <Section title="Identity">
      <div className="record-fields">
        <Field
          label="Family name"
          inputRef={firstField}
          autoComplete="off"
          spellCheck={false}
          required
          value={draft.familyName}
          onChange={(value) => set('familyName', value)}
          error={errors.familyName}
        />
        <Field
          label="Given names"
          autoComplete="off"
          spellCheck={false}
          required
          value={draft.givenNames}
          onChange={(value) => set('givenNames', value)}
          error={errors.givenNames}
        />
        <Field
          label="Preferred name (optional)"
          autoComplete="off"
          spellCheck={false}
          value={draft.preferredName}
          onChange={(value) => set('preferredName', value)}
          error={errors.preferredName}
        />
        <Field
          label="Date of birth"
          type="date"
          required
          max={new Date().toISOString().slice(0, 10)}
          value={draft.birthDate}
          onChange={(value) => set('birthDate', value)}
          error={errors.birthDate}
        />
        <SelectField
          label="Sex"
          hint="As on insurance and ID."
          value={draft.sex}
          options={SEX_VALUES.map((value) => ({ value, label: SEX_LABELS[value] }))}
          onChange={(value) => set('sex', value as PatientDraft['sex'])}
          error={errors.sex}
        />
        {shows('genderIdentity') ? (
          <SelectField
            label="Gender identity"
            hint="Only if the patient tells you."
            value={draft.genderIdentity}
            options={[
              { value: '', label: 'Not asked' },
              ...GENDER_IDENTITIES.map((value) => ({ value, label: GENDER_LABELS[value] })),
            ]}
            onChange={(value) => set('genderIdentity', value as PatientDraft['genderIdentity'])}
            error={errors.genderIdentity}
          />
        ) : null}
        <Field
          label="Pronouns (optional)"
          hint="For example: she/her, they/them."
          autoComplete="off"
          value={draft.pronouns}
          onChange={(value) => set('pronouns', value)}
          error={errors.pronouns}
        />
      </div>
    </Section>
  );
}

function ContactSection({ draft, set, errors, registering }: SectionProps & { registering: boolean }) {
  return (
    <Section title="Contact">
      <div className="record-fields">
        <Field
          label="Phone"
          type="tel"
          autoComplete="off"
          value={draft.phone}
          onChange={(value) => set('phone', value)}
          error={errors.phone}
        />
        <SelectField
          label="Phone type"
          value={draft.phoneType}
          options={[
            ...(draft.phoneType === '' ? [{ value: '', label: 'Not known' }] : []),
            ...PHONE_TYPES.map((value) => ({ value, label: PHONE_TYPE_LABELS[value] })),
          ]}
          onChange={(value) => set('phoneType', value as PatientDraft['phoneType'])}
          error={errors.phoneType}
        />
        <Field
          className="wide"
          label="Email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={draft.email}
          onChange={(value) => set('email', value)}
          error={errors.email}
        />
      </div>
      {registering && draft.phone.trim() ? (
        <CheckboxField
          label="The patient agrees to text messages at this number"
          hint="Reminders and offers of earlier times. They can reply STOP at any time."
          checked={draft.smsConsent}
          onChange={(value) => set('smsConsent', value)}
        />
      ) : null}
      <OtherPhonesList
        rows={draft.otherPhones}
        onChange={(rows) => set('otherPhones', rows)}
        errors={errors}
      />
      <AddressList rows={draft.addresses} onChange={(rows) => set('addresses', rows)} errors={errors} />
    </Section>
  );
}

const OTHER_LANGUAGE = 'other';

function LanguageField({ draft, set, errors }: Pick<SectionProps, 'draft' | 'set' | 'errors'>) {
  const known = (COMMON_LANGUAGES as readonly string[]).includes(draft.preferredLanguage);
  const [typing, setTyping] = useState(!known);
  const code = draft.preferredLanguage.trim();
  return (
    <>
      <SelectField
        label="Preferred language"
        value={typing ? OTHER_LANGUAGE : draft.preferredLanguage}
        options={[
          ...COMMON_LANGUAGES.map((tag) => ({ value: tag, label: languageName(tag) })),
          { value: OTHER_LANGUAGE, label: 'Another language…' },
        ]}
        onChange={(value) => {
          setTyping(value === OTHER_LANGUAGE);
          if (value !== OTHER_LANGUAGE) set('preferredLanguage', value);
          else if (known) set('preferredLanguage', '');
        }}
        error={typing ? undefined : errors.preferredLanguage}
      />
      {typing ? (
        <Field
          label="Language code"
          hint={
            code && languageName(code) !== code
              ? languageName(code)
              : 'Such as am (Amharic), fa (Persian), sw (Swahili).'
          }
          autoComplete="off"
          spellCheck={false}
          value={draft.preferredLanguage}
          onChange={(value) => set('preferredLanguage', value)}
          error={errors.preferredLanguage}
        />
      ) : null}
    </>
  );
}

function LanguageAccessSection({ draft, set, errors, shows }: SectionProps) {
  return (
    <Section title="Language and access needs">
      {shows('preferredLanguage') ? (
        <div className="record-fields">
          <LanguageField draft={draft} set={set} errors={errors} />
          <CheckboxField
            className="align-end"
            label="Needs an interpreter"
            checked={draft.interpreterNeeded}
            onChange={(value) => set('interpreterNeeded', value)}
          />
        </div>
      ) : null}
      {shows('accessibilityNeeds') ? (
        <>
          <fieldset className="check-group">
            <legend>Accessibility needs</legend>
            <div className="check-group-options">
              {ACCESSIBILITY_NEEDS.map((need) => (
                <CheckboxField
                  key={need}
                  label={ACCESSIBILITY_LABELS[need]}
                  checked={draft.accessibilityNeeds.includes(need)}
                  onChange={(checked) =>
                    set(
                      'accessibilityNeeds',
                      checked
                        ? ACCESSIBILITY_NEEDS.filter(
                            (other) => other === need || draft.accessibilityNeeds.includes(other),
                          )
                        : draft.accessibilityNeeds.filter((other) => other !== need),
                    )
                  }
                />
              ))}
            </div>
          </fieldset>
          <TextAreaField
            className="wide-text"
            label="What helps (optional)"
            hint="For example: needs the accessible exam room; bring forms in large print."
            rows={2}
            maxLength={500}
            value={draft.accessibilityNote}
            onChange={(value) => set('accessibilityNote', value)}
            error={errors.accessibilityNote}
          />
        </>
      ) : null}
    </Section>
  );
}

/**
 * The record's fields in sections (identity, contact, language and access needs, emergency contacts, identifiers),
 * for registering and for editing. A section shows only when the caller's role reads its fields.
 */
export function RecordFormSections({
  draft,
  onChange,
  errors,
  fields,
  registering,
  firstField,
}: {
  draft: PatientDraft;
  onChange: (draft: PatientDraft, changed: keyof PatientDraft) => void;
  errors: FieldErrors;
  fields: readonly RecordField[];
  registering: boolean;
  firstField?: Ref<HTMLInputElement>;
}) {
  const shows = (field: RecordField) => fields.includes(field);
  const set: SectionProps['set'] = (field, value) => onChange({ ...draft, [field]: value }, field);
  const props = { draft, set, errors, shows };
  return (
    <div className="record-sections">
      <IdentitySection {...props} firstField={firstField} />
      {shows('phone') ? <ContactSection {...props} registering={registering} /> : null}
      {shows('preferredLanguage') || shows('accessibilityNeeds') ? (
        <LanguageAccessSection {...props} />
      ) : null}
      {shows('emergencyContacts') ? (
        <Section title="Emergency contacts">
          <EmergencyContactList
            rows={draft.emergencyContacts}
            onChange={(rows) => set('emergencyContacts', rows)}
            errors={errors}
          />
        </Section>
      ) : null}
      {shows('identifiers') ? (
        <Section title="Identifiers">
          <IdentifierList
            rows={draft.identifiers}
            onChange={(rows) => set('identifiers', rows)}
            errors={errors}
          />
        </Section>
      ) : null}
    </div>
  );
}
