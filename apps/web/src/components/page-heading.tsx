import { useEffect, useRef, type ReactNode } from 'react';
import { takeFocusRequest } from '../router/router';

/** Sets the browser tab's title: "Worklist · PatientDesk". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · PatientDesk` : 'PatientDesk';
  }, [title]);
}

/**
 * The page's one h1. After moving to another page it takes focus, so a screen reader announces the new page and
 * the next Tab starts from the top of its content.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
