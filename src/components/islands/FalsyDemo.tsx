import { useState } from 'react';
import type { FalsyCountAnswer } from '../../lib/demos/falsy';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote } from './parts';
import { CallButton, useDemoCall, resettable } from './use-demo-call';

type Check = FalsyCountAnswer['check'];

/** The same cached 0 read three times by each check: the buggy one never hits. */
function FalsyDemo() {
  const { busy, error, announce, setAnnounce, call } = useDemoCall();
  const [rows, setRows] = useState<Record<Check, FalsyCountAnswer[]>>({ truthy: [], null: [] });

  // One read after another, as a page's requests would arrive; the button stays disabled for all three.
  async function readThrice(check: Check) {
    const results: FalsyCountAnswer[] = [];
    for (let i = 0; i < 3; i++) {
      const body = await call<FalsyCountAnswer>(`/api/demos/falsy/count?check=${check}`);
      if (!body) return;
      results.push(body);
    }
    setRows((r) => ({ ...r, [check]: results }));
    const misses = results.filter((r) => r.cache === 'MISS').length;
    setAnnounce(`${check === 'truthy' ? 'if (!cached)' : 'cached !== null'}: ${misses} of 3 reads went to D1.`);
  }

  const column = (check: Check, label: string) => (
    <div className="falsy-col" data-testid={`falsy-${check}`}>
      <CallButton busy={busy} className={check === 'truthy' ? 'secondary' : undefined} onClick={() => readThrice(check)}>
        Read 3× with <code>{label}</code>
      </CallButton>
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

export default resettable(FalsyDemo);
