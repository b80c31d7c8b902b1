// What the numbers came from: timings only compare within one machine, one run and one tree.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** OS, CPU, cores, memory and Node version of this machine. */
export async function machineInfo() {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const distro = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
  return {
    os: `${distro ?? os.type()} (${os.type()} ${os.release()} ${os.arch()})`,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

/**
 * The code the numbers came from: HEAD and the files changed since (outside bench/). Others edit
 * the tree while a bench runs, so a number belongs to this state, not to the commit alone.
 */
export async function sourceInfo() {
  const git = (...args) =>
    run('git', args, { cwd: ROOT }).then(
      ({ stdout }) => stdout,
      () => '',
    );
  // Porcelain lines are "XY path": two status columns (often a leading space), then the path.
  const changed = (await git('status', '--porcelain')).split('\n').map((l) => l.slice(3));
  return {
    commit: (await git('rev-parse', '--short', 'HEAD')).trim(),
    uncommitted: changed.filter((f) => f && !f.startsWith('bench/')),
  };
}
