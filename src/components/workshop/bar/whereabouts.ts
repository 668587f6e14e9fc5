import { PROGRESS_KEY, readJson } from './storage';

/**
 * Where the participant is and what they have done, for the console: the lesson in the URL,
 * the last section heading scrolled past, and the `kvlab:progress` list of done ids.
 */
export function trackWhereabouts(post: (path: string, body: unknown) => unknown) {
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  function sendProgress() {
    clearTimeout(progressTimer);
    progressTimer = setTimeout(() => {
      const progress = readJson<{ done?: unknown }>(PROGRESS_KEY);
      const done = Array.isArray(progress?.done) ? progress.done.filter((d) => typeof d === 'string').slice(0, 500) : [];
      if (done.length) post('progress', { done });
    }, 400);
  }
  window.addEventListener('kvlab:progress', sendProgress);
  sendProgress();

  const lesson = /^\/lessons\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  if (!lesson) return;
  let whereTimer: ReturnType<typeof setTimeout> | undefined;
  let lastWhere = '';
  const headings = [...document.querySelectorAll<HTMLElement>('main h2[id]')];
  const update = () => {
    let section: string | null = null;
    for (const h of headings) if (h.getBoundingClientRect().top < window.innerHeight * 0.35) section = h.id;
    const key = `${lesson}#${section ?? ''}`;
    if (key === lastWhere) return;
    clearTimeout(whereTimer);
    whereTimer = setTimeout(() => {
      lastWhere = key;
      post('progress', { lesson, section });
    }, 1200);
  };
  window.addEventListener('scroll', () => requestAnimationFrame(update), { passive: true });
  window.addEventListener('hashchange', update);
  update();
}
