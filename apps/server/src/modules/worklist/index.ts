import './worklist.tables';

export { registerWorklistRoutes } from './worklist.routes';
export { openWorkItem, type OpenWorkItemInput } from './open-work-item';
export { closeWorkItemsFor } from './close-work-items';
export { replyNeedsAHuman } from './inbound-sms';
