import './scheduling.tables';

export { registerSchedulingRoutes } from './scheduling.routes';
export { registerAvailabilityRoutes } from './availability.routes';
export { insertAvailabilityTemplate } from './scheduling.repository';
