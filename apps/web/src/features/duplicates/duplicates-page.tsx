import type { MatchReason, Patient, PatientSummary } from '@patientdesk/contracts';
import { useState } from 'react';
import { getPatient } from '../../api/endpoints';
import { listDuplicateCandidates } from '../../api/identity';
import { checkDuplicates } from '../../api/patients';
import { PageHeading } from '../../components/page-heading';
import { ListTable } from '../../components/list-table';
import { formatBirthDateWithAge, formatPatientName, formatPhone } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { Link, useLocation } from '../../router/router';
import { ReasonList } from '../patients/registration/duplicate-matches';
import { MergePanel } from './merge-panel';

/** One pair to look at: two records, why they may be one person, and the scan's candidate when it found them. */
type Pair = {
  key: string;
  patients: readonly [PatientSummary, PatientSummary];
  score: number;
  reasons: MatchReason[];
  candidateId: string | null;
};

/** The same person registered twice, as the record's own fields ask the duplicate check (live, not the scan). */
async function pairsOf(patientId: string, signal: AbortSignal): Promise<{ patient: Patient; pairs: Pair[] }> {
  const patient = await getPatient(patientId, signal);
  const matches = await checkDuplicates(
    {
      patientId: patient.id,
      familyName: patient.familyName,
      givenNames: patient.givenNames,
      preferredName: patient.preferredName,
      birthDate: patient.birthDate,
      sex: patient.sex,
      phone: patient.phone,
      otherPhones: patient.otherPhones?.map((phone) => ({ number: phone.number })) ?? null,
      email: patient.email,
      addresses: patient.addresses ?? null,
      identifiers: patient.identifiers ?? null,
    },
    signal,
  );
  return {
    patient,
    pairs: matches.map((match) => ({
      key: match.patient.id,
      patients: [patient, match.patient] as const,
      score: match.score,
      reasons: match.reasons,
      candidateId: null,
    })),
  };
}

async function scannedPairs(signal: AbortSignal): Promise<Pair[]> {
  const candidates = await listDuplicateCandidates({ limit: 100 }, signal);
  return candidates.map((candidate) => ({
    key: candidate.id,
    patients: candidate.patients,
    score: candidate.score,
    reasons: candidate.reasons,
    candidateId: candidate.id,
  }));
}

function PatientCell({ patient }: { patient: PatientSummary }) {
  return (
    <>
      <Link to={`/desk/patients/${patient.id}`}>{formatPatientName(patient)}</Link>
      <span className="cell-sub">
        {formatBirthDateWithAge(patient.birthDate)} · MRN {patient.mrn}
        {patient.phone ? ` · ${formatPhone(patient.phone)}` : ''}
      </span>
    </>
  );
}

/**
 * `/desk/duplicates`: records that may be one person, for supervisors — the pairs the periodic scan found, best
 * first, or (`?patientId=`) the live matches of one record. "Compare" puts the two side by side to merge them or,
 * for a scanned pair, to say they are different people.
 */
export function DuplicatesPage() {
  const location = useLocation();
  const patientId = location.search.get('patientId');
  const [round, setRound] = useState(0);
  const [open, setOpen] = useState<Pair | null>(null);
  const found = useResource(
    async (signal) =>
      patientId ? await pairsOf(patientId, signal) : { patient: null, pairs: await scannedPairs(signal) },
    [patientId, round],
  );
  const title = found.data?.patient
    ? `Possible duplicates of ${formatPatientName(found.data.patient)}`
    : 'Possible duplicate records';
  return (
    <div className="page">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lede">
        {patientId
          ? 'Records that may be the same person as this one, by what the records say now.'
          : 'Pairs the nightly and hourly scans found, most alike first. Compare each before deciding.'}
      </p>
      <ListTable
        list={{ data: found.data?.pairs ?? null, error: found.error, reload: found.reload }}
        emptyTitle="Nothing to look at"
        empty={<p>No records look like the same person.</p>}
        label="Possible duplicates"
        columns={['Alike', 'Record', 'May be the same as', 'Why']}
        actions
      >
        {(pairs) =>
          pairs.map((pair) => (
            <tr key={pair.key} aria-selected={open?.key === pair.key || undefined}>
              <td>{Math.round(pair.score * 100)}%</td>
              <td>
                <PatientCell patient={pair.patients[0]} />
              </td>
              <td>
                <PatientCell patient={pair.patients[1]} />
              </td>
              <td>
                <ReasonList reasons={pair.reasons} />
              </td>
              <td>
                <button type="button" className="button small" onClick={() => setOpen(pair)}>
                  Compare
                </button>
              </td>
            </tr>
          ))
        }
      </ListTable>
      {open ? (
        <MergePanel
          key={open.key}
          ids={[open.patients[0].id, open.patients[1].id]}
          reasons={open.reasons}
          candidateId={open.candidateId}
          onDecided={() => {
            setOpen(null);
            setRound((value) => value + 1);
          }}
        />
      ) : null}
    </div>
  );
}
