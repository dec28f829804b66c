export { Lease } from './lease';
export { FencedStore, StaleFenceError } from './fenced.store';
