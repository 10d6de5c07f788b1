export * from './common';
export * from './roles';
export * from './auth';
export * from './patients';
export * from './worklist';
export * from './audit';
export * from './outbox';
export * from './directory';
