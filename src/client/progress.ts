/**
 * Course progress, kept in this browser only (no login): localStorage `kvlab:progress` holds
 * `{ done: string[], last: string }` with lesson slugs. Every change is announced as a window
 * CustomEvent `kvlab:progress` so other parts of the page (and later, the workshop) can follow.
 */
export interface Progress {
  done: string[];
  last: string;
}

const KEY = 'kvlab:progress';

export function readProgress(): Progress {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    const done = Array.isArray(raw?.done) ? raw.done.filter((s: unknown) => typeof s === 'string') : [];
    return { done, last: typeof raw?.last === 'string' ? raw.last : '' };
  } catch {
    // Storage disabled or a corrupt value: start over rather than break the page.
    return { done: [], last: '' };
  }
}

export function writeProgress(next: Progress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the page still works, progress just is not kept.
  }
  window.dispatchEvent(new CustomEvent('kvlab:progress', { detail: next }));
}

/** Reflect progress in every `[data-progress-lesson]`, `[data-progress-count]` and `[data-resume]` on the page. */
export function paintProgress(p: Progress = readProgress()): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-lesson]')) {
    const done = p.done.includes(el.dataset.progressLesson!);
    el.toggleAttribute('data-done', done);
    const mark = el.querySelector<HTMLElement>('.done-mark');
    if (mark) mark.hidden = !done;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-count]')) {
    const total = Number(el.dataset.progressCount);
    const done = document.querySelectorAll('[data-progress-lesson][data-done]').length;
    el.textContent = `${Math.min(done, total)} of ${total} lessons done`;
    el.hidden = false;
  }
  for (const el of document.querySelectorAll<HTMLAnchorElement>('[data-resume]')) {
    const target = p.last && document.querySelector<HTMLAnchorElement>(`[data-progress-lesson="${CSS.escape(p.last)}"] a`);
    if (target) {
      el.href = target.href;
      el.textContent = `Continue: ${target.textContent?.trim()}`;
    }
  }
}
