import { useState } from 'react';
import { callApi, ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote } from './parts';

interface Post {
  id: number;
  title: string;
  updated_at: string;
}
interface Side {
  title: string;
  cache?: string;
  totalMs: number;
}

/** Edit a post with or without write-through, then compare what KV serves with the origin. */
export default function WriteThroughDemo() {
  const [postId, setPostId] = useState(2);
  const [title, setTitle] = useState('Feature flags at the edge, revised');
  const [mode, setMode] = useState<'write-through' | 'origin-only'>('write-through');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [saved, setSaved] = useState<{ wrote: string[]; invalidated: string[]; totalMs: number } | null>(null);
  const [cached, setCached] = useState<Side | null>(null);
  const [origin, setOrigin] = useState<Side | null>(null);

  async function run<T>(work: () => Promise<T>) {
    setBusy(true);
    try {
      return await work();
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const res = await callApi<{ wrote: string[]; invalidated: string[]; timings: { total: number } }>(
        `/api/demos/write-through/posts/${postId}`,
        { method: 'PUT', body: JSON.stringify({ title, mode }) },
      );
      if (!res.ok) return setError(res.body.error?.message ?? `Failed (${res.status}).`);
      setError(null);
      setSaved({ wrote: res.body.wrote, invalidated: res.body.invalidated, totalMs: res.body.timings.total });
      setCached(null);
      setOrigin(null);
      setAnnounce(`Saved with ${mode}: wrote ${res.body.wrote.join(' and ')}.`);
    });

  const compare = () =>
    run(async () => {
      const [viaCache, viaOrigin] = await Promise.all([
        callApi<{ cache: string; data: Post; timings: { total: number } }>(`/api/demos/cache-aside/posts/${postId}`),
        callApi<{ data: Post; timings: { total: number } }>(`/api/demos/origin/posts/${postId}`),
      ]);
      if (!viaCache.ok || !viaOrigin.ok) {
        return setError((viaCache.body.error ?? viaOrigin.body.error)?.message ?? 'Read failed.');
      }
      setError(null);
      setCached({ title: viaCache.body.data.title, cache: viaCache.body.cache, totalMs: viaCache.body.timings.total });
      setOrigin({ title: viaOrigin.body.data.title, totalMs: viaOrigin.body.timings.total });
      const same = viaCache.body.data.title === viaOrigin.body.data.title;
      setAnnounce(`Cache ${viaCache.body.cache}. ${same ? 'KV and the origin agree.' : 'KV serves an old title: stale.'}`);
    });

  const stale = cached && origin && cached.title !== origin.title;
  return (
    <DemoPanel title="Live: write-through" announce={announce}>
      <p className="panel-note">Tip: read the post once first, so KV holds a copy that the edit can leave behind.</p>
      <div className="demo-controls">
        <label>
          Post id
          <input type="number" min={1} max={30} value={postId} onChange={(e) => setPostId(clampId(e.target.value))} />
        </label>
        <label className="grow">
          New title
          <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <fieldset className="demo-choice">
        <legend>How to save</legend>
        <label>
          <input type="radio" name="wt-mode" checked={mode === 'write-through'} onChange={() => setMode('write-through')} />{' '}
          Write-through (drop the copy, write D1, put the new copy)
        </label>
        <label>
          <input type="radio" name="wt-mode" checked={mode === 'origin-only'} onChange={() => setMode('origin-only')} />{' '}
          Origin only
        </label>
      </fieldset>
      <div className="demo-controls">
        <button type="button" onClick={save} disabled={busy}>
          Save edit
        </button>
        <button type="button" className="secondary" onClick={compare} disabled={busy}>
          Read via cache and origin
        </button>
      </div>
      <ErrorNote message={error} />
      {saved && (
        <p className="panel-note" data-testid="write-result">
          Wrote to {saved.wrote.join(' and ')}
          {saved.invalidated.length > 0 && <>; deleted derived key {saved.invalidated.join(', ')}</>} · {ms(saved.totalMs)}
        </p>
      )}
      {cached && origin && (
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
                KV (cache-aside) <CacheBadge status={cached.cache ?? ''} testId="wt-cache-status" />
              </th>
              <td data-testid="wt-cached-title">{cached.title}</td>
              <td className="num">{ms(cached.totalMs)}</td>
            </tr>
            <tr>
              <th scope="row">Origin (D1)</th>
              <td>{origin.title}</td>
              <td className="num">{ms(origin.totalMs)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {stale && (
        <p className="error-text" data-testid="wt-verdict">
          Stale: KV still serves the old title, and will until the key expires or is rewritten.
        </p>
      )}
      {cached && origin && !stale && (
        <p className="panel-note" data-testid="wt-verdict">
          KV and the origin agree.
        </p>
      )}
    </DemoPanel>
  );
}

const clampId = (raw: string) => Math.max(1, Math.min(30, Math.trunc(Number(raw)) || 1));
