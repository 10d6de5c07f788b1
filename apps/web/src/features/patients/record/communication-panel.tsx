import type { CommunicationPreferences, MessageDetail, PreferredChannel } from '@patientdesk/contracts';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../api/client';
import { getCommunicationPreferences, setCommunicationPreferences } from '../../../api/communication';
import { CheckboxField, Field, SelectField } from '../../../components/field';
import { FormActions } from '../../../components/list-panel';
import { LoadError, Loading } from '../../../components/states';
import { useAction } from '../../../lib/use-action';
import { useResource } from '../../../lib/use-resource';

const CHANNEL_LABELS: Record<PreferredChannel, string> = {
  sms: 'Text message',
  email: 'Email',
  none: 'No messages (call instead)',
};

const DETAIL_LABELS: Record<MessageDetail, string> = {
  minimal: 'Only the date, time and clinic',
  full: 'Also the kind of visit and the place',
};

/**
 * How the patient hears about appointments — the channel, their consent to plain texts and emails, quiet hours
 * and how much a message may say — read at a glance, changed in place (If-Match: a change someone else saved
 * first is shown, not overwritten). Reminders and waitlist offers follow these.
 */
export function CommunicationPanel({ patientId, mayChange }: { patientId: string; mayChange: boolean }) {
  const preferences = useResource((signal) => getCommunicationPreferences(patientId, signal), [patientId]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const current = preferences.data;
  return (
    <section className="panel" aria-labelledby="communication-title">
      <h2 id="communication-title" className="panel-title">
        Messages about visits
      </h2>
      <div role="status" className="message-slot">
        {notice ? <p className="notice notice-ok">{notice}</p> : null}
      </div>
      {preferences.error ? (
        <LoadError error={preferences.error} onRetry={preferences.reload} />
      ) : !current ? (
        <Loading />
      ) : editing ? (
        <CommunicationForm
          current={current}
          onSaved={(saved) => {
            preferences.update(() => saved);
            setEditing(false);
            setNotice('Saved. Reminders from now on follow these.');
          }}
          onNewer={(latest) => preferences.update(() => latest)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <CommunicationFacts preferences={current} />
          {mayChange ? (
            <p className="form-actions">
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                Change
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function CommunicationFacts({ preferences }: { preferences: CommunicationPreferences }) {
  const channel = preferences.preferredChannel;
  const missing =
    (channel === 'sms' && !preferences.hasPhone) || (channel === 'email' && !preferences.hasEmail);
  const unconsented =
    (channel === 'sms' && !preferences.smsConsent) || (channel === 'email' && !preferences.emailConsent);
  return (
    <>
      <dl className="facts">
        <div className="fact">
          <dt>Sent by</dt>
          <dd>
            {CHANNEL_LABELS[channel]}
            {preferences.preferredChannelChosen ? null : (
              <span className="muted"> (not chosen: follows the contact details)</span>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Agreed to</dt>
          <dd>
            {[preferences.smsConsent ? 'plain texts' : null, preferences.emailConsent ? 'plain email' : null]
              .filter(Boolean)
              .join(' and ') || 'neither plain texts nor plain email'}
          </dd>
        </div>
        <div className="fact">
          <dt>Quiet hours</dt>
          <dd>
            {preferences.quietHoursStart} to {preferences.quietHoursEnd}
            <span className="muted"> at the visit’s clinic</span>
          </dd>
        </div>
        <div className="fact">
          <dt>Messages say</dt>
          <dd>{DETAIL_LABELS[preferences.messageDetail]}</dd>
        </div>
      </dl>
      {channel !== 'none' && (missing || unconsented) ? (
        <p className="notice notice-warn">
          {missing
            ? `No ${channel === 'sms' ? 'phone' : 'email address'} on file: no reminders can be sent.`
            : `The patient has not agreed to plain ${channel === 'sms' ? 'texts' : 'email'}: no reminders are sent until they do.`}
        </p>
      ) : null}
    </>
  );
}

function CommunicationForm({
  current,
  onSaved,
  onNewer,
  onCancel,
}: {
  current: CommunicationPreferences;
  onSaved: (saved: CommunicationPreferences) => void;
  onNewer: (latest: CommunicationPreferences) => void;
  onCancel: () => void;
}) {
  const [channel, setChannel] = useState<PreferredChannel>(current.preferredChannel);
  const [smsConsent, setSmsConsent] = useState(current.smsConsent);
  const [emailConsent, setEmailConsent] = useState(current.emailConsent);
  const [quietStart, setQuietStart] = useState(current.quietHoursStart);
  const [quietEnd, setQuietEnd] = useState(current.quietHoursEnd);
  const [detail, setDetail] = useState<MessageDetail>(current.messageDetail);
  const action = useAction();
  const [newer, setNewer] = useState<CommunicationPreferences | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNewer(null);
    action.run(
      () =>
        setCommunicationPreferences(current, {
          preferredLanguage: current.preferredLanguage,
          preferredChannel: channel,
          smsConsent,
          emailConsent,
          quietHoursStart: quietStart,
          quietHoursEnd: quietEnd,
          messageDetail: detail,
        }).catch(async (error: unknown) => {
          // Someone saved first: show theirs, keep this form's choices to save again.
          if (!isApiError(error, 412)) throw error;
          const latest = await getCommunicationPreferences(current.patientId);
          onNewer(latest);
          setNewer(latest);
          return null;
        }),
      (saved) => {
        if (saved) onSaved(saved);
      },
    );
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label="Messages about visits">
      {newer ? (
        <div className="notice notice-warn" role="alert">
          <p>
            Someone else changed these while you were editing. Theirs:{' '}
            {CHANNEL_LABELS[newer.preferredChannel]}, quiet {newer.quietHoursStart} to {newer.quietHoursEnd},{' '}
            {DETAIL_LABELS[newer.messageDetail].toLowerCase()}.
          </p>
          <p>Save again to replace them with yours, or Cancel to keep theirs.</p>
        </div>
      ) : null}
      <SelectField
        label="Send by"
        value={channel}
        onChange={(value) => setChannel(value as PreferredChannel)}
        options={(Object.keys(CHANNEL_LABELS) as PreferredChannel[]).map((value) => ({
          value,
          label: CHANNEL_LABELS[value],
        }))}
      />
      <CheckboxField
        label="Agreed to plain text messages"
        hint="Told that texts are not encrypted, and agreed"
        checked={smsConsent}
        onChange={setSmsConsent}
      />
      <CheckboxField
        label="Agreed to plain email"
        hint="Told that email is not encrypted, and agreed"
        checked={emailConsent}
        onChange={setEmailConsent}
      />
      <div className="record-fields">
        <Field
          label="Quiet from"
          type="time"
          value={quietStart}
          onChange={setQuietStart}
          required
          error={action.errors.quietHoursStart}
        />
        <Field
          label="Quiet until"
          type="time"
          value={quietEnd}
          onChange={setQuietEnd}
          required
          error={action.errors.quietHoursEnd}
        />
      </div>
      <SelectField
        label="Messages say"
        value={detail}
        onChange={(value) => setDetail(value as MessageDetail)}
        options={(Object.keys(DETAIL_LABELS) as MessageDetail[]).map((value) => ({
          value,
          label: DETAIL_LABELS[value],
        }))}
        hint="Only what the patient chose: a shared phone may show the message"
      />
      <FormActions action={action} submitLabel="Save" onCancel={onCancel} />
    </form>
  );
}
