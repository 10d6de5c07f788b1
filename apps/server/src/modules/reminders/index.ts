import './reminders.tables';

export { registerReminderRoutes } from './reminders.routes';
export { planAppointmentNotices } from './plan-appointment-notices';
export { sendAppointmentNoticeHandler } from './send-appointment-notice';
export { appointmentReplies } from './read-sms-reply';
export { clinicName, clinicPhone } from './clinic-identity';
export { messageLanguage } from './message-text';
