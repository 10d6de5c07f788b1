import type { Appointment, AppointmentType } from '@patientdesk/contracts';
import { useState } from 'react';
import { rescheduleAppointment, type Directory, type RescheduleRequest } from '../../api/scheduling';
import { SelectField } from '../../components/field';
import { SlotFinder } from '../booking/slot-finder';
import { CANCELLED_BY_OPTIONS } from './appointment-labels';
import { describeChangeError } from './change-errors';

/** Moves an appointment to a free time chosen from the first free times (same type; any provider who offers it). */
export function RescheduleForm({
  appointment,
  type,
  directory,
  onDone,
  onFailed,
  onBack,
}: {
  appointment: Appointment;
  type: AppointmentType;
  directory: Directory;
  onDone: (created: Appointment) => void;
  onFailed: (message: string, error: unknown) => void;
  onBack: () => void;
}) {
  const [by, setBy] = useState<NonNullable<RescheduleRequest['by']>>('patient');
  const [busy, setBusy] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);

  return (
    <div className="panel-form">
      <SelectField
        label="Who asked to move it"
        value={by}
        onChange={(value) => setBy(value as typeof by)}
        options={CANCELLED_BY_OPTIONS}
      />
      <SlotFinder
        directory={directory}
        types={[type]}
        fixedType={type}
        initialProviderId={appointment.provider.id}
        initialLocationId={appointment.location.id}
        refreshKey={refreshKey}
        chooseLabel="Move here"
        busy={busy}
        onChoose={(slot) => {
          setBusy(true);
          rescheduleAppointment(appointment, {
            start: slot.start,
            by,
            ...(slot.providerId !== appointment.provider.id ? { providerId: slot.providerId } : {}),
            ...(slot.locationId !== appointment.location.id ? { locationId: slot.locationId } : {}),
          })
            .then(onDone)
            .catch((error: unknown) => {
              setRefreshKey((value) => value + 1);
              onFailed(`${describeChangeError(error)} The free times have been refreshed.`, error);
            })
            .finally(() => setBusy(false));
        }}
      />
      <div className="panel-form-actions">
        <button type="button" className="button subtle" onClick={onBack}>
          Back
        </button>
      </div>
    </div>
  );
}
