import { z } from 'zod';
import { botId } from '@mirrorbook/contracts';
import { zodDto } from '../platform/zod.dto';
import { TOPICS } from './topic.hub';

/**
 * `{"op":"subscribe","topics":["prices",…],"since":123,"epoch":"ab12cd34","token":"…"}`: a
 * snapshot per topic then deltas; with `since` (and the `epoch` it came from) the missed deltas
 * are replayed instead when this gateway still has them. `token` is needed when reads are protected.
 */
export const subscribeSchema = z
  .object({
    topics: z.array(z.enum(TOPICS)).min(1),
    since: z.number().int().nonnegative().optional(),
    epoch: z.string().optional(),
    token: z.string().optional(),
  })
  .strict();

/** `{"op":"unsubscribe","topics":[…]}` */
export const unsubscribeSchema = z.object({ topics: z.array(z.enum(TOPICS)).min(1) }).strict();

/** `{"op":"control","bot":"spot-inj","action":"start"|"pause"|"stop","token":"…"}`: same auth as REST. */
export const controlSchema = z
  .object({
    bot: botId,
    action: z.enum(['start', 'pause', 'stop']),
    token: z.string().optional(),
  })
  .strict();

/** Bodies of the ops, validated by the gateway's ZodValidationPipe. */
export class SubscribeRequest extends zodDto(subscribeSchema) {}
export class UnsubscribeRequest extends zodDto(unsubscribeSchema) {}
export class ControlRequest extends zodDto(controlSchema) {}

/** The ops a client may send; anything else is answered with an error. */
export const OPS = ['subscribe', 'unsubscribe', 'control', 'ping'] as const;
