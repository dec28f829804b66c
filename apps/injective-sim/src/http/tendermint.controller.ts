import { Controller, Get, Param } from '@nestjs/common';
import { SimChain } from '../chain/sim.chain';
import type { SimBlock } from '../chain/tx-result.model';
import { LcdError } from './lcd.error';

/** A fixed validator: the sim has one, and it never changes. */
const PROPOSER_HEX = 'A1'.repeat(20);

/** `cosmos.base.tendermint.v1beta1`: blocks and node info. */
@Controller('cosmos/base/tendermint/v1beta1')
export class TendermintController {
  constructor(private readonly chain: SimChain) {}

  /** The latest block: `block.header` and `sdk_block.header` (height, chain_id, time). */
  @Get('blocks/latest')
  latest(): Record<string, unknown> {
    return this.blockReply(this.chain.latestBlock());
  }

  /** A retained block by height (the newest 1000). */
  @Get('blocks/:height')
  byHeight(@Param('height') height: string): Record<string, unknown> {
    if (!/^\d+$/.test(height)) throw LcdError.invalidArgument(`invalid height ${JSON.stringify(height.slice(0, 40))}`);
    const h = Number(height);
    if (h > this.chain.latestHeight()) {
      throw LcdError.invalidArgument(`requested block height ${h} is bigger then the chain length ${this.chain.latestHeight()}`);
    }
    const block = this.chain.block(h);
    if (!block) throw LcdError.notFound(`block ${h} is pruned`);
    return this.blockReply(block);
  }

  /** Enough of node info for clients that read the chain id from it. */
  @Get('node_info')
  nodeInfo(): Record<string, unknown> {
    return {
      default_node_info: {
        protocol_version: { p2p: '8', block: '11', app: '0' },
        default_node_id: 'a1'.repeat(20),
        listen_addr: 'tcp://127.0.0.1:26656',
        network: this.chain.chainId,
        version: '0.38.0',
        channels: '',
        moniker: 'injective-sim',
        other: { tx_index: 'on', rpc_address: '' },
      },
      application_version: {
        name: 'injective',
        app_name: 'injectived',
        version: 'injective-sim',
        git_commit: '',
        build_tags: '',
        go_version: '',
        build_deps: [],
        cosmos_sdk_version: 'v0.50',
      },
    };
  }

  private blockReply(block: SimBlock): Record<string, unknown> {
    const parent = this.chain.block(block.height - 1);
    const header = {
      version: { block: '11', app: '0' },
      chain_id: this.chain.chainId,
      height: String(block.height),
      time: block.time,
      last_block_id: { hash: parent ? hexToBase64(parent.hash) : '', part_set_header: { total: 0, hash: '' } },
      // a node emits every header field; the sim keeps no state roots, so those hashes are empty
      last_commit_hash: '',
      data_hash: '',
      validators_hash: '',
      next_validators_hash: '',
      consensus_hash: '',
      app_hash: '',
      last_results_hash: '',
      evidence_hash: '',
      proposer_address: hexToBase64(PROPOSER_HEX),
    };
    const data = { txs: block.txHashes.map((hash) => this.txBytesBase64(hash)).filter((tx): tx is string => tx !== null) };
    const rest = { data, evidence: { evidence: [] }, last_commit: { height: String(Math.max(0, block.height - 1)), round: 0, block_id: header.last_block_id, signatures: [] } };
    return {
      block_id: { hash: hexToBase64(block.hash), part_set_header: { total: 1, hash: hexToBase64(block.hash) } },
      block: { header, ...rest },
      sdk_block: { header, ...rest },
    };
  }

  private txBytesBase64(hash: string): string | null {
    const tx = this.chain.tx(hash);
    return tx ? Buffer.from(tx.bytes).toString('base64') : null;
  }
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}
