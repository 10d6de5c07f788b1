import { SMS_MAX_LENGTH } from '../../platform/notify/sms-rules';
import { toLocal } from '../scheduling';

export type Language = 'en' | 'es';

/** The language a message is written in for a patient who prefers `tag` (a BCP 47 tag): Spanish or English. */
export function messageLanguage(tag: string): Language {
  return /^es(-|$)/i.test(tag) ? 'es' : 'en';
}
export type NoticeGroup = 'booked' | 'moved' | 'cancelled' | 'reminder';

/** What every message about a visit is made of. Only what the patient chose to see is filled in. */
export type NoticeMessageInput = {
  group: NoticeGroup;
  language: Language;
  clinicName: string;
  /** As people read it: (212) 555-0100. Texts always carry one (TCPA); emails when the clinic has one. */
  clinicPhone: string | null;
  start: Date;
  timeZone: string;
  /** The visit is confirmed already: ask only whether it should move. */
  confirmed: boolean;
  /** Only with the patient's full-detail choice. */
  visitType: string | null;
  placeName: string | null;
  /** In the patient's language where the clinic wrote it. */
  preparation: string | null;
  /** The single-use answer link (email only). */
  link: string | null;
};

export function noticeGroup(kind: string): NoticeGroup {
  if (kind === 'booked' || kind === 'moved' || kind === 'cancelled') return kind;
  return 'reminder';
}

const WORDS = {
  en: {
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
  es: {
    weekdays: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    months: [
      'enero',
      'febrero',
      'marzo',
      'abril',
      'mayo',
      'junio',
      'julio',
      'agosto',
      'septiembre',
      'octubre',
      'noviembre',
      'diciembre',
    ],
  },
} as const;

type LocalParts = { year: number; month: number; day: number; weekday: number; hour: number; minute: number };

function localParts(instant: Date, timeZone: string): LocalParts {
  const local = toLocal(instant, timeZone);
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    hour: Math.floor(local.minutes / 60),
    minute: local.minutes % 60,
  };
}

function clockTime(parts: LocalParts, language: Language): string {
  const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
  const minutes = String(parts.minute).padStart(2, '0');
  if (language === 'es') return `${hour12}:${minutes} ${parts.hour < 12 ? 'a.m.' : 'p.m.'}`;
  return `${hour12}:${minutes} ${parts.hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * A visit's time for a text, in the location's zone, written without the platform's locale data (whose spaces
 * and abbreviations change between versions): "Tue Mar 3 9:00 AM", "martes 3 de marzo, 9:00 a.m.".
 */
export function shortWhen(start: Date, timeZone: string, language: Language): string {
  const parts = localParts(start, timeZone);
  const words = WORDS[language];
  const weekday = words.weekdays[parts.weekday] ?? '';
  const month = words.months[parts.month - 1] ?? '';
  if (language === 'es') return `${weekday} ${parts.day} de ${month}, ${clockTime(parts, language)}`;
  return `${weekday.slice(0, 3)} ${month.slice(0, 3)} ${parts.day} ${clockTime(parts, language)}`;
}

/** A visit's time for an email: "Tuesday, March 3, 2026, at 9:00 AM", "martes 3 de marzo de 2026, a las 9:00 a.m.". */
export function longWhen(start: Date, timeZone: string, language: Language): string {
  const parts = localParts(start, timeZone);
  const words = WORDS[language];
  const weekday = words.weekdays[parts.weekday] ?? '';
  const month = words.months[parts.month - 1] ?? '';
  if (language === 'es') {
    // "a la una", "a las dos": the article agrees with the hour.
    const article = parts.hour % 12 === 1 ? 'a la' : 'a las';
    return `${weekday} ${parts.day} de ${month} de ${parts.year}, ${article} ${clockTime(parts, language)}`;
  }
  return `${weekday}, ${month} ${parts.day}, ${parts.year}, at ${clockTime(parts, language)}`;
}

/** Ends a sentence with one full stop (a time in Spanish already ends in "p.m."). */
function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/** The shortest name a text may cut the clinic's to before it drops what else it says. */
const MIN_NAME_LENGTH = 20;

/** Cuts a name to at most `max` characters, at a word boundary when one is near. */
export function shortenName(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, Math.max(1, max));
  const space = cut.lastIndexOf(' ');
  const atWord = space >= cut.length * 0.6 ? cut.slice(0, space) : cut;
  return atWord.replace(/[\s,.;:&-]+$/, '') || cut;
}

/**
 * Fits a text into 160 characters (TCPA healthcare exemption). `compose` builds it from the clinic's name and a
 * level: 0 keeps every optional part, each level after drops one more (least wanted first). The visit type goes
 * before the clinic's name is cut; the name is cut (to about 20 characters at least) before anything else goes;
 * the clinic and its number are always there.
 */
function fitText(name: string, compose: (name: string, level: number) => string, levels: number): string {
  const room = (level: number) => SMS_MAX_LENGTH - compose('', level).length;
  for (let level = 0; level < levels; level += 1) {
    if (room(level) >= name.length) return compose(name, level);
    // The visit type (level 0) goes before the name is cut; the rest only after.
    if (level > 0 && room(level) >= MIN_NAME_LENGTH) return compose(shortenName(name, room(level)), level);
  }
  const last = levels - 1;
  // The templates' fixed parts are far under 160, so some of the name always fits; slice is a hard stop.
  return compose(shortenName(name, Math.max(1, room(last))), last).slice(0, SMS_MAX_LENGTH);
}

/** The text message for a confirmation, reminder or cancellation. Never more than 160 characters. */
export function noticeSms(input: NoticeMessageInput & { clinicPhone: string }): string {
  const when = shortWhen(input.start, input.timeZone, input.language);
  const en = input.language === 'en';
  const compose = (name: string, level: number) => {
    const type = level === 0 && input.visitType ? ` (${input.visitType})` : '';
    const preparation =
      level <= 1 && input.preparation && input.group !== 'cancelled'
        ? en
          ? ' How to prepare: see the portal.'
          : ' Instrucciones en el portal.'
        : '';
    let lead: string;
    switch (input.group) {
      case 'booked':
        lead = en ? `your visit is booked for ${when}${type}` : `su cita es el ${when}${type}`;
        break;
      case 'moved':
        lead = en ? `your visit was moved to ${when}${type}` : `su nueva cita es el ${when}${type}`;
        break;
      case 'reminder':
        lead = en ? `reminder of your visit ${when}${type}` : `recuerde su cita el ${when}${type}`;
        break;
      case 'cancelled':
        lead = en ? `your visit ${when}${type} was cancelled` : `su cita del ${when}${type} fue cancelada`;
        break;
    }
    const actions =
      input.group === 'cancelled'
        ? en
          ? ' To book again call'
          : ' Para otra cita llame al'
        : input.confirmed
          ? en
            ? ' Reply R to reschedule.'
            : ' Responda R para cambiarla.'
          : en
            ? ' Reply C to confirm, R to reschedule.'
            : ' Responda C para confirmar, R para cambiarla.';
    return `${name}: ${sentence(lead)}${actions}${preparation} ${input.clinicPhone}`;
  };
  return fitText(input.clinicName, compose, 3);
}

/** The text that answers a patient's C or R. */
export function answerSms(input: {
  outcome: 'confirmed' | 'already-confirmed' | 'reschedule-requested';
  language: Language;
  clinicName: string;
  clinicPhone: string | null;
  start: Date;
  timeZone: string;
}): string {
  const when = shortWhen(input.start, input.timeZone, input.language);
  const en = input.language === 'en';
  const phone = input.clinicPhone ? ` ${input.clinicPhone}` : '';
  const compose = (name: string) =>
    input.outcome === 'reschedule-requested'
      ? en
        ? `${name}: we got your request for a new time. We will call you soon.${phone}`
        : `${name}: recibimos su pedido de cambiar la cita. Le llamaremos pronto.${phone}`
      : en
        ? `${name}: thank you. Your visit ${when} is confirmed.${phone}`
        : `${name}: gracias. Su cita del ${when} queda confirmada.${phone}`;
  return fitText(input.clinicName, compose, 1);
}

/** The email for a confirmation, reminder or cancellation: the full preparation, and the answer link. */
export function noticeEmail(input: NoticeMessageInput): { subject: string; body: string } {
  const en = input.language === 'en';
  const when = longWhen(input.start, input.timeZone, input.language);
  const clinic = input.clinicName;
  const lines: string[] = [en ? 'Hello,' : 'Hola:', ''];
  let subject: string;
  switch (input.group) {
    case 'booked':
      subject = en ? `${clinic}: your visit is booked` : `${clinic}: su cita está reservada`;
      lines.push(
        en
          ? sentence(`Your visit at ${clinic} is booked for ${when}`)
          : sentence(`Su cita en ${clinic} quedó reservada para el ${when}`),
      );
      break;
    case 'moved':
      subject = en ? `${clinic}: your visit was moved` : `${clinic}: su cita cambió`;
      lines.push(
        en
          ? sentence(`Your visit at ${clinic} was moved. The new time is ${when}`)
          : sentence(`Su cita en ${clinic} cambió. Ahora es el ${when}`),
      );
      break;
    case 'reminder':
      subject = en
        ? `${clinic}: reminder of your visit on ${shortWhen(input.start, input.timeZone, 'en')}`
        : `${clinic}: recordatorio de su cita del ${shortWhen(input.start, input.timeZone, 'es')}`;
      lines.push(
        en
          ? sentence(`This is a reminder of your visit at ${clinic} on ${when}`)
          : sentence(`Le recordamos su cita en ${clinic} el ${when}`),
      );
      break;
    case 'cancelled':
      subject = en ? `${clinic}: your visit was cancelled` : `${clinic}: su cita fue cancelada`;
      lines.push(
        en
          ? `Your visit at ${clinic} on ${when} was cancelled. We are sorry.`
          : `Su cita en ${clinic} del ${when} fue cancelada. Lo sentimos.`,
      );
      lines.push(
        input.clinicPhone
          ? en
            ? `Please call us at ${input.clinicPhone} to book a new time.`
            : `Llámenos al ${input.clinicPhone} para hacer una nueva cita.`
          : en
            ? 'Please contact us to book a new time.'
            : 'Comuníquese con nosotros para hacer una nueva cita.',
      );
      lines.push('', clinic);
      return { subject, body: lines.join('\n') };
  }
  if (input.visitType) lines.push(en ? `Visit: ${input.visitType}.` : `Tipo de cita: ${input.visitType}.`);
  if (input.placeName) lines.push(en ? `Place: ${input.placeName}.` : `Lugar: ${input.placeName}.`);
  if (input.preparation) {
    lines.push('', en ? 'How to prepare:' : 'Cómo prepararse:', input.preparation);
  }
  if (input.link) {
    lines.push(
      '',
      input.confirmed
        ? en
          ? 'Need a different time? Use this link to ask for one:'
          : '¿Necesita otra hora? Use este enlace para pedirla:'
        : en
          ? 'Please tell us if you will come. Use this link to confirm, or to ask for a different time:'
          : 'Por favor, díganos si vendrá. Use este enlace para confirmar o para pedir otra hora:',
      input.link,
      en
        ? 'The link works once. It stops working when your visit begins.'
        : 'El enlace funciona una sola vez. Deja de funcionar cuando empieza su cita.',
    );
  }
  if (input.clinicPhone) {
    lines.push(
      '',
      en ? `Questions? Call us at ${input.clinicPhone}.` : `¿Preguntas? Llámenos al ${input.clinicPhone}.`,
    );
  }
  lines.push('', clinic);
  return { subject, body: lines.join('\n') };
}
