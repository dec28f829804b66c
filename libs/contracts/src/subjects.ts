import type { z } from 'zod';
import {
  batchIntentSchema,
  bookSnapshotSchema,
  botStateSchema,
  executionReportSchema,
  feedStatusSchema,
  heartbeatSchema,
  marketQualitySchema,
  orderEventSchema,
  priceTickSchema,
} from './payloads';

/**
 * Every NATS subject family (docs/architecture.md#nats-subjects) with its payload schema. `prefix` is the fixed part of
 * the subject; the remaining tokens are the family's parameters.
 */
export const subjectCatalog = {
  mdPrice: { prefix: 'md.price', params: ['net', 'market'], schema: priceTickSchema },
  mdBook: { prefix: 'md.book', params: ['net', 'market'], schema: bookSnapshotSchema },
  mdStatus: { prefix: 'md.status', params: ['market'], schema: feedStatusSchema },
  mdQuality: { prefix: 'md.quality', params: ['market'], schema: marketQualitySchema },
  /** the reference (mainnet) market's book, levels within 5 % of its mid (`role: 'reference'`): the shape the testnet book follows */
  mdRefBook: { prefix: 'md.refbook', params: ['market'], schema: bookSnapshotSchema },
  intent: { prefix: 'intent', params: ['wallet'], schema: batchIntentSchema },
  execReport: { prefix: 'exec.report', params: ['wallet'], schema: executionReportSchema },
  orderEvent: { prefix: 'orders', params: ['wallet', 'market'], schema: orderEventSchema },
  botState: { prefix: 'bot.state', params: ['bot'], schema: botStateSchema },
  heartbeat: { prefix: 'svc.heartbeat', params: ['app', 'instance'], schema: heartbeatSchema },
} as const;

export type SubjectFamily = keyof typeof subjectCatalog;
export type PayloadOf<F extends SubjectFamily> = z.infer<(typeof subjectCatalog)[F]['schema']>;

/** A concrete subject (or a subscription pattern with `*` / `>`) tagged with its family. */
export interface Subject<F extends SubjectFamily = SubjectFamily> {
  readonly family: F;
  readonly subject: string;
}

/** A token of a concrete subject, or `*` to match any one token in a subscription. */
export type Token = string;

const TOKEN = /^(\*|[A-Za-z0-9_-]+)$/;

export class InvalidSubjectTokenError extends Error {
  readonly code = 'INVALID_SUBJECT_TOKEN';
  constructor(
    readonly family: SubjectFamily,
    readonly token: string,
  ) {
    super(`invalid token ${JSON.stringify(token)} for subject family ${family}`);
  }
}

function build<F extends SubjectFamily>(family: F, tokens: Token[]): Subject<F> {
  for (const token of tokens) {
    if (!TOKEN.test(token)) throw new InvalidSubjectTokenError(family, token);
  }
  return { family, subject: [subjectCatalog[family].prefix, ...tokens].join('.') };
}

/** Subject builders; pass `*` for a token to build a subscription pattern. */
export const subjects = {
  mdPrice: (net: Token, market: Token) => build('mdPrice', [net, market]),
  mdBook: (net: Token, market: Token) => build('mdBook', [net, market]),
  mdStatus: (market: Token) => build('mdStatus', [market]),
  mdQuality: (market: Token) => build('mdQuality', [market]),
  mdRefBook: (market: Token) => build('mdRefBook', [market]),
  intent: (wallet: Token) => build('intent', [wallet]),
  execReport: (wallet: Token) => build('execReport', [wallet]),
  orderEvent: (wallet: Token, market: Token) => build('orderEvent', [wallet, market]),
  botState: (bot: Token) => build('botState', [bot]),
  heartbeat: (app: Token, instance: Token) => build('heartbeat', [app, instance]),
  /** `<prefix>.>`: every subject of the family */
  all: <F extends SubjectFamily>(family: F): Subject<F> => ({ family, subject: `${subjectCatalog[family].prefix}.>` }),
};

/** The family a concrete inbound subject belongs to, or undefined for a subject outside those families (docs/architecture.md#nats-subjects). */
export function familyOfSubject(subject: string): SubjectFamily | undefined {
  const tokens = subject.split('.');
  for (const [family, spec] of Object.entries(subjectCatalog)) {
    const prefix = spec.prefix.split('.');
    const matches = prefix.every((t, i) => tokens[i] === t) && tokens.length === prefix.length + spec.params.length;
    if (matches) return family as SubjectFamily;
  }
  return undefined;
}

/** The named parameters of a concrete subject, e.g. `{ net: 'sim', market: 'inj-usdt' }`. */
export function subjectParams(subject: string): Record<string, string> {
  const family = familyOfSubject(subject);
  if (!family) return {};
  const spec = subjectCatalog[family];
  const rest = subject.split('.').slice(spec.prefix.split('.').length);
  return Object.fromEntries(spec.params.map((name, i) => [name, rest[i]]));
}
