import { SetMetadata } from '@nestjs/common';
import type { Dependency } from './dependency-unavailable.error';

/** Metadata key of `@Requires`. */
export const REQUIRES = 'mirrorbook:requires';

/** The route answers 503 while any of these is unreachable (checked by DependencyGuard). */
export const Requires = (...dependencies: Dependency[]) => SetMetadata(REQUIRES, dependencies);
