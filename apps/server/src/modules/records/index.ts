import './records.tables';

export { recordsRoutes } from './records.routes';
