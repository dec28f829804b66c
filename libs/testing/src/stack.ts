// @mirrorbook/testing/stack: harnesses that run the apps as processes against the simulator (every
// app, or executors alone). They load the Injective SDK, so they have an entry of their own instead
// of weighing on every spec that imports `@mirrorbook/testing`.
export {
  keyVariants,
  metricSum,
  STACK_TOKEN,
  startStack,
  type BusRecorder,
  type Stack,
  type StackOptions,
} from './stack.harness';
export { ExecutorHarness, MARKETS, type MarketKey, type TestWallet } from './executor.harness';
