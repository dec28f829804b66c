import { parseWsMessage } from './ws-message.parser';

describe('parseWsMessage', () => {
  it('routes a known op with the rest of the object as its body', () => {
    expect(parseWsMessage('{"op":"subscribe","topics":["prices"],"since":3}')).toEqual({ event: 'subscribe', data: { topics: ['prices'], since: 3 } });
  });
  it.each([
    ['not json', 'message is not JSON'],
    ['[1,2]', 'expected an object with an "op" field'],
    ['{"topics":[]}', 'expected an object with an "op" field'],
    ['{"op":"dance"}', 'unknown op "dance"; expected one of subscribe, unsubscribe, control, ping'],
  ])('turns %s into an invalid message', (raw, reason) => {
    expect(parseWsMessage(raw)).toEqual({ event: 'invalid', data: { reason } });
  });
});
