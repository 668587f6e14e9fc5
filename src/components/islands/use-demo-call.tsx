import { useEffect, useState, type ButtonHTMLAttributes, type ComponentType } from 'react';
import { callApi } from './api';

/** A demo's JSON answer, with the round trip as the browser saw it. */
export type Answer<T> = T & { roundTripMs: number };

/**
 * The request state every demo island shares: `busy` while any of its calls runs, the last
 * error as the server's own sentence, and the announcement for the live region.
 */
export function useDemoCall() {
  // A count, not a flag: calls may overlap (Promise.all), and the first to finish must not
  // re-enable the controls while the other is still running.
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');

  /**
   * One request. Resolves to the JSON body, or `null` once its error is shown. `describe`
   * turns a success into the announcement. A `background` call (a timer, a simulated reader)
   * leaves the controls enabled, so the learner can still pause or stop it, and its success
   * leaves a shown error alone: only the learner's next action clears it.
   */
  async function call<T>(
    path: string,
    init: RequestInit = {},
    describe?: (body: T) => string,
    { background = false } = {},
  ): Promise<Answer<T> | null> {
    if (!background) setRunning((n) => n + 1);
    const res = await callApi<T>(path, init);
    if (!background) setRunning((n) => n - 1);
    if (!res.ok) {
      const message = res.body.error?.message ?? `Request failed (${res.status}).`;
      setError(message);
      setAnnounce(`Error: ${message}`);
      return null;
    }
    if (!background) setError(null);
    if (describe) setAnnounce(describe(res.body));
    return { ...res.body, roundTripMs: res.roundTripMs };
  }

  return { busy: running > 0, error, announce, setAnnounce, setError, call };
}

/**
 * A demo island that starts afresh when a workshop instructor resets the participant: the
 * workshop bar announces `kvlab:reset` once the cache and origin edits are gone, and the demo
 * is mounted again, so no readout shows a cache that no longer exists.
 */
export function resettable<P extends object>(Demo: ComponentType<P>) {
  return function ResettableDemo(props: P) {
    const [epoch, setEpoch] = useState(0);
    useEffect(() => {
      const reset = () => setEpoch((n) => n + 1);
      window.addEventListener('kvlab:reset', reset);
      return () => window.removeEventListener('kvlab:reset', reset);
    }, []);
    return <Demo key={epoch} {...props} />;
  };
}

/** A JSON request body for `call`. */
export const jsonBody = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

/** How long a call runs before its button says why it is disabled: quicker answers would only flicker. */
const SLOW_MS = 300;

/**
 * A button that starts a demo call. It is disabled while any call of its demo runs (`busy`)
 * and while its own action lasts; if that takes a while, it says why beside itself. It lives
 * here, not in parts.tsx, because the exercise page loads parts.tsx and has no use for it.
 */
export function CallButton({
  busy,
  onClick,
  disabled,
  children,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> & { busy: boolean; onClick: () => unknown }) {
  const [state, setState] = useState<'' | 'running' | 'slow'>('');
  const start = async () => {
    setState('running');
    const timer = setTimeout(() => setState('slow'), SLOW_MS);
    try {
      await onClick();
    } finally {
      clearTimeout(timer);
      setState('');
    }
  };
  return (
    <>
      <button type="button" {...rest} disabled={busy || !!state || disabled} onClick={start}>
        {children}
      </button>
      {state === 'slow' && <span className="busy-note">Waiting for the Worker…</span>}
    </>
  );
}
