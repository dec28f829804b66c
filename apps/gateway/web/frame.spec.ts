import { oncePerFrame } from './frame';

describe('oncePerFrame', () => {
  const frames = () => {
    const queued: (() => void)[] = [];
    return { next: (callback: () => void) => queued.push(callback), run: () => queued.splice(0).forEach((callback) => callback()), queued };
  };

  it('renders once for many requests before the frame, with the state of the last one', () => {
    const frame = frames();
    let state = 0;
    const drawn: number[] = [];
    const request = oncePerFrame(() => drawn.push(state), frame.next);
    for (state = 1; state <= 54; state += 1) request();
    expect(drawn).toEqual([]);
    expect(frame.queued).toHaveLength(1);
    frame.run();
    expect(drawn).toEqual([55]);
  });

  it('renders again when asked after the frame', () => {
    const frame = frames();
    let renders = 0;
    const request = oncePerFrame(() => (renders += 1), frame.next);
    request();
    frame.run();
    request();
    request();
    frame.run();
    expect(renders).toBe(2);
  });
});
