import { Module } from '@nestjs/common';

/** The strategy app's own providers; the shared service modules come from runService. */
@Module({})
export class StrategyModule {}
