import { useState } from 'react';
import { callApi, ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote } from './parts';

interface Summary {
  cache: string;
  data: { recent: { id: number; title: string }[]; count: number };
  keys: Record<string, string>;
  timings: { total: number };
}

/** Load a cached homepage (list + count), delete a post, and see what a delete must invalidate. */
export default function InvalidationDemo() {
  const [postId, setPostId] = useState(30);
  const [scope, setScope] = useState<'all' | 'item-only'>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [summary, setSummary] = useState<Summary | null>(null);
  const [deleted, setDeleted] = useState<{ id: number; invalidated: string[]; totalMs: number } | null>(null);

  async function loadHome() {
    setBusy(true);
    const res = await callApi<Summary>('/api/demos/invalidation/summary');
    setBusy(false);
    if (!res.ok) return setError(res.body.error?.message ?? 'Failed.');
    setError(null);
    setSummary(res.body);
    setAnnounce(`Homepage: ${res.body.data.count} posts, list ${res.body.keys['posts:recent']}, count ${res.body.keys['posts:count']}.`);
  }

  async function remove() {
    setBusy(true);
    const res = await callApi<{ invalidated: string[]; timings: { total: number } }>(
      `/api/demos/invalidation/posts/${postId}?scope=${scope}`,
      { method: 'DELETE' },
    );
    setBusy(false);
    if (!res.ok) return setError(res.body.error?.message ?? 'Failed.');
    setError(null);
    setDeleted({ id: postId, invalidated: res.body.invalidated, totalMs: res.body.timings.total });
    setAnnounce(`Deleted post ${postId}; invalidated ${res.body.invalidated.join(', ')}.`);
  }

  const ghost = deleted && summary?.data.recent.some((p) => p.id === deleted.id);
  return (
    <DemoPanel title="Live: invalidation" announce={announce}>
      <div className="demo-controls">
        <button type="button" onClick={loadHome} disabled={busy}>
          Load homepage
        </button>
        <label>
          Post id
          <input type="number" min={1} max={30} value={postId} onChange={(e) => setPostId(Math.max(1, Math.min(30, Math.trunc(Number(e.target.value)) || 1)))} />
        </label>
        <label>
          Invalidate
          <select value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'item-only')}>
            <option value="all">the post, the list and the count</option>
            <option value="item-only">only post:&lt;id&gt; (the bug)</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={remove} disabled={busy}>
          Delete post
        </button>
      </div>
      <ErrorNote message={error} />
      {deleted && (
        <p className="panel-note" data-testid="invalidated">
          Deleted post {deleted.id} in the origin and removed: {deleted.invalidated.map((k) => <code key={k}>{k} </code>)}· {ms(deleted.totalMs)}
        </p>
      )}
      {summary && (
        <>
          <dl className="readout">
            <dt>posts:recent</dt>
            <dd><CacheBadge status={summary.keys['posts:recent']} testId="recent-status" /></dd>
            <dt>posts:count</dt>
            <dd><CacheBadge status={summary.keys['posts:count']} /> <span data-testid="post-count">{summary.data.count}</span> posts</dd>
            <dt>Worker total</dt>
            <dd>{ms(summary.timings.total)}</dd>
          </dl>
          <ol className="mini-list" aria-label="Newest posts on the cached homepage">
            {summary.data.recent.slice(0, 5).map((p) => (
              <li key={p.id} className={deleted?.id === p.id ? 'ghost' : undefined}>
                #{p.id} {p.title}
              </li>
            ))}
          </ol>
          {ghost && (
            <p className="error-text" data-testid="ghost">
              Post {deleted!.id} is deleted, yet the cached list still shows it: its derived keys were never invalidated.
            </p>
          )}
        </>
      )}
    </DemoPanel>
  );
}
