import './invitations.tables';

export { registerPortalInvitationRoutes } from './invitations.routes';
