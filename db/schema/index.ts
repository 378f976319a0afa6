export * from './institutions';
export * from './agreements';
export * from './groups';
export * from './tasks';
export * from './plans';
export * from './activities';
export * from './reports';
export * from './local';
