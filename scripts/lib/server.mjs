// Start the production build on a port of its own with fresh local state, for benchmarks.
import { spawn } from 'node:child_process';

export async function startServer(port, state = `.wrangler/bench-state-${port}`) {
  const child = spawn('node', ['scripts/start.mjs', '--no-build', '--state', state, '--fresh', '--quiet'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) {
      return { base, stop: () => process.kill(-child.pid, 'SIGTERM') };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(-child.pid, 'SIGTERM');
  throw new Error(`The server on port ${port} did not become healthy in 60 s.`);
}
