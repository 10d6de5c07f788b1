const TIME = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** On a record opened by breaking the glass: until when, and that the access is recorded and reviewed. */
export function BreakGlassBanner({ expiresAt }: { expiresAt: string }) {
  return (
    <div className="break-glass-banner" role="note" aria-label="Break-the-glass access">
      <p>
        <strong>Opened by break-the-glass until {TIME.format(new Date(expiresAt))}.</strong> Everything you
        open here is recorded, and a supervisor will review why you opened it. The record closes again at that
        time.
      </p>
    </div>
  );
}
