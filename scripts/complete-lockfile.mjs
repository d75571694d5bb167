#!/usr/bin/env node
// npm 11.19 writes package-lock.json without the other platforms' optional packages (esbuild,
// rollup, biome, node-llama-cpp… ship one binary package per platform) and then `npm ci` refuses
// that same lockfile ("Missing: … from lock file"). This adds the missing entries — version,
// integrity, os/cpu/libc — from the registry, so `npm ci` works on any platform.
// Usage: node scripts/complete-lockfile.mjs   (after any `npm install` that changes the lockfile)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolvable(location, name)) continue;
    const latest = registryMetadata(name, spec);
    // Some registries (mirrors) carry only a few platforms' packages; for the rest the entry keeps
    // the pinned version, and the platform read from the package name, so npm skips it by platform.
    const record = latest
      ? { version: latest.version, integrity: latest['dist.integrity'] }
      : { version: spec.replace(/^[\^~=]/, '') };
    if (latest?.license) record.license = latest.license;
    const platform = latest ?? platformFromName(name);
    for (const field of ['cpu', 'os', 'libc']) if (platform[field]) record[field] = platform[field];
    if (entry.dev) record.dev = true;
    record.optional = true;
    packages[`node_modules/${name}`] = record;
    added += 1;
  }
}

function registryMetadata(name, spec) {
  try {
    const output = execFileSync(
      'npm',
      ['view', `${name}@${spec}`, 'version', 'dist.integrity', 'os', 'cpu', 'libc', 'license', '--json'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const metadata = JSON.parse(output);
    return Array.isArray(metadata) ? metadata.at(-1) : metadata;
  } catch {
    return undefined;
  }
}

function platformFromName(name) {
  const os = [
    'android',
    'darwin',
    'freebsd',
    'linux',
    'openbsd',
    'netbsd',
    'sunos',
    'win32',
    'aix',
    'openharmony',
  ].find((candidate) => name.includes(candidate));
  const cpu = [
    'arm64',
    'x64',
    'ia32',
    'arm',
    'riscv64',
    'ppc64',
    's390x',
    'loong64',
    'mips64el',
    'wasm32',
  ].find((candidate) => new RegExp(`(^|[-/])${candidate}($|[-])`).test(name.replace(/^@[^/]+\//, '')));
  const platform = {};
  if (os) platform.os = [os];
  if (cpu) platform.cpu = [cpu];
  if (/musl/.test(name)) platform.libc = ['musl'];
  else if (/gnu/.test(name)) platform.libc = ['glibc'];
  return platform;
}

function resolvable(location, name) {
  // Node's lookup: the package's own node_modules, then each parent's, then the root's.
  let base = location;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (base === '') return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform packages`);
