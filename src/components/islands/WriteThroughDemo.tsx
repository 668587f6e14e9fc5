import { useState } from 'react';
import type { CacheAsideAnswer } from '../../lib/demos/cache-aside';
import type { editPost, readOrigin } from '../../lib/demos/write-through';
import type { Found } from '../../lib/http/respond';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, PostIdField, ScrollFrame } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

// Both routes answer 404 instead of a null post.
type SaveAnswer = Found<Awaited<ReturnType<typeof editPost>>>;
type OriginAnswer = Found<Awaited<ReturnType<typeof readOrigin>>>;

/** Edit a post with or without write-through, then compare what KV serves with the origin. */
function WriteThroughDemo() {
  const { busy, error, announce, setAnnounce, call } = useDemoCall();
  const [postId, setPostId] = useState(2);
  const [title, setTitle] = useState('Feature flags at the edge, revised');
  const [mode, setMode] = useState<'write-through' | 'origin-only'>('write-through');
  const [saved, setSaved] = useState<SaveAnswer | null>(null);
  const [reads, setReads] = useState<{ cached: CacheAsideAnswer; origin: OriginAnswer } | null>(null);

  const save = async () => {
    const body = await call<SaveAnswer>(`/api/demos/write-through/posts/${postId}`, jsonBody('PUT', { title, mode }), (b) =>
      `Saved with ${mode}: wrote ${b.wrote.join(' and ')}.`,
    );
    if (!body) return;
    setSaved(body);
    setReads(null);
  };

  // Both reads at once: the hook keeps the buttons disabled until the second one is back.
  const compare = async () => {
    const [cached, origin] = await Promise.all([
      call<CacheAsideAnswer>(`/api/demos/cache-aside/posts/${postId}`),
      call<OriginAnswer>(`/api/demos/origin/posts/${postId}`),
    ]);
    if (!cached || !origin) return;
    setReads({ cached, origin });
    const same = cached.data.title === origin.data.title;
    setAnnounce(`Cache ${cached.cache}. ${same ? 'KV and the origin agree.' : 'KV serves an old title: stale.'}`);
  };

  const stale = reads && reads.cached.data.title !== reads.origin.data.title;
  return (
    <DemoPanel title="Live: write-through" announce={announce}>
      <p className="panel-note">Tip: read the post once first, so KV holds a copy that the edit can leave behind.</p>
      <div className="demo-controls">
        <PostIdField value={postId} onChange={setPostId} />
        <label className="grow">
          New title
          <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <fieldset className="demo-choice">
        <legend>How to save</legend>
        <label>
          <input type="radio" name="wt-mode" checked={mode === 'write-through'} onChange={() => setMode('write-through')} />{' '}
          Write-through (delete, origin, then KV)
        </label>
        <label>
          <input type="radio" name="wt-mode" checked={mode === 'origin-only'} onChange={() => setMode('origin-only')} />{' '}
          Origin only
        </label>
      </fieldset>
      <div className="demo-controls">
        <CallButton busy={busy} onClick={save}>
          Save edit
        </CallButton>
        <CallButton busy={busy} className="secondary" onClick={compare}>
          Read via cache and origin
        </CallButton>
      </div>
      <ErrorNote message={error} />
      {saved && (
        <p className="panel-note" data-testid="write-result">
          Wrote to {saved.wrote.join(' and ')}
          {saved.invalidated.length > 0 && <>; deleted derived key {saved.invalidated.join(', ')}</>} · {ms(saved.timings.total)}
        </p>
      )}
      {reads && (
        <ScrollFrame label="The post as KV and the origin return it">
          <table className="demo-log">
            <caption className="visually-hidden">The post's title as KV and the origin return it</caption>
            <thead>
              <tr>
                <th scope="col">Read</th>
                <th scope="col">Title</th>
                <th scope="col" className="num">Worker</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">
                  KV (cache-aside) <CacheBadge status={reads.cached.cache} testId="wt-cache-status" />
                </th>
                <td data-testid="wt-cached-title">{reads.cached.data.title}</td>
                <td className="num">{ms(reads.cached.timings.total)}</td>
              </tr>
              <tr>
                <th scope="row">Origin (D1)</th>
                <td>{reads.origin.data.title}</td>
                <td className="num">{ms(reads.origin.timings.total)}</td>
              </tr>
            </tbody>
          </table>
        </ScrollFrame>
      )}
      {stale && (
        <p className="error-text" data-testid="wt-verdict">
          Stale: KV still serves the old title, and will until the key expires or is rewritten.
        </p>
      )}
      {reads && !stale && (
        <p className="panel-note" data-testid="wt-verdict">
          KV and the origin agree.
        </p>
      )}
    </DemoPanel>
  );
}

export default resettable(WriteThroughDemo);
