import type { PatientSummary } from '@patientdesk/contracts';
import { formatBirthDateWithAge, formatPatientName, formatPhone } from '../../lib/format';

/** One patient in a list of matches: name, then date of birth, MRN and phone. */
export function PatientResultLine({ patient }: { patient: PatientSummary }) {
  return (
    <>
      <span className="result-name">{formatPatientName(patient)}</span>
      <span className="result-meta">
        <span>
          <span className="meta-label">DOB</span> {formatBirthDateWithAge(patient.birthDate)}
        </span>
        <span>
          <span className="meta-label">MRN</span> {patient.mrn}
        </span>
        <span>{patient.phone ? formatPhone(patient.phone) : 'No phone'}</span>
      </span>
    </>
  );
}
