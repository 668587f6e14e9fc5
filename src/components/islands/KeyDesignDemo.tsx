import { useState } from 'react';
import type { PrefixListAnswer, TenantConfigAnswer, TenantPostAnswer, VersionBumpAnswer } from '../../lib/demos/key-design';
import { tenantKey, tenantPrefix } from '../../lib/patterns/keys';
import { ms } from './api';
import { CacheBadge, DemoPanel, ErrorNote, KeyName, PostIdField, ScrollFrame, TimingRows } from './parts';
import { CallButton, jsonBody, useDemoCall, type Answer, resettable } from './use-demo-call';

const TENANTS = { acme: 'orange', globex: 'blue' } as const;
type Tenant = keyof typeof TENANTS;

const utc = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** Hierarchical, versioned, namespaced keys; listing by prefix; a collision between tenants. */
function KeyDesignDemo() {
  const { busy, error, announce, call } = useDemoCall();
  const [tenant, setTenant] = useState<Tenant>('acme');
  const [postId, setPostId] = useState(1);
  const [read, setRead] = useState<Answer<TenantPostAnswer> | null>(null);
  const [prefix, setPrefix] = useState('tenant:');
  const [listing, setListing] = useState<PrefixListAnswer | null>(null);
  const [namespaced, setNamespaced] = useState(false);
  const [config, setConfig] = useState<{ reader: Tenant; result: TenantConfigAnswer } | null>(null);

  const readPost = async () => {
    const body = await call<TenantPostAnswer>(`/api/demos/key-design/tenants/${tenant}/posts/${postId}`, {}, (b) =>
      `${b.key}: cache ${b.cache}, ${ms(b.timings.total)} in the Worker.`,
    );
    if (body) setRead(body);
  };
  const bump = async () => {
    await call<VersionBumpAnswer>('/api/demos/key-design/version', jsonBody('POST', { tenant }), (b) =>
      `${b.data.family} is now at version ${b.data.version}: every cached post of ${tenant} misses once.`,
    );
  };
  const list = async () => {
    const body = await call<PrefixListAnswer>(`/api/demos/key-design/keys?prefix=${encodeURIComponent(prefix)}`, {}, (b) =>
      `${b.data.keys.length} keys start with “${b.data.prefix}”.`,
    );
    if (body) setListing(body);
  };
  const saveConfig = (who: Tenant) =>
    call('/api/demos/key-design/config', jsonBody('PUT', { tenant: who, theme: TENANTS[who], namespaced }), () =>
      `${who} saved theme ${TENANTS[who]}.`,
    );
  const readConfig = async (who: Tenant) => {
    const body = await call<TenantConfigAnswer>(`/api/demos/key-design/config?tenant=${who}&namespaced=${namespaced}`, {}, (b) =>
      b.data === null
        ? `${who} found no configuration under ${b.key}.`
        : b.leaked
          ? `Collision: ${who} read ${b.data.tenant}’s configuration from ${b.key}.`
          : `${who} read its own configuration from ${b.key}.`,
    );
    if (body) setConfig({ reader: who, result: body });
  };

  return (
    <DemoPanel title="Live: key design" announce={announce}>
      <fieldset className="demo-step">
        <legend>Versioned, namespaced keys</legend>
        <div className="demo-controls">
          <label>
            Tenant
            <select value={tenant} onChange={(e) => setTenant(e.target.value as Tenant)}>
              <option value="acme">acme</option>
              <option value="globex">globex</option>
            </select>
          </label>
          <PostIdField value={postId} onChange={setPostId} />
          <CallButton busy={busy} onClick={readPost}>Read post</CallButton>
          <CallButton busy={busy} className="secondary" onClick={bump}>Bump version</CallButton>
        </div>
        {read && (
          <dl className="readout" aria-label="Last read">
            <dt>Cache</dt>
            <dd><CacheBadge status={read.cache} testId="key-cache-status" /></dd>
            <dt>Key</dt>
            <dd data-testid="key-name">{read.key}</dd>
            <dt>Post</dt>
            <dd>“{read.data.title}”</dd>
            <TimingRows timings={read.timings} roundTripMs={read.roundTripMs} />
          </dl>
        )}
      </fieldset>

      <fieldset className="demo-step">
        <legend>List by prefix</legend>
        <div className="demo-controls">
          <label>
            Prefix
            <input type="text" value={prefix} onChange={(e) => setPrefix(e.target.value)} spellCheck={false} />
          </label>
          <CallButton busy={busy} onClick={list}>List keys</CallButton>
        </div>
        {listing && (
          <ScrollFrame label="Keys under the prefix">
            <table className="demo-log">
              <caption>
                {listing.data.keys.length} key{listing.data.keys.length === 1 ? '' : 's'} under “{listing.data.prefix}”
                {listing.data.complete ? '' : ' (KV has more)'} · list() took {ms(listing.timings.kv)}
              </caption>
              <thead>
                <tr><th scope="col">Key</th><th scope="col">Expires (as list() reports it)</th></tr>
              </thead>
              <tbody>
                {listing.data.keys.map((k) => (
                  <tr key={k.name}>
                    <td className="mono"><KeyName name={k.name} /></td>
                    <td className="mono">{k.expiration === null ? 'never' : `${k.expiration} (${utc(k.expiration)})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollFrame>
        )}
      </fieldset>

      <fieldset className="demo-step">
        <legend>Two tenants, one key</legend>
        <label className="inline-check">
          <input type="checkbox" checked={namespaced} onChange={(e) => { setNamespaced(e.target.checked); setConfig(null); }} />
          Namespace keys by tenant (<code>{namespaced ? 'tenant:<id>:config' : 'config'}</code>)
        </label>
        <div className="demo-controls">
          <CallButton busy={busy} className="secondary" onClick={() => saveConfig('acme')}>acme saves “orange”</CallButton>
          <CallButton busy={busy} className="secondary" onClick={() => saveConfig('globex')}>globex saves “blue”</CallButton>
          <CallButton busy={busy} onClick={() => readConfig('acme')}>acme reads its config</CallButton>
        </div>
        {config && (
          <p className={config.result.leaked ? 'verdict verdict-bad' : 'verdict'} data-testid="config-verdict">
            {config.result.data === null
              ? `Nothing under ${config.result.key} yet: save a configuration first.`
              : config.result.leaked
                ? `Collision! ${config.reader} asked for its own configuration and got ${config.result.data.tenant}’s (theme “${config.result.data.theme}”) from “${config.result.key}”.`
                : `${config.reader} got its own configuration (theme “${config.result.data.theme}”) from “${config.result.key}”.`}
          </p>
        )}
        <p className="panel-note" data-testid="escaped-tenant">
          A tenant id cannot pose as another tenant: the key builder escapes the separator, so{' '}
          <code>tenantKey('acme:admin', 'config')</code> is <code>{tenantKey('acme:admin', 'config')}</code>, not{' '}
          <code>{tenantKey('acme', 'admin', 'config')}</code>, and a list by <code>{tenantPrefix('acme')}</code> never returns it.
        </p>
      </fieldset>
      <ErrorNote message={error} />
    </DemoPanel>
  );
}

export default resettable(KeyDesignDemo);
