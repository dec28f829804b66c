import { Module } from '@nestjs/common';

/** The gateway app's own providers; the shared service modules come from runService. */
@Module({})
export class GatewayModule {}
