import { Module } from '@nestjs/common';

/** The executor app's own providers; the shared service modules come from runService. */
@Module({})
export class ExecutorModule {}
