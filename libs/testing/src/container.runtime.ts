let answer: Promise<boolean> | undefined;

/**
 * Whether a Docker engine answers (then servers run in testcontainers). `MIRRORBOOK_HARNESS=binaries`
 * or `=containers` forces the choice. The probe runs once per process.
 */
export function containerRuntimeAvailable(): Promise<boolean> {
  const forced = process.env.MIRRORBOOK_HARNESS;
  if (forced === 'binaries') return Promise.resolve(false);
  if (forced === 'containers') return Promise.resolve(true);
  answer ??= probe();
  return answer;
}

async function probe(): Promise<boolean> {
  const { existsSync } = await import('node:fs');
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
