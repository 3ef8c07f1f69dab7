// `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]`: self time of a V8 CPU profile (as written by
// `npm run bench -- --profile`) summed by function and by package or file, largest first, as a share of the busy
// time (every sample but `(idle)`).
import { readFileSync } from 'node:fs';

type Node = { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[] };

const [file, topArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArgument ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const allHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, allHits);
const isIdle = (node: Node) => node.callFrame.functionName === '(idle)';
const totalHits = profile.nodes.reduce((sum, node) => sum + (isIdle(node) ? 0 : (node.hitCount ?? 0)), 0);

/** node_modules/<package> (scoped too), node: internals, or the file's last two path segments. */
function placeOf(url: string): string {
  if (url === '') return '(native / VM)';
  if (url.startsWith('node:')) return url;
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1]!;
  return url.split('/').slice(-2).join('/');
}

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (hits === 0 || isIdle(node)) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const place = placeOf(url);
  const name = `${functionName || '(anonymous)'}  ${place}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, hits] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((hits / totalHits) * 100).toFixed(1).padStart(5)} %  ${(hits * msPerHit).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${allHits} samples, busy ${((totalHits * msPerHit) / 1000).toFixed(1)} s`);
print('Self time by function', byFunction);
print('Self time by package or file', byPlace);
