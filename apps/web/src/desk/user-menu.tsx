import { ROLE_LABELS, type Session } from '@patientdesk/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../session/session';

/** The signed-in person, with Sign out and Sign out everywhere. */
export function UserMenu({ session }: { session: Session }) {
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = (everywhere: boolean) => {
    setFailure(null);
    signOut(everywhere).catch((error: unknown) =>
      setFailure(error instanceof Error ? error.message : 'Sign-out failed. Try again.'),
    );
  };

  return (
    <div className="user-menu" ref={wrapper}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-name">{session.user.displayName}</span>
        <span className="user-role">{ROLE_LABELS[session.user.role]}</span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          Signed in as <strong>{session.user.email}</strong>
          <br />
          {session.organization.name}
        </p>
        <button type="button" className="button block" onClick={() => run(false)}>
          Sign out
        </button>
        <button type="button" className="button subtle block" onClick={() => run(true)}>
          Sign out everywhere
        </button>
        <p className="field-hint">“Everywhere” also ends your sessions on other computers and phones.</p>
        {failure ? (
          <p className="field-error" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
    </div>
  );
}
