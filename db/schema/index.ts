export * from './sites';
export * from './users';
export * from './calls';
export * from './qa';
export * from './missions';
export * from './reports';
export * from './targets';
export * from './digests';
