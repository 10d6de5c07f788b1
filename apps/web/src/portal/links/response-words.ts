import type { AppointmentResponseLink } from '@patientdesk/contracts';
import type { AppointmentResponseOutcome } from '../../api/public-links';
import type { LinkLanguage } from './link-text';

/** What the reminder link's page says, in English and Spanish (the clinic's messages address patients as usted). */

type Words = {
  title: string;
  loading: string;
  visitLabel: string;
  askTitle: string;
  askLede: (clinic: string) => string;
  confirm: string;
  reschedule: string;
  rescheduleHint: string;
  busy: string;
  outcomes: Record<AppointmentResponseOutcome, { title: string; text: string }>;
  used: { title: string; confirm: string; reschedule: string; unknown: string };
  expired: { title: string; text: string };
  closed: { title: string; text: string };
  invalid: { title: string; text: string };
  unreachable: string;
  failed: string;
  tryAgain: string;
  call: (phone: string) => string;
  callLine: (clinic: string) => string;
};

export const RESPONSE_WORDS: Record<LinkLanguage, Words> = {
  en: {
    title: 'Your visit',
    loading: 'Loading your visit…',
    visitLabel: 'Your visit',
    askTitle: 'Can you come to your visit?',
    askLede: (clinic) => `Please tell ${clinic} if you will come.`,
    confirm: 'Yes, I’ll be there',
    reschedule: 'I need a different time',
    rescheduleHint: 'Your visit stays booked until the clinic calls you about a new time.',
    busy: 'One moment…',
    outcomes: {
      confirmed: { title: 'Thank you. Your visit is confirmed.', text: 'We look forward to seeing you.' },
      'already-confirmed': {
        title: 'Your visit is already confirmed',
        text: 'There is nothing more to do. We look forward to seeing you.',
      },
      'reschedule-requested': {
        title: 'Thank you. We will call you.',
        text: 'The clinic will call you to find a new time. Until then, your visit stays booked.',
      },
    },
    used: {
      title: 'You already answered',
      confirm: 'You confirmed this visit. There is nothing more to do.',
      reschedule: 'You asked for a different time. The clinic will call you.',
      unknown: 'This link was already used. Each link works once.',
    },
    expired: {
      title: 'This link no longer works',
      text: 'Links stop working when the visit begins.',
    },
    closed: {
      title: 'This visit was cancelled or moved',
      text: 'Look for a newer message from the clinic, or call us.',
    },
    invalid: {
      title: 'We could not open this link',
      text: 'Check that you opened the whole link from the email. If it still does not work, please call the clinic.',
    },
    unreachable: 'We could not reach the clinic. Check your connection, then try again.',
    failed: 'Something went wrong on our side. Please try again in a few minutes.',
    tryAgain: 'Try again',
    call: (phone) => `Call the clinic: ${phone}`,
    callLine: (clinic) => `Questions? Call ${clinic}.`,
  },
  es: {
    title: 'Su cita',
    loading: 'Cargando su cita…',
    visitLabel: 'Su cita',
    askTitle: '¿Puede venir a su cita?',
    askLede: (clinic) => `Por favor, díganos en ${clinic} si vendrá.`,
    confirm: 'Sí, ahí estaré',
    reschedule: 'Necesito otra hora',
    rescheduleHint: 'Su cita sigue reservada hasta que la clínica le llame para buscar otra hora.',
    busy: 'Un momento…',
    outcomes: {
      confirmed: { title: 'Gracias. Su cita está confirmada.', text: 'Le esperamos.' },
      'already-confirmed': {
        title: 'Su cita ya está confirmada',
        text: 'No tiene que hacer nada más. Le esperamos.',
      },
      'reschedule-requested': {
        title: 'Gracias. Le llamaremos.',
        text: 'La clínica le llamará para buscar otra hora. Mientras tanto, su cita sigue reservada.',
      },
    },
    used: {
      title: 'Usted ya respondió',
      confirm: 'Usted confirmó esta cita. No tiene que hacer nada más.',
      reschedule: 'Usted pidió otra hora. La clínica le llamará.',
      unknown: 'Este enlace ya se usó. Cada enlace funciona una sola vez.',
    },
    expired: {
      title: 'Este enlace ya no funciona',
      text: 'Los enlaces dejan de funcionar cuando empieza la cita.',
    },
    closed: {
      title: 'Esta cita se canceló o cambió de hora',
      text: 'Busque un mensaje más reciente de la clínica, o llámenos.',
    },
    invalid: {
      title: 'No pudimos abrir este enlace',
      text: 'Revise que abrió el enlace completo del correo. Si aún no funciona, llame a la clínica.',
    },
    unreachable: 'No pudimos conectar con la clínica. Revise su conexión y vuelva a intentarlo.',
    failed: 'Algo salió mal de nuestro lado. Vuelva a intentarlo en unos minutos.',
    tryAgain: 'Intentar de nuevo',
    call: (phone) => `Llamar a la clínica: ${phone}`,
    callLine: (clinic) => `¿Preguntas? Llame a ${clinic}.`,
  },
};

/** What a used link says, by the answer it was used for. */
export function usedText(words: Words, action: AppointmentResponseLink['usedAction']): string {
  if (action === 'confirm') return words.used.confirm;
  if (action === 'reschedule') return words.used.reschedule;
  return words.used.unknown;
}
