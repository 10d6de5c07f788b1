import './directory.tables';

export { registerDirectoryRoutes } from './directory.routes';
export {
  insertAppointmentType,
  insertLocation,
  insertProvider,
  insertRoom,
  type NewAppointmentType,
} from './directory.repository';
export { isValidNpi, npiWithCheckDigit } from './npi';
