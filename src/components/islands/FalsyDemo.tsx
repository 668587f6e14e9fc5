import { useState } from 'react';
import { callApi, ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote } from './parts';

interface CountResult {
  cache: string;
  data: number;
  origin: { queries: number };
  timings: { total: number };
}
type Check = 'truthy' | 'null';

/** The same cached 0 read three times by each check: the buggy one never hits. */
export default function FalsyDemo() {
  const [rows, setRows] = useState<Record<Check, CountResult[]>>({ truthy: [], null: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  async function readThrice(check: Check) {
    setBusy(true);
    const results: CountResult[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await callApi<CountResult>(`/api/demos/falsy/count?check=${check}`);
      if (!res.ok) {
        setBusy(false);
        return setError(res.body.error?.message ?? 'Failed.');
      }
      results.push(res.body);
    }
    setBusy(false);
    setError(null);
    setRows((r) => ({ ...r, [check]: results }));
    const misses = results.filter((r) => r.cache === 'MISS').length;
    setAnnounce(`${check === 'truthy' ? 'if (!cached)' : 'cached !== null'}: ${misses} of 3 reads went to D1.`);
  }

  const column = (check: Check, label: string) => (
    <div className="falsy-col" data-testid={`falsy-${check}`}>
      <button type="button" className={check === 'truthy' ? 'secondary' : undefined} onClick={() => readThrice(check)} disabled={busy}>
        Read 3× with <code>{label}</code>
      </button>
      <ol className="mini-list">
        {rows[check].map((r, i) => (
          <li key={i}>
            value {JSON.stringify(r.data)} · <CacheBadge status={r.cache} /> · {ms(r.timings.total)}
          </li>
        ))}
      </ol>
      {rows[check].length > 0 && (
        <p className="panel-note">{rows[check].reduce((n, r) => n + r.origin.queries, 0)} origin queries for 3 reads</p>
      )}
    </div>
  );

  return (
    <DemoPanel title="Live: the falsy-value pitfall" announce={announce}>
      <p className="panel-note">The cached value is the number of posts you deleted: 0, until you delete one.</p>
      <div className="falsy-grid">
        {column('truthy', 'if (!cached)')}
        {column('null', 'if (cached !== null)')}
      </div>
      <ErrorNote message={error} />
    </DemoPanel>
  );
}
