export * from './ack';
export * from './call';
export * from './commands';
export * from './events';
export * from './questions';
export * from './minutes';
export * from './participants';
export * from './http';
