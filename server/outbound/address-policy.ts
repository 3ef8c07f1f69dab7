import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where the server may send requests a host configured (webhooks, Git repositories). A host of any call chooses
 * these URLs, so by default they must not reach the server's own machine or its private network (loopback,
 * private and link-local ranges, cloud metadata at 169.254.169.254): otherwise a call's host could probe what
 * only the server can see. Self-hosted setups whose Git server or chat bridge is on the LAN allow it with
 * ROUNDTABLE_ALLOW_PRIVATE_NETWORK=1.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  return !NOT_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Why the server will not send to `url` (its host is, or resolves to, a private address), or null when it may.
 * Checked when the URL is saved and again before each request, as a name may resolve elsewhere later.
 */
export async function refusalOfAddress(url: string, allowPrivateNetwork: boolean): Promise<string | null> {
  if (allowPrivateNetwork) return null;
  let hostname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'The URL is not valid.';
  }
  const addresses = isIP(hostname) ? [hostname] : await lookup(hostname, { all: true, verbatim: true }).then((found) => found.map((entry) => entry.address), () => null);
  if (addresses === null) return `The name ${hostname} does not resolve.`;
  if (addresses.every(isPublicAddress)) return null;
  return `${hostname} is on this server’s own machine or private network, which this server does not send to (its operator can allow it with ROUNDTABLE_ALLOW_PRIVATE_NETWORK=1).`;
}
