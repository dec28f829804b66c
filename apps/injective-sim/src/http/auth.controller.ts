import { Controller, Get, Param } from '@nestjs/common';
import { ETH_SECP256K1_PUBKEY_TYPE_URL } from '@mirrorbook/injective/sim-codec';
import { injAddressToHex, InvalidAddressError } from '@mirrorbook/injective';
import { SimChain } from '../chain/sim.chain';
import { LcdError } from './lcd.error';

/** keccak256 of empty code: what an externally owned EthAccount carries. */
const EMPTY_CODE_HASH = 'xdJGAYb3IzySfn2y3McDwOUAtlPKgic7e/rYBF2FpHA=';

/** `cosmos.auth.v1beta1`: accounts, committed state (not the mempool's check state). */
@Controller('cosmos/auth/v1beta1')
export class AuthController {
  constructor(private readonly chain: SimChain) {}

  /** The auth module's parameters, cosmos-sdk defaults (clients read the height header of this small reply). */
  @Get('params')
  params(): Record<string, unknown> {
    return {
      params: {
        max_memo_characters: '256',
        tx_sig_limit: '7',
        tx_size_cost_per_byte: '10',
        sig_verify_cost_ed25519: '590',
        sig_verify_cost_secp256k1: '1000',
      },
    };
  }

  /** An Injective `EthAccount`; 404 code 5 for an unknown account, 400 for a malformed address. */
  @Get('accounts/:address')
  account(@Param('address') address: string): Record<string, unknown> {
    assertAddress(address);
    const account = this.chain.account(address);
    if (!account) throw LcdError.notFound(`account ${address} not found: key not found`);
    return {
      account: {
        '@type': '/injective.types.v1beta1.EthAccount',
        base_account: {
          address: account.address,
          pub_key: account.pubKey
            ? { '@type': ETH_SECP256K1_PUBKEY_TYPE_URL, key: Buffer.from(account.pubKey).toString('base64') }
            : null,
          account_number: String(account.accountNumber),
          sequence: String(account.sequence),
        },
        code_hash: EMPTY_CODE_HASH,
      },
    };
  }
}

/** 400 InvalidArgument for a malformed bech32 address, as the chain answers. */
export function assertAddress(address: string): void {
  try {
    injAddressToHex(address);
  } catch (e) {
    if (e instanceof InvalidAddressError) throw LcdError.invalidArgument(`invalid address: ${e.message}`);
    throw e;
  }
}
