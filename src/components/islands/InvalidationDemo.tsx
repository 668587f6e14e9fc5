import { useState } from 'react';
import type { DeletePostAnswer, PostsSummaryAnswer } from '../../lib/demos/invalidation';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, PostIdField } from './parts';
import { CallButton, useDemoCall, resettable } from './use-demo-call';

/** Load a cached homepage (list + count), delete a post, and see what a delete must invalidate. */
function InvalidationDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [postId, setPostId] = useState(30);
  const [scope, setScope] = useState<'all' | 'item-only'>('all');
  const [summary, setSummary] = useState<PostsSummaryAnswer | null>(null);
  const [deleted, setDeleted] = useState<{ id: number; answer: DeletePostAnswer } | null>(null);

  async function loadHome() {
    const body = await call<PostsSummaryAnswer>('/api/demos/invalidation/summary', {}, (b) =>
      `Homepage: ${b.data.count} posts, list ${b.keys['posts:recent']}, count ${b.keys['posts:count']}.`,
    );
    if (body) setSummary(body);
  }

  async function remove() {
    const id = postId;
    const body = await call<DeletePostAnswer>(`/api/demos/invalidation/posts/${id}?scope=${scope}`, { method: 'DELETE' }, (b) =>
      `Deleted post ${id}; invalidated ${b.invalidated.join(', ')}.`,
    );
    if (body) setDeleted({ id, answer: body });
  }

  const ghost = deleted && summary?.data.recent.some((p) => p.id === deleted.id);
  return (
    <DemoPanel title="Live: invalidation" announce={announce}>
      <div className="demo-controls">
        <CallButton busy={busy} onClick={loadHome}>
          Load homepage
        </CallButton>
        <PostIdField value={postId} onChange={setPostId} />
        <label>
          Invalidate
          <select value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'item-only')}>
            <option value="all">the post, the list and the count</option>
            <option value="item-only">only post:&lt;id&gt; (the bug)</option>
          </select>
        </label>
        <CallButton busy={busy} className="secondary" onClick={remove}>
          Delete post
        </CallButton>
      </div>
      <ErrorNote message={error} />
      {deleted && (
        <p className="panel-note" data-testid="invalidated">
          Deleted post {deleted.id} in the origin and removed: {deleted.answer.invalidated.map((k) => <code key={k}>{k} </code>)}· {ms(deleted.answer.timings.total)}
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

export default resettable(InvalidationDemo);
