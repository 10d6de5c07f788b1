import './scheduling.tables';

export { registerSchedulingRoutes } from './scheduling.routes';
export { registerAvailabilityRoutes } from './availability.routes';
export { registerPortalSchedulingRoutes } from './portal-scheduling.routes';
export { insertAvailabilityTemplate, providerWorksAt } from './availability.repository';
export { bookDemoAppointments } from './book-demo-appointments';
export {
  appointmentChangedHandler,
  type AppointmentChange,
  type AppointmentChangeListener,
} from './appointment-events';
export { appointmentsOfPatient, type AppointmentRow } from './scheduling.repository';
export { changeStatus, loadForChange } from './change-appointment';
export { addDays, boundaryInstant, formatLocalTime, parseLocalTime, toLocal, toZonedIso } from './zoned-time';
export { bookAppointment, type BookingOptions } from './book-appointment';
export { loadSchedule, slotsInWindow, type Schedule } from './find-slots';
export { weekdayOf } from './zoned-time';
