// A y-sweet team server for the end-to-end test and the benchmark: started on a
// free port over a folder (its crates.io install from scripts/setup), invitations
// from `marginalia team invite`, and joining in the app as a person does.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually, ROOT } from './harness.mjs';

export function ySweet() {
  const local = join(ROOT, 'target/tools/bin/y-sweet');
  return existsSync(local) ? local : 'y-sweet';
}

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/// y-sweet on `port` over `folder`; resolves once it answers.
export async function startServer(folder, port, key) {
  const child = spawn(ySweet(), ['serve', folder, '--host', '127.0.0.1', '--port', String(port), '--auth', key,
    '--checkpoint-freq-seconds', '1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  // Its log is read to the end: a closed pipe would stop it.
  child.stdout.on('data', () => {});
  await eventually(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/ready`)).ok;
    } catch {
      return false;
    }
  }, true, 10000);
  return child;
}

export async function stopServer(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/// `name`'s invitation to the server `{ port, key }`.
export function inviteTo({ port, key }, name, ...more) {
  const binary = ['debug', 'release'].map((p) => join(ROOT, 'target', p, 'marginalia')).find(existsSync);
  return execFileSync(binary, ['team', 'invite', '--server', `http://127.0.0.1:${port}`, '--key', key,
    '--name', name, ...more], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

export async function joinTeam(page, code) {
  await page.getByRole('button', { name: 'Team…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Team' });
  await dialog.getByRole('textbox', { name: 'Invitation' }).fill(code);
  await dialog.getByRole('button', { name: 'Join team' }).click();
  await dialog.getByRole('status').getByText('Connected').waitFor({ timeout: 10000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
}


/// A fresh auth key from y-sweet itself.
export function authKey() {
  return execFileSync(ySweet(), ['gen-auth'], { encoding: 'utf8' }).match(/--auth (\S+)/)[1];
}
