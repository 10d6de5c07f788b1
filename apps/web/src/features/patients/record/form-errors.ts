import type { FieldErrors } from './patient-draft';

/** Drops the messages of a field (and of its rows) once the person changes it. */
export function clearFieldErrors(errors: FieldErrors, field: string): FieldErrors {
  const kept = Object.entries(errors).filter(([key]) => key !== field && !key.startsWith(`${field}.`));
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}

/** Puts the cursor in the first field with a message, once the messages are drawn. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
