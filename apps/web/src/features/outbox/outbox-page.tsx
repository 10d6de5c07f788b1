import type { OutboxMessage } from '@patientdesk/contracts';
import { useState } from 'react';
import { listOutboxMessages, type OutboxQuery } from '../../api/endpoints';
import { SelectField } from '../../components/field';
import { PageHeading } from '../../components/page-heading';
import { EmptyState, LoadError, Loading } from '../../components/states';
import { formatDateTime, formatPhone, humanize, plural } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { navigate, useLocation, withQuery } from '../../router/router';
import { TableWrap } from '../../components/table-wrap';

const CHANNELS = ['email', 'sms'] as const;
const STATUSES = ['queued', 'sent', 'held', 'failed', 'suppressed'] as const;
const STATUS_HELP: Record<OutboxMessage['status'], string> = {
  queued: 'Waiting to send',
  sent: 'Sent',
  held: 'Held here (no transport set up)',
  failed: 'Failed',
  suppressed: 'Not sent (opted out)',
};

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function Recipient({ message }: { message: OutboxMessage }) {
  return <>{message.channel === 'sms' ? formatPhone(message.recipient) : message.recipient}</>;
}

/** `/desk/outbox`: every email and text PatientDesk has sent or is holding. */
export function OutboxPage() {
  const location = useLocation();
  const channel = pick(location.search.get('channel'), CHANNELS);
  const status = pick(location.search.get('status'), STATUSES);
  const query: OutboxQuery = { channel, status, limit: 50 };
  const page = useResource((signal) => listOutboxMessages(query, signal), [channel, status]);
  const [moreError, setMoreError] = useState<Error | null>(null);

  const setFilter = (name: 'channel' | 'status', value: string) =>
    navigate(withQuery('/desk/outbox', { channel, status, [name]: value || null }), { replace: true });

  const loadMore = (cursor: string) => {
    listOutboxMessages({ ...query, cursor })
      .then((next) =>
        page.update((current) => ({ items: [...current.items, ...next.items], nextCursor: next.nextCursor })),
      )
      .catch((error: unknown) => setMoreError(error instanceof Error ? error : new Error(String(error))));
  };

  const items = page.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <PageHeading title="Outbox">Outbox</PageHeading>
        <p className="page-head-note">Email and text messages, newest first</p>
      </div>
      <div className="toolbar">
        <SelectField
          label="Channel"
          value={channel ?? ''}
          onChange={(value) => setFilter('channel', value)}
          options={[
            { value: '', label: 'Email and SMS' },
            { value: 'email', label: 'Email' },
            { value: 'sms', label: 'SMS' },
          ]}
        />
        <SelectField
          label="Status"
          value={status ?? ''}
          onChange={(value) => setFilter('status', value)}
          options={[
            { value: '', label: 'Any status' },
            ...STATUSES.map((value) => ({ value, label: STATUS_HELP[value] })),
          ]}
        />
        <div className="toolbar-end">
          <button type="button" className="button subtle" onClick={page.reload}>
            Refresh
          </button>
        </div>
      </div>
      {page.error ? (
        <LoadError error={page.error} onRetry={page.reload} />
      ) : !page.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title={channel || status ? 'No messages match these filters' : 'No messages yet'}>
          <p>
            With no SMTP server or SMS gateway configured, messages wait here instead of going out, so you can
            see exactly what PatientDesk would send. Reminders, confirmations and replies to patients will
            appear in this list.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count">{plural(items.length, 'message')}</p>
          <TableWrap label="Outgoing messages">
            <table className="data-table outbox-table">
              <caption className="vh">Outgoing messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Channel</th>
                  <th scope="col">To</th>
                  <th scope="col">Message</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((message) => (
                  <tr key={message.id}>
                    <td className="nowrap">{formatDateTime(message.createdAt)}</td>
                    <td>{message.channel === 'sms' ? 'SMS' : 'Email'}</td>
                    <td className="nowrap">
                      <Recipient message={message} />
                    </td>
                    <td className="cell-message">
                      {message.subject ? <span className="message-subject">{message.subject}</span> : null}
                      <span className="message-body">{message.body}</span>
                      <span className="cell-sub">{humanize(message.purpose)}</span>
                    </td>
                    <td>
                      <span className={`badge outbox-${message.status}`}>{STATUS_HELP[message.status]}</span>
                      {message.error ? <span className="cell-sub">{message.error}</span> : null}
                      {message.sentAt ? (
                        <span className="cell-sub">Sent {formatDateTime(message.sentAt)}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {moreError ? <LoadError error={moreError} /> : null}
          {page.data.nextCursor ? (
            <p className="load-more">
              <button
                type="button"
                className="button"
                onClick={() => page.data?.nextCursor && loadMore(page.data.nextCursor)}
              >
                Show older messages
              </button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
