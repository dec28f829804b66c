import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiController } from '../auth/api-controller.decorator';
import { openApiSchema } from '../platform/openapi.schema';
import { Requires } from '../platform/requires.decorator';
import { walletViewSchema, type WalletView } from './wallet.view';
import { WalletsService } from './wallets.service';

/** `/api/wallets`: wallets with executor state and balances. */
@ApiController('wallets', 'wallets')
export class WalletsController {
  constructor(private readonly wallets: WalletsService) {}

  @Get()
  @Requires('redis')
  @ApiOperation({ summary: 'Configured wallets with executor state (from heartbeats) and balances (from Redis)' })
  @ApiOkResponse({ schema: openApiSchema(z.array(walletViewSchema)) })
  @ApiServiceUnavailableResponse({ description: 'Redis unavailable' })
  list(): Promise<WalletView[]> {
    return this.wallets.list();
  }
}
