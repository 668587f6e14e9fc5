import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { E2E_INSTRUCTOR_TOKEN } from '../../playwright.config';

// A server of a test's own — the same build, its own state folder — for tests that stop,
// kill and restart it (durability, crash safety). Loopback only.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Start `npm start`'s server on `port` with `state`, and wait until it answers /api/health. */
export async function startServer(port: number, state: string, fresh: boolean): Promise<ChildProcess> {
  const child = spawn('node', ['scripts/start.mjs', '--no-build', '--quiet', '--state', state, ...(fresh ? ['--fresh'] : [])], {
    // A token of its own, so start.mjs does not write one into .dev.vars.
    env: { ...process.env, PORT: String(port), INSTRUCTOR_TOKEN: E2E_INSTRUCTOR_TOKEN },
    stdio: 'ignore',
    detached: true, // its own process group, so a signal reaches workerd too
  });
  for (let i = 0; i < 240; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (child.exitCode !== null) break;
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return child;
  }
  throw new Error(`The test's own server (state ${state}) did not start.`);
}

/** Stop it: SIGTERM lets it finish, SIGKILL is a crash. */
export async function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, signal);
  await exited;
}
