// Runs `npm ci` only when node_modules does not match package-lock.json, so a Maven build that
// changed no dependency skips the slowest step. npm keeps a copy of what it installed in
// node_modules/.package-lock.json; the installed tree is up to date when every package in the
// lock file is there with the same version.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => JSON.parse(readFileSync(path, 'utf8'));

function upToDate() {
  if (!existsSync('node_modules/.package-lock.json')) return false;
  const wanted = read('package-lock.json').packages ?? {};
  const installed = read('node_modules/.package-lock.json').packages ?? {};
  return Object.entries(wanted).every(([path, pkg]) => {
    if (path === '' || (pkg.optional && !installed[path])) return true; // root, or a binary for another platform
    return installed[path]?.version === pkg.version;
  });
}

if (upToDate() && !process.argv.includes('--force')) {
  console.log('node_modules matches package-lock.json: skipping npm ci');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
