import './confidentiality.tables';

export { confidentialityRoutes } from './confidentiality.routes';
export { assertMayOpenRecord, type RecordAccess } from './assert-may-open-record';
export { restrictedAmong } from './restricted-among';
export type { ReviewQueue } from './review-queue';
