import { useState } from 'react';
import type { ListPageAnswer } from '../../lib/demos/playground';
import { checkKey } from '../../lib/kv/limits';
import { ms } from './api';
import { DemoPanel, ErrorNote } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

type Op = 'get' | 'getWithMetadata' | 'put' | 'delete' | 'list' | 'bulk';
const OPS: { id: Op; label: string }[] = [
  { id: 'put', label: 'put' },
  { id: 'get', label: 'get' },
  { id: 'getWithMetadata', label: 'getWithMetadata' },
  { id: 'delete', label: 'delete' },
  { id: 'list', label: 'list' },
  { id: 'bulk', label: 'get([…keys])' },
];

/** Every KV operation on your own keys, checked against KV's real limits before KV sees it. */
function OperationsDemo() {
  const { busy, error, announce, setError, call } = useDemoCall();
  const [op, setOp] = useState<Op>('put');
  const [key, setKey] = useState('user:123:profile');
  const [value, setValue] = useState('{"name":"Ada","plan":"pro"}');
  const [expiryKind, setExpiryKind] = useState<'none' | 'ttl' | 'absolute'>('ttl');
  const [expiry, setExpiry] = useState('3600');
  const [metadata, setMetadata] = useState('{"cached_at": 0}');
  const [type, setType] = useState<'text' | 'json'>('json');
  const [prefix, setPrefix] = useState('user:');
  const [limit, setLimit] = useState('2');
  const [bulkKeys, setBulkKeys] = useState('user:123:profile, user:456:profile');
  const [pages, setPages] = useState<ListPageAnswer[]>([]);
  const [result, setResult] = useState<unknown>(null);

  const path = (k: string) => `/api/kv/${encodeURIComponent(k)}`;

  async function run(cursor?: string) {
    // "." and ".." cannot travel in a URL path (clients resolve them away), so the same
    // check the server runs is applied here first.
    const keyProblem = op === 'get' || op === 'getWithMetadata' || op === 'delete' || op === 'put' ? checkKey(key) : null;
    if (keyProblem) return setError(keyProblem);
    let url: string;
    let init: RequestInit = {};
    if (op === 'put') {
      let meta: unknown;
      if (metadata.trim()) {
        try {
          meta = JSON.parse(metadata);
        } catch {
          return setError('Metadata must be JSON, like {"cached_at": 0} — or leave it empty.');
        }
      }
      const body: Record<string, unknown> = { value, metadata: meta };
      if (expiryKind === 'ttl') body.expirationTtl = Number(expiry);
      if (expiryKind === 'absolute') body.expiration = Number(expiry);
      url = path(key);
      init = jsonBody('PUT', body);
    } else if (op === 'get' || op === 'getWithMetadata') {
      url = `${path(key)}?type=${type}${op === 'getWithMetadata' ? '&metadata=1' : ''}`;
    } else if (op === 'delete') {
      url = path(key);
      init = { method: 'DELETE' };
    } else if (op === 'list') {
      const q = new URLSearchParams({ prefix, limit });
      if (cursor) q.set('cursor', cursor);
      url = `/api/kv?${q}`;
    } else {
      const q = new URLSearchParams();
      for (const k of bulkKeys.split(',').map((s) => s.trim()).filter(Boolean)) q.append('keys', k);
      url = `/api/kv?${q}`;
    }
    const body = await call<ListPageAnswer | { timings?: { total: number } }>(url, init, (b) => `${op} done in ${ms(b.timings?.total)}.`);
    if (!body) return setResult(null);
    // The panel shows the server's JSON as it came, without the browser's own measurement.
    const { roundTripMs: _, ...answer } = body;
    setResult(answer);
    if (op === 'list') setPages((p) => (cursor ? [...p, answer as ListPageAnswer] : [answer as ListPageAnswer]));
  }

  const keyField = (
    <label className="grow">
      Key
      <input value={key} onChange={(e) => setKey(e.target.value)} spellCheck={false} />
    </label>
  );
  const lastPage = pages[pages.length - 1];
  return (
    <DemoPanel title="Live: KV operations" announce={announce}>
      <div className="op-tabs" role="radiogroup" aria-label="Operation">
        {OPS.map((o) => (
          <label key={o.id} className={op === o.id ? 'active' : undefined}>
            <input type="radio" name="kv-op" checked={op === o.id} onChange={() => { setOp(o.id); setResult(null); setError(null); }} />
            <code>{o.label}</code>
          </label>
        ))}
      </div>
      <div className="demo-controls">
        {(op === 'get' || op === 'getWithMetadata' || op === 'delete' || op === 'put') && keyField}
        {(op === 'get' || op === 'getWithMetadata') && (
          <label>
            Type
            <select value={type} onChange={(e) => setType(e.target.value as 'text' | 'json')}>
              <option value="text">text</option>
              <option value="json">json</option>
            </select>
          </label>
        )}
        {op === 'list' && (
          <>
            <label className="grow">
              Prefix
              <input value={prefix} onChange={(e) => setPrefix(e.target.value)} spellCheck={false} />
            </label>
            <label>
              Limit
              <input type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </label>
          </>
        )}
        {op === 'bulk' && (
          <label className="grow">
            Keys (comma-separated, up to 100)
            <input value={bulkKeys} onChange={(e) => setBulkKeys(e.target.value)} spellCheck={false} />
          </label>
        )}
      </div>
      {op === 'put' && (
        <div className="demo-controls">
          <label className="grow">
            Value
            <textarea rows={2} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />
          </label>
          <label>
            Expiration
            <select value={expiryKind} onChange={(e) => setExpiryKind(e.target.value as 'none' | 'ttl' | 'absolute')}>
              <option value="ttl">expirationTtl (s)</option>
              <option value="absolute">expiration (epoch s)</option>
              <option value="none">none</option>
            </select>
          </label>
          {expiryKind !== 'none' && (
            <label>
              {expiryKind === 'ttl' ? 'Seconds' : 'Epoch seconds'}
              <input value={expiry} onChange={(e) => setExpiry(e.target.value)} inputMode="numeric" />
            </label>
          )}
          <label className="grow">
            Metadata (JSON, ≤ 1024 bytes)
            <input value={metadata} onChange={(e) => setMetadata(e.target.value)} spellCheck={false} />
          </label>
        </div>
      )}
      <div className="demo-controls">
        <CallButton busy={busy} onClick={() => run()}>
          Run {OPS.find((o) => o.id === op)!.label}
        </CallButton>
        {op === 'list' && lastPage && !lastPage.list_complete && lastPage.cursor && (
          <CallButton busy={busy} className="secondary" onClick={() => run(lastPage.cursor!)}>
            Next page (cursor)
          </CallButton>
        )}
      </div>
      <ErrorNote message={error} />
      {op === 'list' && pages.length > 0 ? (
        <ol className="mini-list" data-testid="list-pages">
          {pages.map((p, i) => (
            <li key={i}>
              Page {i + 1}: {p.keys.length ? p.keys.map((k) => k.name).join(', ') : '(empty page)'} ·{' '}
              <code>list_complete: {String(p.list_complete)}</code> · {ms(p.timings.total)}
            </li>
          ))}
        </ol>
      ) : (
        result !== null && <pre className="kv-pre" data-testid="op-result">{JSON.stringify(result, null, 2)}</pre>
      )}
    </DemoPanel>
  );
}

export default resettable(OperationsDemo);
