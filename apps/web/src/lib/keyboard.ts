import { useEffect, useRef } from 'react';

/** True when a key press belongs to a field the person is typing in (or a list that uses the keys itself). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  const role = target.getAttribute('role');
  return role === 'listbox' || role === 'combobox';
}

/**
 * Single-key shortcuts for a page ("b" to book, "t" for today): ignored while typing, with a modifier held, or
 * while something else has handled the key. The handler returns true when the key was its own.
 */
export function useShortcuts(handler: (event: KeyboardEvent) => boolean, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (latest.current(event)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
