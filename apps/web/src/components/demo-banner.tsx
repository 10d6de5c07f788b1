import { useSession } from '../session/session';

/** The strip on every page while demo accounts exist, so nobody mistakes the demo for a live clinic. */
export function DemoBanner() {
  const { meta } = useSession();
  if (!meta?.demo) return null;
  return (
    <p className="demo-banner">
      <strong>DEMO</strong> — synthetic data only. Demo accounts are active.
    </p>
  );
}
