import type { Patient } from '@patientdesk/contracts';
import type { ReactNode } from 'react';
import { formatBirthDateWithAge, formatDateTime, formatPhone } from '../../../lib/format';
import {
  ACCESSIBILITY_LABELS,
  ADDRESS_USE_LABELS,
  formatAddress,
  GENDER_LABELS,
  languageName,
  PHONE_TYPE_LABELS,
  SEX_LABELS,
} from './record-words';

type Fact = [label: string, value: ReactNode];

function FactsPanel({ id, title, facts }: { id: string; title: string; facts: Fact[] }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="panel-title">
        {title}
      </h2>
      <dl className="facts">
        {facts.map(([label, value], index) => (
          <div key={`${label}-${index}`} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const none = <span className="muted">None on file</span>;

function lines(items: string[]): ReactNode {
  if (items.length === 0) return none;
  return (
    <ul className="fact-lines">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * A record as the caller's role may see it, in panels: who the patient is, how to reach them, their language and
 * access needs, emergency contacts and other systems' identifiers. A panel whose fields the role does not read
 * (the API leaves them out) is not drawn at all, rather than drawn empty.
 */
export function RecordPanels({ patient }: { patient: Patient }) {
  const identity: Fact[] = [
    ['Date of birth', formatBirthDateWithAge(patient.birthDate)],
    ['Sex', SEX_LABELS[patient.sex]],
    ...(patient.genderIdentity !== undefined
      ? ([
          ['Gender identity', patient.genderIdentity ? GENDER_LABELS[patient.genderIdentity] : 'Not asked'],
        ] as Fact[])
      : []),
    ...(patient.pronouns !== undefined ? ([['Pronouns', patient.pronouns ?? '—']] as Fact[]) : []),
    ['Preferred name', patient.preferredName ?? '—'],
    ['MRN', patient.mrn],
    ['Registered', formatDateTime(patient.createdAt)],
    ['Last changed', `${formatDateTime(patient.updatedAt)} (version ${patient.version})`],
  ];
  const phoneType = patient.phoneType ? ` (${PHONE_TYPE_LABELS[patient.phoneType]})` : '';
  const contact: Fact[] = [
    ['Phone', patient.phone ? `${formatPhone(patient.phone)}${phoneType}` : none],
    ...(patient.otherPhones
      ? ([
          [
            'Other phones',
            lines(
              patient.otherPhones.map(
                (other) => `${formatPhone(other.number)} (${PHONE_TYPE_LABELS[other.type]})`,
              ),
            ),
          ],
        ] as Fact[])
      : []),
    ['Email', patient.email ?? none],
    ...(patient.addresses
      ? ([
          [
            'Addresses',
            lines(
              patient.addresses.map(
                (address) => `${ADDRESS_USE_LABELS[address.use]}: ${formatAddress(address)}`,
              ),
            ),
          ],
        ] as Fact[])
      : []),
  ];
  const language: Fact[] = [
    ...(patient.preferredLanguage !== undefined
      ? ([
          [
            'Language',
            <>
              {languageName(patient.preferredLanguage)}
              {patient.interpreterNeeded ? (
                <strong className="needs-flag"> · Needs an interpreter</strong>
              ) : null}
            </>,
          ],
        ] as Fact[])
      : []),
    ...(patient.accessibilityNeeds !== undefined
      ? ([
          [
            'Access needs',
            patient.accessibilityNeeds.length
              ? patient.accessibilityNeeds.map((need) => ACCESSIBILITY_LABELS[need]).join(', ')
              : 'None noted',
          ],
        ] as Fact[])
      : []),
    ...(patient.accessibilityNote ? ([['What helps', patient.accessibilityNote]] as Fact[]) : []),
  ];
  return (
    <>
      <FactsPanel id="demographics-title" title="Demographics" facts={identity} />
      <FactsPanel id="contact-title" title="Contact" facts={contact} />
      {language.length > 0 ? (
        <FactsPanel id="language-title" title="Language and access needs" facts={language} />
      ) : null}
      {patient.emergencyContacts ? (
        <section className="panel" aria-labelledby="emergency-title">
          <h2 id="emergency-title" className="panel-title">
            Emergency contacts
          </h2>
          {patient.emergencyContacts.length === 0 ? (
            <p className="muted">None on file.</p>
          ) : (
            <ul className="plain-list">
              {patient.emergencyContacts.map((contact, index) => (
                <li key={index}>
                  <strong>{contact.name}</strong> <span className="muted">({contact.relationship})</span>{' '}
                  {formatPhone(contact.phone)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {patient.identifiers && patient.identifiers.length > 0 ? (
        <FactsPanel
          id="identifiers-title"
          title="Identifiers"
          facts={patient.identifiers.map((identifier) => [identifier.system, identifier.value])}
        />
      ) : null}
    </>
  );
}
