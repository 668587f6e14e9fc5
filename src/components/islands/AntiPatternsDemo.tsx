import { useState } from 'react';
import type {
  ProfileAnswer,
  SearchesAnswer,
  SimulatedUserId as User,
  ValueShape,
  ValueSizeAnswer,
} from '../../lib/demos/anti-patterns';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, ScrollFrame } from './parts';
import { CallButton, jsonBody, useDemoCall, resettable } from './use-demo-call';

const NAMES: Record<User, string> = { alice: 'Alice', bob: 'Bob' };
const SHAPES: { shape: ValueShape; label: string }[] = [
  { shape: 'giant', label: 'Whole table in one key' },
  { shape: 'small', label: 'One small value per answer' },
  { shape: 'query', label: 'Bounded query, no cache' },
];
const bytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;

/** Three anti-patterns run for real beside their fixes. */
function AntiPatternsDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [scoped, setScoped] = useState(false);
  const [view, setView] = useState<{ user: User; result: ProfileAnswer } | null>(null);
  const [sizeRuns, setSizeRuns] = useState<ValueSizeAnswer[]>([]);
  const [pile, setPile] = useState<SearchesAnswer['data'] | null>(null);

  const signIn = (user: User) =>
    call('/api/demos/anti-patterns/sign-in', jsonBody('POST', { user, scoped }), () => `${NAMES[user]} signed in.`);
  const openProfile = async (user: User) => {
    const body = await call<ProfileAnswer>(`/api/demos/anti-patterns/profile?user=${user}&scoped=${scoped}`, {}, (b) =>
      b.data === null
        ? `${NAMES[user]}’s profile page found nothing under ${b.key}.`
        : b.leaked
          ? `Leak: ${NAMES[user]} was shown ${b.data.name}’s profile.`
          : `${NAMES[user]} was shown their own profile.`,
    );
    if (body) setView({ user, result: body });
  };
  const runSize = async (shape: ValueShape) => {
    const body = await call<ValueSizeAnswer>('/api/demos/anti-patterns/value-size', jsonBody('POST', { shape, postId: 3 }), (b) =>
      `${shape}: ${bytes(b.bytes)} stored, ${ms(b.timings.total)} in the Worker.`,
    );
    if (body) setSizeRuns((runs) => [body, ...runs].slice(0, 9));
  };
  const cacheSearches = async (withExpiration: boolean) => {
    const body = await call<SearchesAnswer>('/api/demos/anti-patterns/searches', jsonBody('POST', { count: 10, withExpiration }), (b) =>
      `${b.data.total} search keys in KV, ${b.data.neverExpire} of them never expire.`,
    );
    if (body) setPile(body.data);
  };

  const shown = view?.result.data;
  return (
    <DemoPanel title="Live: anti-patterns" announce={announce}>
      <fieldset className="demo-step">
        <legend>A global key for per-user data</legend>
        <label className="inline-check">
          <input type="checkbox" checked={scoped} onChange={(e) => { setScoped(e.target.checked); setView(null); }} />
          Scope the key to the user (<code>{scoped ? 'user:<id>:profile' : 'current-user'}</code>)
        </label>
        <div className="demo-controls">
          <CallButton busy={busy} className="secondary" onClick={() => signIn('alice')}>Alice signs in</CallButton>
          <CallButton busy={busy} className="secondary" onClick={() => signIn('bob')}>Bob signs in</CallButton>
          <CallButton busy={busy} onClick={() => openProfile('alice')}>Alice opens her profile</CallButton>
        </div>
        {view && (
          <div className={view.result.leaked ? 'verdict verdict-bad' : 'verdict'} data-testid="profile-verdict">
            <p>
              <CacheBadge status={view.result.cache} /> {NAMES[view.user]}’s page read <code>{view.result.key}</code>
              {shown ? (
                <> and shows <strong>{shown.name}</strong>, {shown.email}, {shown.plan} plan, card ending {shown.cardEnding}.</>
              ) : (
                <>: nothing there yet.</>
              )}
            </p>
            {view.result.leaked && <p><strong>Leaked:</strong> that is {shown?.name}’s profile, not {NAMES[view.user]}’s.</p>}
          </div>
        )}
        <p className="panel-note">Alice and Bob are simulated users with made-up data.</p>
      </fieldset>

      <fieldset className="demo-step">
        <legend>Giant values</legend>
        <p className="panel-note">Each button answers “how many views does post 3 have?” and measures it.</p>
        <div className="demo-controls">
          {SHAPES.map((s) => (
            <CallButton key={s.shape} busy={busy} className="secondary" onClick={() => runSize(s.shape)}>
              {s.label}
            </CallButton>
          ))}
        </div>
        {sizeRuns.length > 0 && (
          <ScrollFrame label="Measured in the Worker">
            <table className="demo-log">
              <caption>Measured in the Worker, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Approach</th>
                  <th scope="col" className="num">Value</th>
                  <th scope="col" className="num">D1</th>
                  <th scope="col" className="num">put</th>
                  <th scope="col" className="num">get</th>
                  <th scope="col" className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {sizeRuns.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{SHAPES.find((s) => s.shape === r.shape)!.label}</th>
                    <td className="num">{r.key ? bytes(r.bytes) : '—'}</td>
                    <td className="num">{ms(r.timings.d1)}</td>
                    <td className="num">{ms(r.timings.put)}</td>
                    <td className="num">{ms(r.timings.get)}</td>
                    <td className="num">{ms(r.timings.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollFrame>
        )}
        {sizeRuns[0] && (
          <p className="panel-note">
            Answer: post {sizeRuns[0].data.postId} has {sizeRuns[0].data.views.toLocaleString('en')} views; D1 read{' '}
            {sizeRuns[0].origin.rowsRead.toLocaleString('en')} rows to give it.
          </p>
        )}
      </fieldset>

      <fieldset className="demo-step">
        <legend>Forgetting expiration</legend>
        <div className="demo-controls">
          <CallButton busy={busy} className="secondary" onClick={() => cacheSearches(false)}>Cache 10 searches without expiration</CallButton>
          <CallButton busy={busy} onClick={() => cacheSearches(true)}>Cache 10 searches with a 1 h TTL</CallButton>
        </div>
        {pile && (
          <p className={pile.neverExpire > 0 ? 'verdict verdict-bad' : 'verdict'} data-testid="pile">
            <code>list(&#123; prefix: 'search:' &#125;)</code> now finds <strong>{pile.total}</strong> keys
            {pile.complete ? '' : ' (and more)'}; <strong>{pile.neverExpire}</strong> of them have no expiration and
            will stay until someone deletes them.
          </p>
        )}
      </fieldset>
      <ErrorNote message={error} />
    </DemoPanel>
  );
}

export default resettable(AntiPatternsDemo);
