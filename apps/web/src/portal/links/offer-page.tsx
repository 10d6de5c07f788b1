import type { WaitlistOfferState, WaitlistOfferView } from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { answerOffer } from '../../api/public-links';
import { useNow } from '../../lib/use-now';
import { useResource } from '../../lib/use-resource';
import { isInvalidLink, LinkFrame, LinkHeading, LinkPending, LinkVisit, plausibleToken } from './link-frame';
import { browserLanguage, linkDeadline, useFragmentToken, type LinkLanguage } from './link-text';
import { OFFER_WORDS } from './offer-words';

type Answer = 'accept' | 'decline';

/** What a refusal means for the page: the offer's state as the server now holds it. */
const REFUSED_AS: Record<string, WaitlistOfferState> = {
  OFFER_TAKEN: 'taken',
  OFFER_EXPIRED: 'expired',
  OFFER_CLOSED: 'withdrawn',
};

/**
 * `/portal/offer#<token>`, from a waitlist offer's text or email, with no sign-in: the time offered and until when
 * to answer, "Accept this time" or "No thanks", then the result — booked, someone else was quicker, or too late.
 */
export function OfferPage() {
  const token = useFragmentToken();
  // A second link opened in the same tab (only the fragment changes) starts afresh.
  return <OfferLink key={token} token={token} />;
}

function OfferLink({ token }: { token: string }) {
  const lookup = useResource(
    (signal) => (plausibleToken(token) ? answerOffer('lookup', token, signal) : Promise.resolve(null)),
    [token],
  );
  const now = useNow(30_000);
  const [language, setLanguage] = useState<LinkLanguage>(browserLanguage);
  const [answered, setAnswered] = useState<{
    view: WaitlistOfferView | null;
    state: WaitlistOfferState;
  } | null>(null);
  const [busy, setBusy] = useState<Answer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [invalidAnswer, setInvalidAnswer] = useState(false);
  const words = OFFER_WORDS[language];

  const answer = (choice: Answer) => {
    if (busy) return;
    setBusy(choice);
    setFailure(null);
    answerOffer(choice, token)
      .then((view) => setAnswered({ view, state: view.state }))
      .catch((error: unknown) => {
        const refused = isApiError(error, 409) ? REFUSED_AS[error.code] : undefined;
        if (refused) setAnswered({ view: null, state: refused });
        else if (isApiError(error, 409)) {
          // Answered already (maybe in another tab): show it as it now stands.
          setAnswered({ view: null, state: 'open' });
          lookup.reload();
        } else if (isInvalidLink(error)) setInvalidAnswer(true);
        else setFailure(isApiError(error, 0) ? words.unreachable : words.failed);
      })
      .finally(() => setBusy(null));
  };

  const view = answered?.view ?? lookup.data;
  let body;
  const invalid =
    !plausibleToken(token) || invalidAnswer || (lookup.error !== null && isInvalidLink(lookup.error));
  if (invalid || lookup.error || !view) {
    body = (
      <LinkPending
        words={words}
        invalid={invalid}
        focusInvalid={invalidAnswer}
        error={lookup.error}
        onRetry={lookup.reload}
      />
    );
  } else {
    // A refusal names the state; otherwise the offer says it (an open one past its time has expired).
    const state =
      answered && answered.state !== 'open'
        ? answered.state
        : view.state === 'open' && Date.parse(view.expiresAt) <= now.getTime()
          ? 'expired'
          : view.state;
    body = (
      <OfferBody
        view={view}
        state={state}
        language={language}
        focus={answered !== null}
        busy={busy}
        failure={failure}
        now={now}
        onAnswer={answer}
      />
    );
  }

  return (
    <LinkFrame language={language} onLanguage={setLanguage}>
      {body}
    </LinkFrame>
  );
}

function OfferBody({
  view,
  state,
  language,
  focus,
  busy,
  failure,
  now,
  onAnswer,
}: {
  view: WaitlistOfferView;
  state: WaitlistOfferState;
  language: LinkLanguage;
  focus: boolean;
  busy: Answer | null;
  failure: string | null;
  now: Date;
  onAnswer: (answer: Answer) => void;
}) {
  const words = OFFER_WORDS[language];
  const visit = (
    <LinkVisit
      start={view.start}
      timeZone={view.location.timeZone}
      place={
        <>
          {view.location.name}
          {view.clinicName && view.clinicName !== view.location.name ? (
            <span className="link-visit-clinic">{view.clinicName}</span>
          ) : null}
        </>
      }
      language={language}
      label={words.visitLabel}
    />
  );

  if (state !== 'open') {
    const said = words.states[state];
    return (
      <>
        <LinkHeading title={words.title} focus={focus}>
          {said.title}
        </LinkHeading>
        <p className="lede link-result">{said.text}</p>
        {state === 'accepted' ? visit : null}
      </>
    );
  }
  return (
    <>
      <LinkHeading title={words.title} focus={false}>
        {words.openTitle}
      </LinkHeading>
      <p className="lede">{words.openLede(view.clinicName)}</p>
      {visit}
      <p className="link-deadline">
        {words.answerBy(linkDeadline(view.expiresAt, view.location.timeZone, language, now))}
      </p>
      <p className="link-hint">{words.firstCome}</p>
      <div role="alert">{failure ? <p className="notice notice-warn">{failure}</p> : null}</div>
      <div className="link-answers">
        <button
          type="button"
          className="button primary large block"
          aria-disabled={busy !== null}
          onClick={() => onAnswer('accept')}
        >
          {busy === 'accept' ? words.busy : words.accept}
        </button>
        <button
          type="button"
          className="button large block"
          aria-disabled={busy !== null}
          aria-describedby="decline-hint"
          onClick={() => onAnswer('decline')}
        >
          {busy === 'decline' ? words.busy : words.decline}
        </button>
        <p id="decline-hint" className="link-hint">
          {words.declineHint}
        </p>
      </div>
    </>
  );
}
