/// <reference types="astro/client" />
/// <reference types="@astrojs/cloudflare/types.d.ts" />

declare namespace App {
  interface Locals {
    /** Set by middleware for every /api request. */
    learner: import('./lib/learner-scope').LearnerScope;
    /** The client address per-address budgets count on (src/server/client-address.ts). */
    address: string;
  }
}
