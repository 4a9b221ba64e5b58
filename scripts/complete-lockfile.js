// Adds the lockfile entries of other platforms' optional native binaries (msgpackr-extract's and
// unrs-resolver's) that npm leaves out when its registry mirror lacks them; without them `npm ci`
// calls the lockfile out of sync. Run after `npm install` changed package-lock.json.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const platform = (name) => {
  const tail = name.split('/')[1].replace(/^msgpackr-extract-|^resolver-binding-/, '');
  const parts = tail.split('-');
  const os = parts[0];
  const cpuMap = { x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' };
  const cpu = cpuMap[parts[1]];
  const rest = parts.slice(2).join('-');
  const libc = /musl/.test(rest) ? ['musl'] : /gnu/.test(rest) ? ['glibc'] : undefined;
  if (!cpu) throw new Error('cpu? ' + name);
  return { os: [os], cpu: [cpu], libc };
};
let added = 0;
for (const [parentPath, parent] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(parent.optionalDependencies || {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || !/^@(msgpackr-extract|unrs)\//.test(dep)) continue;
    const { os, cpu, libc } = platform(dep);
    const entry = { version, cpu, ...(parent.dev ? { dev: true } : {}), ...(libc ? { libc } : {}), license: 'MIT', optional: true, os };
    lock.packages[key] = entry;
    added++;
  }
}
const sorted = {};
for (const key of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))) sorted[key] = lock.packages[key];
lock.packages = sorted;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
