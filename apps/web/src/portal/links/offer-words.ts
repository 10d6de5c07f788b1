import type { WaitlistOfferState } from '@patientdesk/contracts';
import type { LinkLanguage } from './link-text';

/** What the waitlist offer's page says, in English and Spanish. */

type Said = { title: string; text: string };

type Words = {
  title: string;
  loading: string;
  visitLabel: string;
  openTitle: string;
  openLede: (clinic: string) => string;
  answerBy: (deadline: string) => string;
  firstCome: string;
  accept: string;
  decline: string;
  declineHint: string;
  busy: string;
  states: Record<Exclude<WaitlistOfferState, 'open'>, Said>;
  invalid: Said;
  unreachable: string;
  failed: string;
  tryAgain: string;
};

const STILL_WAITING_EN = 'You are still on the waitlist. We will let you know when another time opens up.';
const STILL_WAITING_ES = 'Usted sigue en la lista de espera. Le avisaremos cuando se abra otra hora.';

export const OFFER_WORDS: Record<LinkLanguage, Words> = {
  en: {
    title: 'A visit time for you',
    loading: 'Loading the offer…',
    visitLabel: 'The time offered',
    openTitle: 'A visit time opened up',
    openLede: (clinic) => `You are on the waitlist at ${clinic}. This time is free now:`,
    answerBy: (deadline) => `Answer by ${deadline}.`,
    firstCome: 'A few people on the waitlist get this offer. The first to accept gets the time.',
    accept: 'Accept this time',
    decline: 'No thanks',
    declineHint: 'If you say no thanks, you stay on the waitlist.',
    busy: 'One moment…',
    states: {
      accepted: { title: 'You are booked', text: 'Your visit is booked for this time.' },
      declined: { title: 'Thank you for letting us know', text: STILL_WAITING_EN },
      taken: { title: 'Sorry, someone else took this time', text: STILL_WAITING_EN },
      expired: { title: 'The time to answer has passed', text: STILL_WAITING_EN },
      withdrawn: {
        title: 'This time is no longer available',
        text: 'If you are still on the waitlist, we will let you know when another time opens up.',
      },
    },
    invalid: {
      title: 'We could not open this link',
      text: 'Check that you opened the whole link from the text or email. If it still does not work, please call the clinic.',
    },
    unreachable: 'We could not reach the clinic. Check your connection, then try again.',
    failed: 'Something went wrong on our side. Please try again in a few minutes.',
    tryAgain: 'Try again',
  },
  es: {
    title: 'Una hora para su cita',
    loading: 'Cargando la oferta…',
    visitLabel: 'La hora que le ofrecemos',
    openTitle: 'Se abrió una hora para su cita',
    openLede: (clinic) => `Usted está en la lista de espera de ${clinic}. Esta hora está libre ahora:`,
    answerBy: (deadline) => `Plazo para responder: ${deadline}.`,
    firstCome:
      'Esta oferta llega a varias personas de la lista de espera. La primera que acepte obtiene la hora.',
    accept: 'Aceptar esta hora',
    decline: 'No, gracias',
    declineHint: 'Si dice que no, usted sigue en la lista de espera.',
    busy: 'Un momento…',
    states: {
      accepted: { title: 'Su cita está reservada', text: 'Su cita quedó reservada para esta hora.' },
      declined: { title: 'Gracias por avisarnos', text: STILL_WAITING_ES },
      taken: { title: 'Lo sentimos, otra persona tomó esta hora', text: STILL_WAITING_ES },
      expired: { title: 'Ya pasó el plazo para responder', text: STILL_WAITING_ES },
      withdrawn: {
        title: 'Esta hora ya no está disponible',
        text: 'Si sigue en la lista de espera, le avisaremos cuando se abra otra hora.',
      },
    },
    invalid: {
      title: 'No pudimos abrir este enlace',
      text: 'Revise que abrió el enlace completo del mensaje o del correo. Si aún no funciona, llame a la clínica.',
    },
    unreachable: 'No pudimos conectar con la clínica. Revise su conexión y vuelva a intentarlo.',
    failed: 'Algo salió mal de nuestro lado. Vuelva a intentarlo en unos minutos.',
    tryAgain: 'Intentar de nuevo',
  },
};
