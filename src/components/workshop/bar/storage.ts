/** What the bar keeps in localStorage: the joined workshop, revealed slugs, answers not yet delivered. */

export const JOINED_KEY = 'kvlab:workshop';
export const REVEALED_KEY = 'kvlab:revealed';
export const PROGRESS_KEY = 'kvlab:progress';
export const OUTBOX_KEY = 'kvlab:workshop-outbox';
export const COLLAPSED_KEY = 'kvlab:workshop-bar';

export interface Joined {
  code: string;
  displayCode?: string;
  name?: string;
}

export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: what depends on it still works for this page.
  }
}

export function forget(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
