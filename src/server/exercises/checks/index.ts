import type { ExerciseSlug } from '../catalog';
import type { Check } from '../check';
import { checks as cacheAside } from './cache-aside';
import { checks as getCachedOrFresh } from './get-cached-or-fresh';
import { checks as keyBuilder } from './key-builder';
import { checks as listAllKeys } from './list-all-keys';
import { checks as staleWhileRevalidate } from './stale-while-revalidate';
import { checks as ttlUntilMidnight } from './ttl-until-midnight';
import { checks as writeThroughInvalidate } from './write-through-invalidate';

/** The checks of every exercise, run in this order. */
export const CHECKS: Record<ExerciseSlug, Check[]> = {
  'cache-aside': cacheAside,
  'write-through-invalidate': writeThroughInvalidate,
  'stale-while-revalidate': staleWhileRevalidate,
  'key-builder': keyBuilder,
  'ttl-until-midnight': ttlUntilMidnight,
  'get-cached-or-fresh': getCachedOrFresh,
  'list-all-keys': listAllKeys,
};
