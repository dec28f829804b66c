import { execFileSync } from 'node:child_process';

export class MissingBinaryError extends Error {
  readonly code = 'HARNESS_MISSING_BINARY';
  constructor(binary: string, aptPackage: string) {
    super(`${binary} not found and no Docker engine answers: install it with "apt-get install -y ${aptPackage}"`);
    this.name = 'MissingBinaryError';
  }
}

/** Absolute path of a system binary, or throws MissingBinaryError naming the install command. */
export function requireBinary(binary: string, aptPackage: string): string {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin']) {
    try {
      execFileSync('test', ['-x', `${dir}/${binary}`]);
      return `${dir}/${binary}`;
    } catch {
      // not in this directory
    }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`]).toString().trim();
  } catch {
    throw new MissingBinaryError(binary, aptPackage);
  }
}
