import { clientAddress } from './client-address';

const trustNone = () => false;
const trustLoopback = (address: string) => address === '127.0.0.1';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '10.0.0.1', trustNone)).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right while the hop is trusted', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7, 203.0.113.9', trustLoopback)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', ['198.51.100.7', '127.0.0.1'], trustLoopback)).toBe('198.51.100.7');
  });

  it('takes the leftmost address when every hop is trusted', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7, 203.0.113.9', () => true)).toBe('198.51.100.7');
  });
});
