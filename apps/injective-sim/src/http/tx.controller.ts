import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { txBytesToJson, txHashOf } from '@mirrorbook/injective/sim-codec';
import { z } from 'zod';
import { SimChain } from '../chain/sim.chain';
import { TxFailure } from '../chain/tx.failure';
import type { DeliveredTx } from '../chain/tx-result.model';
import { GRPC_CODE, LcdError } from './lcd.error';
import { ZodPipe } from './zod-body.pipe';

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const txBytesField = z
  .string({ required_error: 'tx_bytes is required' })
  .regex(BASE64, 'tx_bytes must be base64')
  .min(1, 'invalid empty tx');

const broadcastBodySchema = z.object({
  tx_bytes: txBytesField,
  mode: z
    .enum(['BROADCAST_MODE_SYNC', 'BROADCAST_MODE_ASYNC', 'BROADCAST_MODE_BLOCK', 'BROADCAST_MODE_UNSPECIFIED'])
    .default('BROADCAST_MODE_SYNC'),
});
const simulateBodySchema = z.object({ tx_bytes: txBytesField });
type BroadcastBody = z.infer<typeof broadcastBodySchema>;
type SimulateBody = z.infer<typeof simulateBodySchema>;

/** `cosmos.tx.v1beta1` over REST: broadcast, simulate, lookup by hash. */
@Controller('cosmos/tx/v1beta1')
export class TxController {
  constructor(private readonly chain: SimChain) {}

  /**
   * SYNC/ASYNC broadcast: CheckTx result in `tx_response` (HTTP 200 even for a refused tx, code ≠ 0).
   * BLOCK mode is gone from the Cosmos SDK (400, as the chain answers).
   */
  @Post('txs')
  @HttpCode(200)
  broadcast(@Body(new ZodPipe(broadcastBodySchema)) body: BroadcastBody): { tx_response: Record<string, unknown> } {
    if (body.mode === 'BROADCAST_MODE_BLOCK' || body.mode === 'BROADCAST_MODE_UNSPECIFIED') {
      throw LcdError.invalidArgument(`unsupported return type ${body.mode}; supported types: sync, async`);
    }
    const bytes = Buffer.from(body.tx_bytes, 'base64');
    try {
      const txhash = this.chain.broadcast(bytes);
      return { tx_response: checkTxResponse(txhash, 0, '', '') };
    } catch (e) {
      if (!(e instanceof TxFailure)) throw e;
      return { tx_response: checkTxResponse(txHashOf(bytes), e.abciCode, e.codespace, e.log) };
    }
  }

  /** Gas estimate from the fixed gas table; a tx the ante handler would refuse answers 400. */
  @Post('simulate')
  @HttpCode(200)
  simulate(@Body(new ZodPipe(simulateBodySchema)) body: SimulateBody): Record<string, unknown> {
    try {
      const { gasWanted, gasUsed } = this.chain.simulate(Buffer.from(body.tx_bytes, 'base64'));
      return {
        gas_info: { gas_wanted: String(gasWanted), gas_used: String(gasUsed) },
        result: { data: '', log: '', events: [], msg_responses: [] },
      };
    } catch (e) {
      if (!(e instanceof TxFailure)) throw e;
      // the SDK answers codes.Unknown with the ante error's text (and HTTP 500); the sim keeps 4xx for bad input
      throw new LcdError(400, GRPC_CODE.UNKNOWN, `${e.log} With gas wanted: '0' and gas used: '0' `);
    }
  }

  /** An included tx; 404 `{"code":5,"message":"tx not found: HASH"}` while pending, dropped or unknown. */
  @Get('txs/:hash')
  lookup(@Param('hash') hash: string): Record<string, unknown> {
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw LcdError.invalidArgument(`invalid tx hash ${JSON.stringify(hash.slice(0, 80))}`);
    const tx = this.chain.tx(hash);
    if (!tx) throw LcdError.notFound(`tx not found: ${hash}`);
    const json = txBytesToJson(tx.bytes) as Record<string, unknown> | null;
    const { '@type': _type, ...plain } = json ?? {};
    return { tx: json ? plain : null, tx_response: deliveredTxResponse(tx, json) };
  }
}

function checkTxResponse(txhash: string, code: number, codespace: string, rawLog: string): Record<string, unknown> {
  return {
    height: '0',
    txhash,
    codespace,
    code,
    data: '',
    raw_log: rawLog,
    logs: [],
    info: '',
    gas_wanted: '0',
    gas_used: '0',
    tx: null,
    timestamp: '',
    events: [],
  };
}

function deliveredTxResponse(tx: DeliveredTx, json: unknown): Record<string, unknown> {
  return {
    height: String(tx.height),
    txhash: tx.hash,
    codespace: tx.codespace,
    code: tx.code,
    data: tx.data,
    raw_log: tx.log,
    // ABCIMessageLog's StringEvent attributes are key and value only (no `index`, unlike the events below)
    logs: tx.msgEvents.map((events, i) => ({ msg_index: i, log: '', events: events.map((e) => ({ type: e.type, attributes: e.attributes.map(({ key, value }) => ({ key, value })) })) })),
    info: '',
    gas_wanted: String(tx.gasWanted),
    gas_used: String(tx.gasUsed),
    tx: json,
    timestamp: tx.timestamp.replace(/\.\d{3}Z$/, 'Z'),
    events: tx.events,
  };
}
