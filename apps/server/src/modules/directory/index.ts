import './directory.tables';

export { registerDirectoryRoutes } from './directory.routes';
export { insertLocation, insertProvider, insertRoom, insertAppointmentType } from './directory.repository';
export { isValidNpi, npiWithCheckDigit } from './npi';
