import { organizationProfile } from '../../platform/tenancy/organizations.repository';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { waitlistError } from './waitlist.errors';
import { findOffer } from './waitlist-offers.repository';
import { waitlistSettingsOf } from './waitlist-settings';

/**
 * An offer as its link's page shows it (the time, the place, its state), audited as a read of the patient's data
 * — unless it is the answer to the accept or decline just made (audited as that change).
 */
export async function viewOffer(
  executor: Executor,
  context: ActorContext,
  offerId: string,
  options: { afterChange?: boolean } = {},
) {
  const offer = await findOffer(executor, context, offerId);
  if (!offer) throw waitlistError('OFFER_NOT_FOUND', 'This offer link is not valid.');
  const organization = await organizationProfile(executor, context.organizationId);
  if (!options.afterChange) {
    await recordAudit(executor, context, {
      action: 'read',
      patientId: offer.patient_id,
      resourceType: 'WaitlistOffer',
      resourceId: offer.id,
    });
  }
  return {
    offer,
    clinicName: organization ? waitlistSettingsOf(organization).clinicName : '',
  };
}
