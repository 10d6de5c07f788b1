import type { KeyboardEvent } from 'react';

/**
 * Up and down arrows move between the main links of a table's rows (one `a.row-link` per row), so a list of
 * results can be walked without tabbing through every cell.
 */
export function moveBetweenRowLinks(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const target = event.target;
  if (!(target instanceof HTMLAnchorElement) || !target.classList.contains('row-link')) return;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.row-link'));
  const index = links.indexOf(target);
  const next = links[index + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
