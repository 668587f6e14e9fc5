import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Each test file gets its own KV and D1; this fills D1 with the products of migrations/.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
