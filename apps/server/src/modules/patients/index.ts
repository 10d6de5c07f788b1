import './patients.tables';

export { registerPatientRoutes } from './patients.routes';
export { createPatient, type CreatePatientInput } from './create-patient';
export { nameSearchColumns, normalizeName } from './name-search';
export { areNicknames, nicknamesOf } from './nicknames';
export { formatMrn, isValidMrn } from './mrn';
export { findPatientIdByPhone } from './find-by-phone';
export {
  findPatient as findPatientRecord,
  rememberAllNameWords,
  type PatientRow,
} from './patients.repository';
