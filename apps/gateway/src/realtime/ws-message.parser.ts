import { OPS } from './ws-message.schema';

/** What WsAdapter routes: `event` picks the `@SubscribeMessage` handler, `data` is its body. */
export interface RoutedMessage {
  event: string;
  data: unknown;
}

/**
 * Maps the wire format `{"op":"subscribe",…}` onto Nest's `{event, data}`. Anything that is not a
 * known op becomes the `invalid` event, so the client gets an error instead of silence.
 */
export function parseWsMessage(raw: unknown): RoutedMessage {
  let json: unknown;
  try {
    json = JSON.parse(String(raw));
  } catch {
    return { event: 'invalid', data: { reason: 'message is not JSON' } };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof (json as { op?: unknown }).op !== 'string') {
    return { event: 'invalid', data: { reason: 'expected an object with an "op" field' } };
  }
  const { op, ...data } = json as { op: string };
  if (!(OPS as readonly string[]).includes(op)) return { event: 'invalid', data: { reason: `unknown op "${op}"; expected one of ${OPS.join(', ')}` } };
  return { event: op, data };
}
