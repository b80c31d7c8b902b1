import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A virtual display for tests that need a real window: the browser's own permission prompt and
 * keyboard shortcuts only exist in headed mode, and xdotool sends real key presses to it.
 */
export async function startDisplay() {
  for (const bin of ['Xvfb', 'xdotool']) {
    if (spawnSync('which', [bin]).status !== 0) throw new Error(`${bin} is missing: apt-get install -y xvfb xdotool`);
  }
  let n = 90 + Math.floor(Math.random() * 100);
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const display = `:${n}`;
  const server = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(`/tmp/.X11-unix/X${n}`)) throw new Error('Xvfb did not start');
  return {
    display,
    /** Presses keys (xdotool names, e.g. `alt+shift+o`, `Tab`, `Return`) in the focused window. */
    async keys(...names: string[]) {
      for (const name of names) {
        const r = spawnSync('xdotool', ['key', name], { env: { ...process.env, DISPLAY: display } });
        if (r.status !== 0) throw new Error(`xdotool key ${name} failed: ${r.stderr}`);
        await new Promise((res) => setTimeout(res, 250));
      }
    },
    stop: () => void server.kill(),
  };
}
