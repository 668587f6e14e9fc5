/**
 * The Cloudflare documentation pages the lessons cite, by the name they cite them with
 * (`*KV › Platform › Limits*` in the MDX). Lesson pages render each citation as a link to its
 * page (src/components/Emphasis.astro); tests/unit/remember-and-sources.test.ts fails on a citation
 * that has no page here.
 */
export const SOURCES: Record<string, string> = {
  'KV › Platform › Limits': 'https://developers.cloudflare.com/kv/platform/limits/',
  'KV › Concepts › How KV works': 'https://developers.cloudflare.com/kv/concepts/how-kv-works/',
  'KV › Read key-value pairs': 'https://developers.cloudflare.com/kv/api/read-key-value-pairs/',
  'KV › Write key-value pairs': 'https://developers.cloudflare.com/kv/api/write-key-value-pairs/',
  'KV › List keys': 'https://developers.cloudflare.com/kv/api/list-keys/',
  'KV › Observability › Metrics and analytics': 'https://developers.cloudflare.com/kv/observability/metrics-analytics/',
  'D1 › Platform › Limits': 'https://developers.cloudflare.com/d1/platform/limits/',
  'Workers › Platform › Limits': 'https://developers.cloudflare.com/workers/platform/limits/',
  'Workers › Runtime APIs › Performance and timers': 'https://developers.cloudflare.com/workers/runtime-apis/performance/',
  'Workers › Runtime APIs › Cache': 'https://developers.cloudflare.com/workers/runtime-apis/cache/',
  'Workers › Runtime APIs › Context (waitUntil)': 'https://developers.cloudflare.com/workers/runtime-apis/context/',
};

/** A citation as written, with its line breaks folded: the key into SOURCES. */
export const citationName = (text: string) => text.replace(/\s+/g, ' ').trim();
