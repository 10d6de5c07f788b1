import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from '../../components/page-heading';
import { PortalFrame } from '../portal-frame';
import { linkDay, linkTime, linkZoneNote, telHref, type LinkLanguage } from './link-text';

const FRAME_WORDS = {
  en: { portal: 'Patient portal', other: 'En español' },
  es: { portal: 'Portal del paciente', other: 'In English' },
} as const;

/**
 * The frame of a page opened from a link, without a sign-in: the portal's header with a switch to the other
 * language, and the page in the language it is written in (the whole document says so while it shows).
 */
export function LinkFrame({
  language,
  onLanguage,
  children,
}: {
  language: LinkLanguage;
  onLanguage: (language: LinkLanguage) => void;
  children: ReactNode;
}) {
  useEffect(() => {
    const before = document.documentElement.lang;
    document.documentElement.lang = language;
    return () => {
      document.documentElement.lang = before;
    };
  }, [language]);
  const other: LinkLanguage = language === 'en' ? 'es' : 'en';
  return (
    <PortalFrame
      session={null}
      subtitle={FRAME_WORDS[language].portal}
      actions={
        <button type="button" className="button" lang={other} onClick={() => onLanguage(other)}>
          {FRAME_WORDS[language].other}
        </button>
      }
    >
      {children}
    </PortalFrame>
  );
}

/**
 * The page's one h1. The first one shows with the page; the next (the answer's result) takes focus, so a screen
 * reader says what happened.
 */
export function LinkHeading({
  title,
  focus,
  children,
}: {
  title: string;
  focus: boolean;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/** The time of a visit, large, at the clinic's clock, and where. */
export function LinkVisit({
  start,
  timeZone,
  place,
  language,
  label,
}: {
  start: string;
  timeZone: string;
  place: ReactNode;
  language: LinkLanguage;
  label: string;
}) {
  const zone = linkZoneNote(start, timeZone, language);
  return (
    <section className="portal-summary link-visit" aria-label={label}>
      <p className="visit-when">
        <span className="visit-day">{linkDay(start, timeZone, language)}</span>
        <span className="visit-time">
          {linkTime(start, timeZone, language)}
          {zone ? <span className="visit-zone"> {zone}</span> : null}
        </span>
      </p>
      <p className="link-visit-place">{place}</p>
    </section>
  );
}

/** A large button that calls the clinic from a phone. */
export function CallClinic({ phone, label }: { phone: string; label: string }) {
  return (
    <a className="button large block link-call" href={telHref(phone)}>
      {label}
    </a>
  );
}
