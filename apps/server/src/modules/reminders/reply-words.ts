const CONFIRM = new Set(['C', 'CONFIRM', 'CONFIRMED', 'CONFIRMAR', 'CONFIRMO', 'CONFIRMADO', 'CONFIRMADA']);
const RESCHEDULE = new Set(['R', 'RESCHEDULE', 'REPROGRAMAR', 'CAMBIAR', 'CAMBIAR CITA', 'CAMBIAR LA CITA']);

/**
 * What a text reply to a reminder asks, when it is one of the words the messages offer (C, R, or those words
 * spelled out, in English or Spanish); null for anything else, which a person reads. STOP and the other opt-out
 * words never get here: the messaging system takes them first.
 */
export function readReplyWord(body: string): 'confirm' | 'reschedule' | null {
  const word = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toUpperCase()
    .replace(/^["'(\s]+|[.!?"')\s]+$/g, '')
    .replace(/\s+/g, ' ');
  if (CONFIRM.has(word)) return 'confirm';
  if (RESCHEDULE.has(word)) return 'reschedule';
  return null;
}
