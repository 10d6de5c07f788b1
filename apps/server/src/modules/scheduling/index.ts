import './scheduling.tables';

export { registerSchedulingRoutes } from './scheduling.routes';
export { registerAvailabilityRoutes } from './availability.routes';
export { registerPortalSchedulingRoutes } from './portal-scheduling.routes';
export { insertAvailabilityTemplate } from './scheduling.repository';
export { bookDemoAppointments } from './book-demo-appointments';
export {
  appointmentChangedHandler,
  type AppointmentChange,
  type AppointmentChangeListener,
} from './appointment-events';
export { appointmentsOfPatient, type AppointmentRow } from './scheduling.repository';
