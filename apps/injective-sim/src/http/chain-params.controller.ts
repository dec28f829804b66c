import { Controller, Get, Inject } from '@nestjs/common';
import { SimChain } from '../chain/sim.chain';
import type { SimConfig } from '../sim.config';
import { SIM_CONFIG } from '../sim.tokens';

/** A LegacyDec string of an integer (18 decimals), as the gateway renders `cosmossdk.io/math.LegacyDec`. */
function legacyDec(value: bigint | number | string): string {
  return `${String(value)}.000000000000000000`;
}

const coin = (amount: string) => ({ denom: 'inj', amount });

/**
 * Chain parameters over REST: the exchange module's `Params` and the txfees module's base fee and
 * `Params`, every field of the response messages with injective-core's defaults, and the sim's
 * configured values where the executor acts on them (fixed gas, order side count, post-only mode,
 * gas prices).
 */
@Controller('injective')
export class ChainParamsController {
  constructor(
    @Inject(SIM_CONFIG) private readonly config: SimConfig,
    private readonly chain: SimChain,
  ) {}

  /** `QueryExchangeParamsResponse`. */
  @Get('exchange/v2/exchangeParams')
  exchangeParams(): Record<string, unknown> {
    const p = this.chain.exchangeParams();
    return {
      params: {
        spot_market_instant_listing_fee: coin('20000000000000000000'),
        derivative_market_instant_listing_fee: coin('20000000000000000000'),
        default_spot_maker_fee_rate: '-0.000100000000000000',
        default_spot_taker_fee_rate: '0.001000000000000000',
        default_derivative_maker_fee_rate: '-0.000100000000000000',
        default_derivative_taker_fee_rate: '0.001000000000000000',
        default_initial_margin_ratio: '0.050000000000000000',
        default_maintenance_margin_ratio: '0.020000000000000000',
        default_funding_interval: '3600',
        funding_multiple: '3600',
        relayer_fee_share_rate: '0.400000000000000000',
        default_hourly_funding_rate_cap: '0.000625000000000000',
        default_hourly_interest_rate: '0.000004166660000000',
        max_derivative_order_side_count: p.maxDerivativeOrderSideCount,
        inj_reward_staked_requirement_threshold: '100000000000000000000',
        trading_rewards_vesting_duration: '604800',
        liquidator_reward_share_rate: '0.050000000000000000',
        binary_options_market_instant_listing_fee: coin('100000000000000000000'),
        atomic_market_order_access_level: 'SmartContractsOnly',
        spot_atomic_market_order_fee_multiplier: '2.500000000000000000',
        derivative_atomic_market_order_fee_multiplier: '2.500000000000000000',
        binary_options_atomic_market_order_fee_multiplier: '2.500000000000000000',
        minimal_protocol_fee_rate: '0.000050000000000000',
        is_instant_derivative_market_launch_enabled: false,
        post_only_mode_height_threshold: String(p.postOnlyModeHeightThreshold),
        margin_decrease_price_timestamp_threshold_seconds: '60',
        exchange_admins: [],
        inj_auction_max_cap: '10000000000000000000000',
        fixed_gas_enabled: p.fixedGasEnabled,
        emit_legacy_version_events: false,
        default_reduce_margin_ratio: '3.000000000000000000',
        post_only_mode_blocks_amount: '2000',
        min_post_only_mode_downtime_duration: 'DURATION_10M',
        post_only_mode_blocks_amount_after_downtime: '200',
        deprecated_enforced_restrictions_contracts: [],
        white_knight_liquidators: [],
        white_knight_liquidator_reward_share_rate: '0.000000000000000000',
        cross_margin_params: {
          positive_upnl_haircut_rate: '0.000000000000000000',
          fees_buffer: '0.000000000000000000',
          enabled_quote_denoms: [],
          perpetual_enabled: false,
          expiry_enabled: false,
          max_active_derivative_markets_per_pool: 0,
          emergency_paused: false,
        },
        swap_params: { enabled: false, allowed_markets: [] },
      },
    };
  }

  /** `QueryEipBaseFeeResponse`: the current base fee (configured, moved by `POST /sim/admin/base-fee`). */
  @Get('txfees/v1beta1/cur_eip_base_fee')
  eipBaseFee(): Record<string, unknown> {
    return { base_fee: { base_fee: legacyDec(this.chain.eipBaseFee) } };
  }

  /** `injective.txfees.v1beta1.QueryParamsResponse`, with the configured minimum gas price. */
  @Get('txfees/v1beta1/params')
  txfeesParams(): Record<string, unknown> {
    return {
      params: {
        max_gas_wanted_per_tx: String(this.config.maxGasPerTx),
        high_gas_tx_threshold: '2500000',
        min_gas_price_for_high_gas_tx: legacyDec(0),
        mempool1559_enabled: true,
        min_gas_price: legacyDec(this.config.minGasPrice),
        default_base_fee_multiplier: '1.500000000000000000',
        max_base_fee_multiplier: '1000.000000000000000000',
        reset_interval: '36000',
        max_block_change_rate: '0.100000000000000000',
        target_block_space_percent_rate: '0.625000000000000000',
        recheck_fee_low_base_fee: '3.000000000000000000',
        recheck_fee_high_base_fee: '2.300000000000000000',
        recheck_fee_base_fee_threshold_multiplier: '4.000000000000000000',
      },
    };
  }
}
