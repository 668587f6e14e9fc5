/**
 * Course progress, kept in this browser only (no login): localStorage `kvlab:progress` holds
 * `{ done: string[], last: string, passed: string[] }` — lesson slugs marked done, the lesson to
 * resume, and the exercise slugs whose checks all passed here. Every change is announced as a
 * window CustomEvent `kvlab:progress` so other parts of the page (and the workshop) can follow.
 */
export interface Progress {
  done: string[];
  last: string;
  passed: string[];
}

const KEY = 'kvlab:progress';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

export function readProgress(): Progress {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return { done: strings(raw?.done), last: typeof raw?.last === 'string' ? raw.last : '', passed: strings(raw?.passed) };
  } catch {
    // Storage disabled or a corrupt value: start over rather than break the page.
    return { done: [], last: '', passed: [] };
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

/** An exercise's checks all passed: remember it so the outline, the index and the home page show it. */
export function recordPass(slug: string): void {
  const p = readProgress();
  if (!p.passed.includes(slug)) writeProgress({ ...p, passed: [...p.passed, slug] });
}

const mark = (el: HTMLElement, done: boolean) => {
  el.toggleAttribute('data-done', done);
  const m = el.querySelector<HTMLElement>('.done-mark');
  if (m) m.hidden = !done;
};

/**
 * Reflect progress in the page's markup: `[data-progress-lesson]` and `[data-progress-exercise]`
 * (done marks), `[data-progress-count]` (lessons done), `[data-progress-exercises]` (exercises
 * passed, counting the space-separated slugs it lists), `[data-resume]` (the link to go on, or
 * to its `data-finished-href` once every lesson is done) and `[data-course-finished]` (shown then).
 */
export function paintProgress(p: Progress = readProgress()): void {
  const lessons = [...document.querySelectorAll<HTMLElement>('[data-progress-lesson]')];
  for (const el of lessons) mark(el, p.done.includes(el.dataset.progressLesson!));
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-exercise]')) mark(el, p.passed.includes(el.dataset.progressExercise!));
  const slugs = new Set(lessons.map((el) => el.dataset.progressLesson!));
  const lessonsDone = [...slugs].filter((s) => p.done.includes(s)).length;
  const finished = slugs.size > 0 && lessonsDone === slugs.size;
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-count]')) {
    const total = Number(el.dataset.progressCount);
    el.textContent = `${Math.min(lessonsDone, total)} of ${total} lessons done`;
    el.hidden = false;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-progress-exercises]')) {
    const list = el.dataset.progressExercises!.split(' ').filter(Boolean);
    const passed = list.filter((s) => p.passed.includes(s)).length;
    el.textContent = el.dataset.short !== undefined ? `${passed}/${list.length} exercises` : `${passed} of ${list.length} exercises passed`;
    el.toggleAttribute('data-done', list.length > 0 && passed === list.length);
    el.hidden = false;
  }
  for (const el of document.querySelectorAll<HTMLAnchorElement>('[data-resume]')) {
    if (finished && el.dataset.finishedHref) {
      el.href = el.dataset.finishedHref;
      el.textContent = el.dataset.finishedText ?? 'Course complete';
      continue;
    }
    const target = p.last && document.querySelector<HTMLAnchorElement>(`[data-progress-lesson="${CSS.escape(p.last)}"] a`);
    if (target) {
      el.href = target.href;
      el.textContent = `Continue: ${target.textContent?.trim()}`;
    }
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-course-finished]')) el.hidden = !finished;
}
