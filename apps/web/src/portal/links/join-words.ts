import type { LinkLanguage } from './link-text';

/** What the portal invitation's page says, in English and Spanish (the clinic's messages address patients as usted). */

type Said = { title: string; text: string };

/** The three parts of a date of birth, in the order the language writes them. */
export type DatePart = 'month' | 'day' | 'year';

type Words = {
  title: string;
  loading: string;
  newTitle: string;
  addTitle: string;
  lede: (clinic: string) => string;
  forProxy: string;
  signInAs: string;
  birthDate: { yours: string; theirs: string; hint: string; theirsHint: string };
  dateOrder: readonly DatePart[];
  dateParts: Record<DatePart, string>;
  newPassword: string;
  newPasswordHint: string;
  repeatPassword: string;
  existingText: string;
  existingPassword: string;
  make: string;
  add: string;
  busy: string;
  done: Said;
  errors: {
    birthDateMissing: string;
    birthDateInvalid: string;
    birthDateMismatch: string;
    passwordMissing: string;
    passwordShort: string;
    passwordsDiffer: string;
    passwordWeak: string;
    wrongPassword: string;
    tooMany: string;
  };
  accepted: Said & { signIn: string };
  closed: Said;
  emailTaken: Said;
  twoStep: Said;
  invalid: Said;
  unreachable: string;
  failed: string;
  tryAgain: string;
  call: (phone: string) => string;
};

export const JOIN_WORDS: Record<LinkLanguage, Words> = {
  en: {
    title: 'Your patient portal',
    loading: 'Loading your invitation…',
    newTitle: 'Make your portal account',
    addTitle: 'Add this to your portal account',
    lede: (clinic) => `${clinic} invited you to its patient portal.`,
    forProxy:
      'With it, you can help with someone else’s care: their visits and messages, as the clinic allows.',
    signInAs: 'You will sign in with',
    birthDate: {
      yours: 'Your date of birth',
      theirs: 'Their date of birth',
      hint: 'For example, 3 27 1985. We check it, to be sure this invitation is yours.',
      theirsHint:
        'The date of birth of the person you will help, for example 3 27 1985. We check it, to keep their record safe.',
    },
    dateOrder: ['month', 'day', 'year'],
    dateParts: { month: 'Month', day: 'Day', year: 'Year' },
    newPassword: 'Choose a password',
    newPasswordHint: '12 characters or more. A few words you will remember work well.',
    repeatPassword: 'Type it again',
    existingText:
      'You already have a portal account with this email. Enter its password, and this record will be added to it.',
    existingPassword: 'Your portal password',
    make: 'Make my account',
    add: 'Add to my account',
    busy: 'One moment…',
    done: { title: 'You are all set', text: 'Opening your portal…' },
    errors: {
      birthDateMissing: 'Enter the month, day and year.',
      birthDateInvalid: 'That date does not exist. Check the month, day and year (4 digits).',
      birthDateMismatch:
        'That date of birth does not match the clinic’s records. Check it and try again. After a few wrong tries, this link stops working.',
      passwordMissing: 'Enter your password.',
      passwordShort: 'Use 12 characters or more.',
      passwordsDiffer: 'The two passwords are not the same. Type them again.',
      passwordWeak: 'This password cannot be used. Choose one with 12 characters or more.',
      wrongPassword: 'That password is not right. Try again. If you forgot it, please call the clinic.',
      tooMany: 'Too many tries. Wait a few minutes, then try again.',
    },
    accepted: {
      title: 'This invitation was already used',
      text: 'Sign in to your portal with your email and password.',
      signIn: 'Sign in',
    },
    closed: {
      title: 'This invitation can no longer be used',
      text: 'Ask the clinic for a new one.',
    },
    twoStep: {
      title: 'Please call the clinic',
      text: 'Your portal account uses two-step sign-in, so this link cannot add the record to it. The clinic can help.',
    },
    emailTaken: {
      title: 'Please call the clinic',
      text: 'This email is already used by another account at the clinic, so this invitation cannot use it. The clinic can help.',
    },
    invalid: {
      title: 'We could not open this link',
      text: 'Check that you opened the whole link from the email. If it still does not work, please call the clinic.',
    },
    unreachable: 'We could not reach the clinic. Check your connection, then try again.',
    failed: 'Something went wrong on our side. Please try again in a few minutes.',
    tryAgain: 'Try again',
    call: (phone) => `Call the clinic: ${phone}`,
  },
  es: {
    title: 'Su portal del paciente',
    loading: 'Cargando su invitación…',
    newTitle: 'Cree su cuenta del portal',
    addTitle: 'Agregue esto a su cuenta del portal',
    lede: (clinic) => `${clinic} le invitó a su portal del paciente.`,
    forProxy:
      'Con ella, usted podrá ayudar con el cuidado de otra persona: sus citas y mensajes, según lo permita la clínica.',
    signInAs: 'Usted entrará con',
    birthDate: {
      yours: 'Su fecha de nacimiento',
      theirs: 'Fecha de nacimiento de la otra persona',
      hint: 'Por ejemplo, 27 3 1985. La revisamos para saber que esta invitación es suya.',
      theirsHint:
        'La fecha de nacimiento de la persona a quien ayudará, por ejemplo 27 3 1985. La revisamos para proteger su expediente.',
    },
    dateOrder: ['day', 'month', 'year'],
    dateParts: { month: 'Mes', day: 'Día', year: 'Año' },
    newPassword: 'Elija una contraseña',
    newPasswordHint: '12 caracteres o más. Unas palabras que pueda recordar funcionan bien.',
    repeatPassword: 'Escríbala otra vez',
    existingText:
      'Usted ya tiene una cuenta del portal con este correo. Escriba su contraseña y este expediente se agregará a esa cuenta.',
    existingPassword: 'Su contraseña del portal',
    make: 'Crear mi cuenta',
    add: 'Agregar a mi cuenta',
    busy: 'Un momento…',
    done: { title: 'Todo listo', text: 'Abriendo su portal…' },
    errors: {
      birthDateMissing: 'Escriba el día, el mes y el año.',
      birthDateInvalid: 'Esa fecha no existe. Revise el día, el mes y el año (4 cifras).',
      birthDateMismatch:
        'Esa fecha de nacimiento no coincide con los datos de la clínica. Revísela y vuelva a intentarlo. Después de varios intentos equivocados, este enlace deja de funcionar.',
      passwordMissing: 'Escriba su contraseña.',
      passwordShort: 'Use 12 caracteres o más.',
      passwordsDiffer: 'Las dos contraseñas no son iguales. Escríbalas otra vez.',
      passwordWeak: 'No se puede usar esta contraseña. Elija una de 12 caracteres o más.',
      wrongPassword: 'Esa contraseña no es correcta. Vuelva a intentarlo. Si la olvidó, llame a la clínica.',
      tooMany: 'Demasiados intentos. Espere unos minutos y vuelva a intentarlo.',
    },
    accepted: {
      title: 'Esta invitación ya se usó',
      text: 'Entre a su portal con su correo y su contraseña.',
      signIn: 'Entrar',
    },
    closed: {
      title: 'Esta invitación ya no se puede usar',
      text: 'Pida una nueva a la clínica.',
    },
    twoStep: {
      title: 'Por favor, llame a la clínica',
      text: 'Su cuenta del portal usa la verificación en dos pasos, así que este enlace no puede añadirle el expediente. La clínica le puede ayudar.',
    },
    emailTaken: {
      title: 'Por favor, llame a la clínica',
      text: 'Este correo ya lo usa otra cuenta de la clínica, así que esta invitación no puede usarlo. La clínica le puede ayudar.',
    },
    invalid: {
      title: 'No pudimos abrir este enlace',
      text: 'Revise que abrió el enlace completo del correo. Si aún no funciona, llame a la clínica.',
    },
    unreachable: 'No pudimos conectar con la clínica. Revise su conexión y vuelva a intentarlo.',
    failed: 'Algo salió mal de nuestro lado. Vuelva a intentarlo en unos minutos.',
    tryAgain: 'Intentar de nuevo',
    call: (phone) => `Llamar a la clínica: ${phone}`,
  },
};
