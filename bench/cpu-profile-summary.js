'use strict';
/**
 * node bench/cpu-profile-summary.js <file.cpuprofile> [window-frame-label-prefix] [top]
 *
 * Summarises a V8 CPU profile (`--cpu-prof`, e.g. a server of bench:pengaduan run with
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"): only the samples between the
 * first and the last one whose stack holds a frame labelled `window-function…` (default the
 * complaint controller, `kirim dist/src/api/pengaduan/controllers/`) count, so the boot and the shutdown are left out. Prints, in ms and % of the
 * window's samples: self time by package (node_modules/<package>, the app's own dist/ files,
 * node: internals, V8's (garbage collector) / (program) / (idle)), self time by function and
 * total (inclusive) time by function — each function once per stack — `top` rows each (30).
 */
const fs = require('fs');

const [file, windowFunction = 'kirim dist/src/api/pengaduan/controllers/', topArg = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpu-profile-summary.js <file.cpuprofile> [window-frame-label-prefix] [top]');
  process.exit(2);
}
const TOP = Number(topArg);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);

/** Where a frame's code lives: a package of node_modules, the app (dist/…), node: internals or V8. */
const packageOf = (url) => {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node:internal';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app ${url
      .slice(dist + 1)
      .split('/')
      .slice(0, 3)
      .join('/')}`;
  return url.replace(/^file:\/\//, '');
};
const label = (node) => {
  const frame = node.callFrame;
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const short = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, 'dist/');
  return `${name} ${short}:${frame.lineNumber + 1}`;
};
const stackOf = (id) => {
  const stack = [];
  for (let current = id; current !== undefined; current = parent.get(current)) stack.push(nodes.get(current));
  return stack;
};

// sample timestamps (µs)
const times = [];
let clock = profile.startTime;
for (const delta of profile.timeDeltas) {
  clock += delta;
  times.push(clock);
}
const inWindow = profile.samples.map((id) => stackOf(id).some((node) => label(node).startsWith(windowFunction)));
const first = inWindow.indexOf(true);
const last = inWindow.lastIndexOf(true);
if (first < 0) {
  console.error(`no sample has ${windowFunction} on its stack`);
  process.exit(1);
}
const selfByPackage = new Map();
const selfByFunction = new Map();
const totalByFunction = new Map();
const add = (map, key, value) => map.set(key, (map.get(key) || 0) + value);
let windowUs = 0;
for (let index = first; index <= last; index += 1) {
  const duration = index + 1 < times.length ? times[index + 1] - times[index] : 0;
  windowUs += duration;
  const stack = stackOf(profile.samples[index]);
  add(
    selfByPackage,
    packageOf(stack[0].callFrame.url) === '(native/V8)' ? stack[0].callFrame.functionName || '(native)' : packageOf(stack[0].callFrame.url),
    duration
  );
  add(selfByFunction, label(stack[0]), duration);
  for (const key of new Set(stack.map(label))) add(totalByFunction, key, duration);
}
const windowMs = windowUs / 1000;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / windowUs).toFixed(1).padStart(5)} %  ${key}`);
  }
};
const calls = inWindow.slice(first, last + 1).filter(Boolean).length;
console.log(
  `window: ${(windowMs / 1000).toFixed(1)} s of samples between the first and last ${windowFunction} (${calls} samples with it on the stack)`
);
print('self time by package', selfByPackage);
print('self time by function', selfByFunction);
print('total time by function', totalByFunction);
