export { Lease } from './lease';
export { FencedStore, StaleFenceError } from './fenced.store';
export { DuplicateInstanceError, InstanceClaim } from './instance.claim';
export { uniqueHolderValue } from './holder.value';
