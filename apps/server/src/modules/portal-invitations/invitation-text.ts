import type { MessageLanguage } from '@patientdesk/contracts';

export type InvitationMessageInput = {
  clinicName: string;
  clinicPhone: string | null;
  link: string;
  days: number;
  /** For a proxy: they will help with someone else's care. */
  forProxy: boolean;
};

/**
 * The invitation email, in plain words: who invites, what the portal is for, the link and how long it works, what
 * it will ask, and what to do if it was not expected. It names no patient: the address may not be theirs.
 */
export function invitationEmail(
  language: MessageLanguage,
  input: InvitationMessageInput,
): { subject: string; body: string } {
  if (language === 'es') {
    return {
      subject: `Su invitación al portal de pacientes de ${input.clinicName}`,
      body: [
        'Hola:',
        '',
        input.forProxy
          ? `${input.clinicName} le invita a su portal de pacientes para ayudar con el cuidado de una persona que le eligió. Allí podrá ver y pedir citas.`
          : `${input.clinicName} le invita a su portal de pacientes. Allí podrá ver y pedir sus citas.`,
        '',
        `Para crear su cuenta, abra este enlace en los próximos ${input.days} días:`,
        input.link,
        '',
        input.forProxy
          ? 'Le pediremos la fecha de nacimiento del paciente.'
          : 'Le pediremos su fecha de nacimiento.',
        '',
        'Si no esperaba este correo, puede ignorarlo.',
        input.clinicPhone ? `¿Preguntas? Llame al ${input.clinicPhone}.` : '',
      ]
        .join('\n')
        .trimEnd(),
    };
  }
  return {
    subject: `Your invitation to the ${input.clinicName} patient portal`,
    body: [
      'Hello,',
      '',
      input.forProxy
        ? `${input.clinicName} invites you to its patient portal to help with the care of someone who chose you. There you can see and book their visits.`
        : `${input.clinicName} invites you to its patient portal. There you can see and book your visits.`,
      '',
      `To set up your account, open this link within ${input.days} days:`,
      input.link,
      '',
      input.forProxy ? "We will ask for the patient's date of birth." : 'We will ask for your date of birth.',
      '',
      'If you did not expect this email, you can ignore it.',
      input.clinicPhone ? `Questions? Call ${input.clinicPhone}.` : '',
    ]
      .join('\n')
      .trimEnd(),
  };
}

/** `maria.lopez@example.com` → `m•••@example.com`: enough to recognize, not enough to learn. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
