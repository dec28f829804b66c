import { Module } from '@nestjs/common';

/** `mirrorbook monitor`: the CLI as a long-running watcher that announces itself like a service. */
@Module({})
export class MonitorModule {}
