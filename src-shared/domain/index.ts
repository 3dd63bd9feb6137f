export * from './enums';
export * from './fold';
export * from './notation';
export * from './levels';
export * from './period';
export * from './dates';
export * from './doc-types';
