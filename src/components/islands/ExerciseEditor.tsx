import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EditorView } from '@codemirror/view';
import { callApi } from './api';
import { CacheBadge } from './parts';

/** CodeMirror and its TypeScript grammar: loaded when the island mounts, not with the page. */
type EditorKit = typeof import('./exercise/editor');

/** What POST /api/exercises/:slug/check answers (see src/server/exercises/run.ts). */
interface RunReport {
  passed: boolean;
  checks: { name: string; passed: boolean; message: string }[];
  trace: { check: string; op: string; key?: string; outcome: string }[];
  error?: { kind: string; message: string; line?: number; column?: number };
  durationMs: number;
}

interface Props {
  slug: string;
  starter: string;
  hints: string[];
  /** The exercise has a project to download once it passes (GET /api/exercises/:slug/project). */
  project?: boolean;
}

/** GET/POST /api/exercises/:slug/solution (src/server/exercises/solution.ts). */
interface Solution {
  code: string;
  unlockedBy: 'passed' | 'revealed' | 'asked';
}

const UNLOCKED_BY: Record<Solution['unlockedBy'], string> = {
  passed: 'you passed every check',
  revealed: 'your instructor revealed it',
  asked: 'you asked for it after trying',
};

const storageKey = (slug: string, what: string) => `kvlab:exercise:${slug}:${what}`;

function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function save(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the page still works, it just forgets on reload.
  }
}

/** `code` in hints and messages, as the content writes it. */
function inlineCode(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, i) =>
    part.startsWith('`') && part.endsWith('`') ? <code key={i}>{part.slice(1, -1)}</code> : part,
  );
}

const STOP_TITLES: Record<string, string> = {
  syntax: 'Your code does not compile',
  runtime: 'Your code threw an error',
  budget: 'Your code ran too long',
  time: 'Your code ran too long',
  timeout: 'Your code did not finish',
  memory: 'Your code used too much memory',
  regex: 'Not available in exercises',
  crashed: 'The sandbox stopped',
};

/**
 * The exercise workbench: a CodeMirror editor with the starter code, "Run checks" against
 * the learner's own KV in the sandbox, hints, a diff against the reference solution and a
 * reset. Code, result and hints shown are kept in localStorage, so a reload loses nothing.
 */
/** Tell the page's progress script (src/components/ProgressMarks.astro) that this exercise passed. */
const announcePass = (slug: string) => window.dispatchEvent(new CustomEvent('kvlab:exercise-passed', { detail: { slug } }));

export default function ExerciseEditor({ slug, starter, hints, project = false }: Props) {
  const editorHost = useRef<HTMLDivElement>(null);
  const compareHost = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const kit = useRef<EditorKit | null>(null);
  // What this browser kept is read after hydration, so the first render matches the HTML.
  const [report, setReport] = useState<RunReport | null>(null);
  const [hintsShown, setHintsShown] = useState<number>(0);
  const [editorReady, setEditorReady] = useState(false);
  const [fallbackCode, setFallbackCode] = useState(starter);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const [solution, setSolution] = useState<Solution | null>(null);
  /** Why the solution is not shown yet, as the server put it. */
  const [locked, setLocked] = useState<string | null>(null);
  const [sandbox, setSandbox] = useState<boolean | null>(null);
  const [announce, setAnnounce] = useState('');
  // The toolbar is in the server-rendered HTML; until React takes over, a click would do nothing.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const saved = load<RunReport | null>(storageKey(slug, 'result'), null);
    setReport(saved);
    // A pass saved before exercise progress existed still counts.
    if (saved?.passed) announcePass(slug);
    setHintsShown(load(storageKey(slug, 'hints'), 0));
    setFallbackCode(load<string | null>(storageKey(slug, 'code'), null) ?? starter);
    setReady(true);
  }, [slug, starter]);

  const runChecks = useCallback(async () => {
    const code = view.current?.state.doc.toString() ?? '';
    setRunning(true);
    setProblem(null);
    setAnnounce('Running checks…');
    const result = await callApi<RunReport>(`/api/exercises/${slug}/check`, { method: 'POST', body: JSON.stringify({ code }) });
    setRunning(false);
    if (!result.ok) {
      if (result.body.error?.code === 'sandbox_unavailable') setSandbox(false);
      setProblem(result.body.error?.message ?? `The server answered ${result.status}.`);
      setAnnounce('The checks could not run.');
      return;
    }
    const body = result.body as RunReport;
    setReport(body);
    if (body.passed) {
      setLocked(null);
      announcePass(slug);
    }
    save(storageKey(slug, 'result'), body);
    if (view.current) kit.current?.showError(view.current, body.error);
    const passedCount = body.checks.filter((c) => c.passed).length;
    setAnnounce(body.passed ? `All ${body.checks.length} checks passed.` : `${passedCount} of ${body.checks.length} checks passed.`);
  }, [slug]);

  // The editor mounts once; its content is the learner's saved code, or the starter.
  useEffect(() => {
    let editor: EditorView | null = null;
    let cancelled = false;
    void import('./exercise/editor').then((loaded) => {
      if (cancelled || !editorHost.current) return;
      kit.current = loaded;
      const saved = load<string | null>(storageKey(slug, 'code'), null);
      editor = loaded.createEditor({
        parent: editorHost.current,
        doc: saved ?? starter,
        onChange: (code) => save(storageKey(slug, 'code'), code),
        onRun: () => void runChecks(),
      });
      view.current = editor;
      const stored = load<RunReport | null>(storageKey(slug, 'result'), null);
      if (stored) loaded.showError(editor, stored.error);
      setEditorReady(true);
    });
    return () => {
      cancelled = true;
      editor?.destroy();
    };
  }, [slug, starter, runChecks]);

  useEffect(() => {
    void callApi<{ sandbox: boolean }>('/api/exercises').then((r) => setSandbox(r.ok ? r.body.sandbox : null));
  }, []);

  // The solution is fetched when the learner asks to compare: GET answers once it is earned
  // (passed, or revealed in a workshop); "Show me the solution" POSTs, granted after a run.
  const fetchSolution = useCallback(
    async (method: 'GET' | 'POST') => {
      const result = await callApi<Solution>(`/api/exercises/${slug}/solution`, { method });
      if (result.ok) {
        setSolution(result.body as Solution);
        setLocked(null);
        setComparing(true);
        setAnnounce('The solution is shown beside your code.');
      } else {
        setLocked(result.body.error?.message ?? `The server answered ${result.status}.`);
      }
    },
    [slug],
  );

  // A workshop instructor revealed this exercise: the workshop bar says so with an event.
  useEffect(() => {
    const onReveal = (event: Event) => {
      if ((event as CustomEvent<{ slug?: string }>).detail?.slug === slug) void fetchSolution('GET');
    };
    window.addEventListener('kvlab:reveal', onReveal);
    return () => window.removeEventListener('kvlab:reveal', onReveal);
  }, [slug, fetchSolution]);

  // A workshop instructor reset this participant: the checks' last report described KV data
  // that is gone, so it goes too. The code is the learner's own work and stays.
  useEffect(() => {
    const onReset = () => {
      setReport(null);
      localStorage.removeItem(storageKey(slug, 'result'));
      if (view.current) kit.current?.showError(view.current, undefined);
      setAnnounce('The instructor reset your demo data: run the checks again to see where your code stands.');
    };
    window.addEventListener('kvlab:reset', onReset);
    return () => window.removeEventListener('kvlab:reset', onReset);
  }, [slug]);

  // The comparison is a merge view of the learner's code against the reference, built on
  // demand so its code loads only for learners who ask for it.
  useEffect(() => {
    if (!comparing || !compareHost.current || !solution) return;
    let destroyed = false;
    let merge: { destroy(): void } | null = null;
    void import('./exercise/compare').then(({ createComparison }) => {
      if (destroyed || !compareHost.current) return;
      merge = createComparison(compareHost.current, view.current?.state.doc.toString() ?? '', solution.code);
    });
    return () => {
      destroyed = true;
      merge?.destroy();
    };
  }, [comparing, solution]);

  const reset = () => {
    if (!window.confirm('Replace your code with the starter code? Your current code will be lost.')) return;
    view.current?.dispatch({ changes: { from: 0, to: view.current.state.doc.length, insert: starter } });
    setReport(null);
    localStorage.removeItem(storageKey(slug, 'result'));
    if (view.current) kit.current?.showError(view.current, undefined);
    setAnnounce('The editor holds the starter code again.');
  };

  const showHint = () => {
    const next = Math.min(hints.length, hintsShown + 1);
    setHintsShown(next);
    save(storageKey(slug, 'hints'), next);
  };

  const error = report?.error;
  return (
    <div className="exercise">
      {sandbox === false && (
        <p className="notice" role="note">
          This deployment has no sandbox for running code (the Dynamic Worker Loader), so checks cannot run here. You can
          still write code, read the hints and ask for the solution; every lesson and demo works as usual.
        </p>
      )}

      <div className="exercise-toolbar" role="toolbar" aria-label="Exercise actions">
        <button type="button" className="primary" onClick={() => void runChecks()} disabled={!ready || !editorReady || running || comparing}>
          {running ? 'Running…' : editorReady ? 'Run checks' : 'Loading the editor…'}
        </button>
        <button type="button" onClick={showHint} disabled={!ready || hintsShown >= hints.length}>
          {hintsShown >= hints.length ? 'No more hints' : `Show a hint (${hintsShown + 1} of ${hints.length})`}
        </button>
        <button
          type="button"
          aria-pressed={comparing}
          onClick={() => (comparing ? setComparing(false) : solution ? setComparing(true) : void fetchSolution('GET'))}
          disabled={!ready}
        >
          {comparing ? 'Back to my code' : 'Compare with solution'}
        </button>
        <button type="button" onClick={reset} disabled={!ready || !editorReady || comparing}>
          Reset to starter
        </button>
        <span className="panel-note">Ctrl/⌘ + Enter runs the checks · Tab leaves the editor</span>
      </div>

      {locked && !comparing && (
        <div className="notice solution-locked" role="status">
          <p>{locked}</p>
          {(report || sandbox === false) && (
            <button type="button" onClick={() => void fetchSolution('POST')}>
              Show me the solution
            </button>
          )}
        </div>
      )}

      <div ref={editorHost} className="exercise-editor" hidden={comparing}>
        {!editorReady && (
          // Same lines, line height and gutter as the editor, so nothing below moves when it replaces this.
          <pre className="exercise-editor-loading" aria-label="Your code (the editor is loading)">
            <code>
              {fallbackCode.split('\n').map((line, i) => (
                <span key={i} className="loading-line">
                  {line}
                  {'\n'}
                </span>
              ))}
            </code>
          </pre>
        )}
      </div>
      {comparing && solution && (
        <section aria-label="Your code compared with the solution">
          <p className="panel-note">
            Left: your code (kept as it is). Right: the solution, unlocked because {UNLOCKED_BY[solution.unlockedBy]}.
            {view.current?.state.doc.toString().trim() === solution.code.trim() && <strong> Your code is the same as the solution.</strong>}
          </p>
          <div ref={compareHost} className="exercise-compare" />
        </section>
      )}

      {hintsShown > 0 && (
        <section className="hints" aria-label="Hints">
          <h2>Hints</h2>
          <ol>
            {hints.slice(0, hintsShown).map((hint, i) => (
              <li key={i}>{inlineCode(hint)}</li>
            ))}
          </ol>
        </section>
      )}

      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}

      {project && report?.passed && <ProjectDownload slug={slug} />}

      {report && (
        <section className="results" aria-label="Check results">
          <h2>
            {report.passed ? 'All checks pass' : `${report.checks.filter((c) => c.passed).length} of ${report.checks.length} checks pass`}
            <span className="panel-note"> · {report.durationMs} ms</span>
          </h2>
          {error && (
            <div className="run-error" role="alert">
              <strong>{STOP_TITLES[error.kind] ?? 'Error'}</strong>
              {error.line !== undefined ? (
                <>
                  {' '}
                  at{' '}
                  <button type="button" className="link-button" onClick={() => view.current && kit.current?.moveCursorTo(view.current, error.line!, error.column ?? 1)}>
                    line {error.line}, column {error.column}
                  </button>
                </>
              ) : null}
              : {error.message}
            </div>
          )}
          <ul className="checks">
            {report.checks.map((check) => (
              <li key={check.name} className={check.passed ? 'check-pass' : 'check-fail'} data-testid="check">
                <span className="check-mark" aria-hidden="true">
                  {check.passed ? '✓' : '✗'}
                </span>
                <span className="visually-hidden">{check.passed ? 'Passed:' : 'Failed:'}</span>
                <strong>{check.name}</strong>
                <br />
                <span className="check-message">{check.message}</span>
              </li>
            ))}
          </ul>
          {report.trace.length > 0 && (
            <details className="trace">
              <summary>What your code did ({report.trace.length} steps)</summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Check</th>
                    <th scope="col">Step</th>
                    <th scope="col">Key or call</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {report.trace.map((step, i) => (
                    <tr key={i}>
                      <td>{i === 0 || report.trace[i - 1]!.check !== step.check ? step.check : ''}</td>
                      <td>{step.op}</td>
                      <td>
                        <code>{step.key ?? ''}</code>
                      </td>
                      <td>{step.outcome === 'HIT' || step.outcome === 'MISS' ? <CacheBadge status={step.outcome} /> : step.outcome}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </section>
      )}
    </div>
  );
}

/**
 * "Download your project": the learner's passing code as a Worker project, zipped by the
 * server (src/server/exercises/project.ts). Fetched rather than linked, so that a refusal
 * (passed in another browser, say) shows its message instead of downloading JSON.
 */
function ProjectDownload({ slug }: { slug: string }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const download = async () => {
    setState({ busy: true, message: null });
    try {
      const response = await fetch(`/api/exercises/${slug}/project`, { credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setState({ busy: false, message: body?.error?.message ?? `The server answered ${response.status}.` });
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: `${slug}.zip` });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, message: `Downloaded ${slug}.zip: unzip it, then npm install && npm test.` });
    } catch {
      setState({ busy: false, message: 'The download failed: check your connection and try again.' });
    }
  };
  return (
    <section className="project-download" aria-labelledby="project-download-title">
      <h2 id="project-download-title">Take your project home</h2>
      <p>
        Your passing code, as a Worker project of your own: an HTTP API around your module, a D1 database of products,{' '}
        <code>wrangler.toml</code>, a README and tests that run in workerd with <code>npm test</code>.
      </p>
      <button type="button" className="primary" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? 'Preparing…' : 'Download your project'}
      </button>
      {state.message && (
        <p className="panel-note" role="status">
          {state.message}
        </p>
      )}
    </section>
  );
}
