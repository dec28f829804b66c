import { chooseCliEnvironment, type LocalStackFile } from './local-stack';

const stack = (variables: Record<string, string>): LocalStackFile => ({ path: '.data/stack.env', variables });
const running = stack({ MB_STACK_PID: '4242', NETWORK: 'sim', NATS_URL: 'nats://cli:pw@127.0.0.1:14222' });
const alive = (pid: number) => pid === 4242;

describe('chooseCliEnvironment', () => {
  it('takes a running local stack when nothing names another, and says so in one line', () => {
    const source = chooseCliEnvironment({}, running, alive);
    expect(source).toEqual({
      kind: 'local-stack',
      line: 'talking to the local stack of npm start (sim, pid 4242, .data/stack.env)',
      variables: running.variables,
    });
  });

  it('lets any explicit endpoint setting win over the stack file, naming it', () => {
    expect(chooseCliEnvironment({ NATS_URL: 'nats://elsewhere:4222' }, running, alive)).toEqual({
      kind: 'explicit',
      line: 'using the stack the environment names (NATS_URL)',
    });
    expect(chooseCliEnvironment({ NETWORK: 'testnet', REDIS_URL: 'redis://r' }, running, alive).kind).toBe('explicit');
    // an empty variable names nothing
    expect(chooseCliEnvironment({ NATS_URL: '' }, running, alive).kind).toBe('local-stack');
  });

  it('calls a stack that stopped, or whose npm start is gone, not running', () => {
    const stopped = chooseCliEnvironment({}, stack({ ...running.variables, MB_STACK_STOPPED: '2026-12-07T06:00:00.000Z' }), alive);
    expect(stopped).toEqual({
      kind: 'local-stack-stopped',
      line: 'the local stack is not running (stopped at 2026-12-07T06:00:00.000Z; .data/stack.env): start it with "npm start", or name another stack with NATS_URL, REDIS_URL and SIM_LCD_URL or --env-file',
    });
    const killed = chooseCliEnvironment({}, running, () => false);
    expect(killed.kind).toBe('local-stack-stopped');
    expect(killed.line).toContain('its npm start (pid 4242) is gone');
    expect(chooseCliEnvironment({}, stack({ NETWORK: 'sim' }), alive).kind).toBe('local-stack-stopped');
  });

  it('falls back to the defaults without a stack file or settings', () => {
    expect(chooseCliEnvironment({}, undefined, alive).kind).toBe('defaults');
  });
});
