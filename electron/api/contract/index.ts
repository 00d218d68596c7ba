export * from './channel-names';
export * from './contract';
export * from './envelope';
export type * from './results';
