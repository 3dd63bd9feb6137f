/** The updater's engine: policy, decision, feed signature and the check, all without Electron. */
export * from './decision';
export * from './feed-signature';
export * from './keys';
export * from './check';
export * from './policy-sources';
export * from './schedule';
export * from './identity';
export * from './runner';
export * from './server-policy';
export * from './state';
