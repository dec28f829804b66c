import type { ServiceIdentity } from './access.table';

/**
 * The access table as a Markdown table for docs/architecture.md: per identity the NATS subjects it
 * may publish to and subscribe to, and the Redis key patterns it may read or write.
 */
export function renderIdentitiesMarkdown(identities: readonly ServiceIdentity[]): string {
  const cell = (items: readonly string[]) => (items.length > 0 ? items.map((i) => `\`${i}\``).join(' ') : '—');
  const rows = identities.map(
    (i) => `| \`${i.name}\` | ${cell(i.nats.publish)} | ${cell(i.nats.subscribe)} | ${cell(i.redis.read)} | ${cell(i.redis.write)} |`,
  );
  return ['| identity | NATS publish | NATS subscribe | Redis read | Redis read and write |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
