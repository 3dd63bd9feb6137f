export * from './contract';
export * from './errors';
export * from './schemas';
export * from './client';
export * from './platform';
export * from './csp';
export * from './signing';
export * from './sync';
