import { Module } from '@nestjs/common';

/** The price-feed app's own providers; the shared service modules come from runService. */
@Module({})
export class PriceFeedModule {}
