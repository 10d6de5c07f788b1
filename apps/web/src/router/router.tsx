import {
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * A small router over the History API: the location as React state, `navigate`, `<Link>`, and path matching.
 * After a navigation that changes the page, the next `<PageHeading>` takes focus so screen readers announce it.
 */

type Listener = () => void;
const listeners = new Set<Listener>();
let focusRequested = false;
let lastPathname = typeof window === 'undefined' ? '' : window.location.pathname;

function notify(): void {
  const pathname = window.location.pathname;
  if (pathname !== lastPathname) {
    focusRequested = true;
    lastPathname = pathname;
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

export type Location = { pathname: string; search: URLSearchParams; href: string };

/** The current path and query; re-renders on every navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  const changedPage = window.location.pathname !== lastPathname;
  notify();
  if (changedPage) window.scrollTo(0, 0);
}

/** Asks the next `<PageHeading>` to take focus, as after a navigation: for a page that replaces itself in place. */
export function requestHeadingFocus(): void {
  focusRequested = true;
}

/** True once after a navigation to another page; the page heading calls it to decide whether to take focus. */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Matches `/desk/patients/:id` against a path; returns the named segments, or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** A safe place to return to after sign-in: a path on the same surface, never another site. */
export function safeReturnPath(next: string | null, surface: string): string | null {
  if (!next || !next.startsWith(`/${surface}`) || next.startsWith('//') || next.includes('\\')) return null;
  if (next.startsWith(`/${surface}/login`)) return null;
  return next;
}

type LinkProps = { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

/** An ordinary link that navigates in place; modified clicks (new tab, new window) behave as usual. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || rest.target) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

/** Replaces the current address with `to` as soon as it renders. */
export function Redirect({ to }: { to: string }) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
