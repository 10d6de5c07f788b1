import type { AppointmentResponseLink } from '@patientdesk/contracts';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import {
  answerResponseLink,
  describeResponseLink,
  type AppointmentResponseOutcome,
} from '../../api/public-links';
import { useResource } from '../../lib/use-resource';
import {
  CallClinic,
  isInvalidLink,
  LinkFrame,
  LinkHeading,
  LinkPending,
  LinkVisit,
  plausibleToken,
} from './link-frame';
import { browserLanguage, telHref, useFragmentToken, type LinkLanguage } from './link-text';
import { RESPONSE_WORDS, usedText } from './response-words';

type Action = 'confirm' | 'reschedule';

/**
 * `/portal/appointment-response#token=…`, from a confirmation or reminder email, with no sign-in: the visit's time
 * and the clinic, "Yes, I'll be there" or "I need a different time", then the answer in plain words. A link that
 * was used, has expired or whose visit changed says so calmly, with the clinic's phone when there is one.
 */
export function AppointmentResponsePage() {
  const token = useFragmentToken();
  // A second link opened in the same tab (only the fragment changes) starts afresh.
  return <ResponseLink key={token} token={token} />;
}

function ResponseLink({ token }: { token: string }) {
  const link = useResource(
    (signal) => (plausibleToken(token) ? describeResponseLink(token, signal) : Promise.resolve(null)),
    [token],
  );
  const [chosenLanguage, setChosenLanguage] = useState<LinkLanguage | null>(null);
  const [outcome, setOutcome] = useState<AppointmentResponseOutcome | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // After an answer the page's heading changes; it then takes focus so the change is heard.
  const [answered, setAnswered] = useState(false);
  const [invalidAnswer, setInvalidAnswer] = useState(false);

  const language = chosenLanguage ?? link.data?.language ?? browserLanguage();
  const words = RESPONSE_WORDS[language];

  const answer = (action: Action) => {
    if (busy) return;
    setBusy(action);
    setFailure(null);
    answerResponseLink({ token, action })
      .then((result) => {
        setOutcome(result);
        setAnswered(true);
      })
      .catch((error: unknown) => {
        if (isApiError(error, 409)) {
          // Used, expired or closed meanwhile: show the link as it now stands.
          setAnswered(true);
          link.reload();
        } else if (isInvalidLink(error)) {
          setAnswered(true);
          setInvalidAnswer(true);
        } else {
          setFailure(isApiError(error, 0) ? words.unreachable : words.failed);
        }
      })
      .finally(() => setBusy(null));
  };

  let body;
  const invalid =
    !plausibleToken(token) || invalidAnswer || (link.error !== null && isInvalidLink(link.error));
  if (invalid || link.error || !link.data) {
    body = (
      <LinkPending
        words={words}
        invalid={invalid}
        focusInvalid={answered}
        error={link.error}
        onRetry={link.reload}
      />
    );
  } else {
    body = (
      <LinkBody
        link={link.data}
        language={language}
        outcome={outcome}
        answered={answered}
        busy={busy}
        failure={failure}
        onAnswer={answer}
      />
    );
  }

  return (
    <LinkFrame language={language} onLanguage={setChosenLanguage}>
      {body}
    </LinkFrame>
  );
}

function LinkBody({
  link,
  language,
  outcome,
  answered,
  busy,
  failure,
  onAnswer,
}: {
  link: AppointmentResponseLink;
  language: LinkLanguage;
  outcome: AppointmentResponseOutcome | null;
  answered: boolean;
  busy: Action | null;
  failure: string | null;
  onAnswer: (action: Action) => void;
}) {
  const words = RESPONSE_WORDS[language];
  const visit = (
    <LinkVisit
      start={link.start}
      timeZone={link.timeZone}
      place={link.clinicName}
      language={language}
      label={words.visitLabel}
    />
  );
  const call = link.clinicPhone ? (
    <CallClinic phone={link.clinicPhone} label={words.call(link.clinicPhone)} />
  ) : null;

  if (outcome) {
    const said = words.outcomes[outcome];
    return (
      <>
        <LinkHeading title={words.title} focus>
          {said.title}
        </LinkHeading>
        <p className="lede link-result">{said.text}</p>
        {visit}
        {outcome === 'reschedule-requested' ? call : null}
      </>
    );
  }
  if (link.state !== 'open') {
    const said =
      link.state === 'used'
        ? { title: words.used.title, text: usedText(words, link.usedAction) }
        : words[link.state];
    return (
      <>
        <LinkHeading title={words.title} focus={answered}>
          {said.title}
        </LinkHeading>
        <p className="lede">{said.text}</p>
        {link.state === 'used' ? visit : null}
        {call}
      </>
    );
  }
  return (
    <>
      <LinkHeading title={words.title} focus={false}>
        {words.askTitle}
      </LinkHeading>
      <p className="lede">{words.askLede(link.clinicName)}</p>
      {visit}
      <div role="alert">{failure ? <p className="notice notice-warn">{failure}</p> : null}</div>
      <div className="link-answers">
        <button
          type="button"
          className="button primary large block"
          aria-disabled={busy !== null}
          onClick={() => onAnswer('confirm')}
        >
          {busy === 'confirm' ? words.busy : words.confirm}
        </button>
        <button
          type="button"
          className="button large block"
          aria-disabled={busy !== null}
          aria-describedby="reschedule-hint"
          onClick={() => onAnswer('reschedule')}
        >
          {busy === 'reschedule' ? words.busy : words.reschedule}
        </button>
        <p id="reschedule-hint" className="link-hint">
          {words.rescheduleHint}
        </p>
      </div>
      {link.clinicPhone ? (
        <p className="link-call-line">
          {words.callLine(link.clinicName)} <a href={telHref(link.clinicPhone)}>{link.clinicPhone}</a>
        </p>
      ) : null}
    </>
  );
}
