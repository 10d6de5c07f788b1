import type { AccessibilityNeed, GenderIdentity, PhoneType } from '@patientdesk/contracts';
import { formatPhone, formatPlainDate, humanize } from '../../../lib/format';
import type { AddressUse, RecordField, Sex } from './patient-draft';

/** The words the desk uses for a record's fields and values, on the record, in its forms and in its history. */

export const FIELD_LABELS: Record<RecordField, string> = {
  familyName: 'Family name',
  givenNames: 'Given names',
  preferredName: 'Preferred name',
  birthDate: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  pronouns: 'Pronouns',
  phone: 'Phone',
  phoneType: 'Phone type',
  otherPhones: 'Other phones',
  email: 'Email',
  addresses: 'Addresses',
  preferredLanguage: 'Preferred language',
  interpreterNeeded: 'Interpreter',
  accessibilityNeeds: 'Accessibility needs',
  accessibilityNote: 'Accessibility note',
  emergencyContacts: 'Emergency contacts',
  identifiers: 'Other systems’ identifiers',
};

export const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Unknown',
};

export const GENDER_LABELS: Record<GenderIdentity, string> = {
  female: 'Woman',
  male: 'Man',
  'non-binary': 'Non-binary',
  'transgender-female': 'Transgender woman',
  'transgender-male': 'Transgender man',
  other: 'Another identity',
  declined: 'Chose not to say',
};

export const PHONE_TYPE_LABELS: Record<PhoneType, string> = { mobile: 'Mobile', home: 'Home', work: 'Work' };

export const ADDRESS_USE_LABELS: Record<AddressUse, string> = {
  home: 'Home',
  mailing: 'Mailing',
  temporary: 'Temporary',
  work: 'Work',
};

export const ACCESSIBILITY_LABELS: Record<AccessibilityNeed, string> = {
  wheelchair: 'Uses a wheelchair',
  hearing: 'Hearing',
  vision: 'Vision',
  cognitive: 'Memory or understanding',
  mobility: 'Walking or standing',
  other: 'Other',
};

/** The languages most asked for, first in the list; any other is typed as a language code. */
export const COMMON_LANGUAGES = [
  'en',
  'es',
  'zh-Hans',
  'zh-Hant',
  'yue',
  'vi',
  'ko',
  'tl',
  'ru',
  'ar',
  'ht',
  'fr',
  'pt-BR',
  'pl',
  'bn',
  'hi',
  'ur',
  'so',
  'ase',
] as const;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const SPECIAL_NAMES: Record<string, string> = { ase: 'American Sign Language' };

/** "es" → "Spanish", "pt-BR" → "Brazilian Portuguese"; a code the browser does not know stays as typed. */
export function languageName(tag: string): string {
  if (SPECIAL_NAMES[tag]) return SPECIAL_NAMES[tag];
  try {
    const name = LANGUAGE_NAMES.of(tag);
    return name && name !== tag ? name : tag;
  } catch {
    return tag;
  }
}

export function formatAddress(address: {
  use?: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  state: string;
  postalCode: string;
  country?: string;
}): string {
  const place = `${address.city}, ${address.state} ${address.postalCode}`;
  const country = address.country && address.country !== 'US' ? `, ${address.country}` : '';
  return [address.line1, address.line2, place].filter(Boolean).join(', ') + country;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function describeItem(field: string, item: unknown): string {
  if (!isRecord(item)) return String(item);
  switch (field) {
    case 'otherPhones':
      return `${formatPhone(str(item.number))} (${PHONE_TYPE_LABELS[item.type as PhoneType] ?? str(item.type)})`;
    case 'addresses': {
      const use = ADDRESS_USE_LABELS[item.use as AddressUse] ?? str(item.use);
      const line = formatAddress({
        line1: str(item.line1),
        line2: str(item.line2) || undefined,
        city: str(item.city),
        state: str(item.state),
        postalCode: str(item.postalCode),
        country: str(item.country),
      });
      return `${use}: ${line}`;
    }
    case 'emergencyContacts':
      return `${str(item.name)} (${str(item.relationship)}), ${formatPhone(str(item.phone))}`;
    case 'identifiers':
      return `${str(item.system)}: ${str(item.value)}`;
    default:
      return Object.values(item).map(String).join(', ');
  }
}

/** A value of a field as a person reads it, for the record's history: "Spanish", "(212) 555-0142", "none". */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (field === 'accessibilityNeeds')
      return value.map((need) => ACCESSIBILITY_LABELS[need as AccessibilityNeed] ?? String(need)).join(', ');
    return value.map((item) => describeItem(field, item)).join('; ');
  }
  if (typeof value === 'boolean')
    return field === 'interpreterNeeded' ? (value ? 'needed' : 'not needed') : value ? 'yes' : 'no';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  switch (field) {
    case 'birthDate':
      return formatPlainDate(text);
    case 'sex':
      return SEX_LABELS[text as Sex] ?? text;
    case 'genderIdentity':
      return GENDER_LABELS[text as GenderIdentity] ?? text;
    case 'phoneType':
      return PHONE_TYPE_LABELS[text as PhoneType] ?? text;
    case 'phone':
      return formatPhone(text);
    case 'preferredLanguage':
      return languageName(text);
    default:
      return text;
  }
}

/** A field's name in the history, for fields of this form and any the server adds later. */
export function fieldLabel(field: string): string {
  return (
    FIELD_LABELS[field as RecordField] ?? humanize(field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
  );
}
