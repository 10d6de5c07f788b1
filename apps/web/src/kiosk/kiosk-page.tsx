import { PageHeading } from '../components/page-heading';
import { SurfaceHeader } from '../components/surface-header';

/** `/kiosk`: the self check-in kiosk, planned but not built. */
export function KioskPage() {
  return (
    <div className="kiosk">
      <SurfaceHeader subtitle="Check-in" />
      <main id="main" tabIndex={-1} className="kiosk-main">
        <PageHeading title="Check-in kiosk">Welcome</PageHeading>
        <p className="kiosk-lede">Self check-in on this screen is coming soon.</p>
        <p className="kiosk-lede">
          For now, please check in at the front desk. A member of our team will help you.
        </p>
      </main>
    </div>
  );
}
