import { useEffect, useRef, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
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

/** A token the server would refuse on sight (its schema): no need to ask. */
export const plausibleToken = (token: string) => token.length >= 20 && token.length <= 200;

/** Not a link we made, or not all of it: 404 (unknown) or 400 (malformed). */
export const isInvalidLink = (error: unknown) => isApiError(error, 404) || isApiError(error, 400);

export type LinkPendingWords = {
  title: string;
  loading: string;
  invalid: { title: string; text: string };
  unreachable: string;
  failed: string;
  tryAgain: string;
};

/**
 * What a link page shows until its content can: a link that cannot work (the heading takes focus when an answer
 * found it so), a load that failed with a way to try again, or loading.
 */
export function LinkPending({
  words,
  invalid,
  focusInvalid,
  error,
  onRetry,
}: {
  words: LinkPendingWords;
  invalid: boolean;
  focusInvalid: boolean;
  error: Error | null;
  onRetry: () => void;
}) {
  if (invalid) {
    return (
      <>
        <LinkHeading title={words.title} focus={focusInvalid}>
          {words.invalid.title}
        </LinkHeading>
        <p className="lede">{words.invalid.text}</p>
      </>
    );
  }
  return (
    <>
      <LinkHeading title={words.title} focus={false}>
        {words.title}
      </LinkHeading>
      {error ? (
        <div className="notice notice-warn" role="alert">
          <p>{isApiError(error, 0) ? words.unreachable : words.failed}</p>
          <button type="button" className="button large" onClick={onRetry}>
            {words.tryAgain}
          </button>
        </div>
      ) : (
        <p className="loading" role="status">
          {words.loading}
        </p>
      )}
    </>
  );
}
