import { PageHeading } from '../components/page-heading';
import { Link } from '../router/router';
import type { Area } from './areas';

/** An area that is planned but not built: what it will do, and what to use meanwhile. */
export function NotBuiltPage({ area }: { area: Area }) {
  return (
    <div className="page narrow">
      <PageHeading title={area.label}>{area.label}</PageHeading>
      <p className="lede">{area.purpose}</p>
      <div className="notice notice-info">
        <p>
          <strong>This area is not built yet.</strong> It will appear here in a later version of PatientDesk.
        </p>
        <p>
          Meanwhile, keep track of this kind of work on the <Link to="/desk">Worklist</Link>.
        </p>
      </div>
    </div>
  );
}

/** A page the role does not include. */
export function NotAllowedPage({ title }: { title: string }) {
  return (
    <div className="page narrow">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lede">
        Your role does not include this page. Ask a supervisor if you need it for your work.
      </p>
      <p>
        <Link to="/desk">Go to the worklist</Link>
      </p>
    </div>
  );
}

/** An address inside the desk that matches no page. */
export function NotFoundPage() {
  return (
    <div className="page narrow">
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p className="lede">
        There is no page at this address. It may have moved, or the link may be mistyped.
      </p>
      <p>
        <Link to="/desk">Go to the worklist</Link>
      </p>
    </div>
  );
}
