import { describe, expect, it } from 'vitest';
import { refusalOfAddress } from './address-policy';

// Only address literals: none of these is looked up or contacted.
describe('refusalOfAddress', () => {
  it('refuses the server’s own machine, private and link-local networks, metadata endpoints and IPv4 mapped into IPv6', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.5/repo.git',
      'https://192.168.1.10/repo.git',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/',
      'http://0.0.0.0/',
      'http://[::1]/hook',
      'http://[fe80::1]/hook',
      'http://[fd00::5]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      expect(await refusalOfAddress(url, false), url).toContain('ROUNDTABLE_ALLOW_PRIVATE_NETWORK=1');
    }
  });

  it('lets public addresses through, and everything when the operator allows the private network', async () => {
    expect(await refusalOfAddress('https://203.0.113.10/hook', false)).toBeNull();
    expect(await refusalOfAddress('https://[2001:4860:4860::8888]/hook', false)).toBeNull();
    expect(await refusalOfAddress('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await refusalOfAddress('file:///srv/git/minutes.git', false)).toBeNull();
  });
});
