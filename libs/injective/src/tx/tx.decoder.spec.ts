import {
  MsgBatchUpdateOrders,
  MsgBatchUpdateOrdersV2,
  MsgSend,
  PrivateKey,
  TxClient,
  createTransaction,
  getDefaultSubaccountId,
  spotPriceToChainPriceToFixed,
  spotQuantityToChainQuantityToFixed,
  type Msgs,
} from '@injectivelabs/sdk-ts';
import { secp256k1 } from '@noble/curves/secp256k1';
import { fromLegacyDec, type DecodedBatchUpdateOrders } from './batch-update-orders-msg.decoder';
import { decodeBatchUpdateOrdersTxData, encodeBatchUpdateOrdersTxData } from './batch-update-orders-tx-data.codec';
import { TxDecodeError } from './tx-decode.error';
import { txBytesToJson } from './tx-json.printer';
import { decodeAndVerifyTx, verifyTxSignature } from './tx-signature.verifier';
import { decodeTx, injectiveAddressFromPubKey } from './tx.decoder';

const CHAIN_ID = 'injective-sim-1';
const SPOT_MARKET = '0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe';
const PERP_MARKET = '0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6';
const key = PrivateKey.fromHex('0x' + '11'.repeat(32));
const other = PrivateKey.fromHex('0x' + '22'.repeat(32));
const address = key.toBech32();
const subaccountId = getDefaultSubaccountId(address);

function signedTx(
  message: Msgs,
  opts: { signer?: PrivateKey; pubKeyOf?: PrivateKey; chainId?: string; accountNumber?: number; sequence?: number } = {},
): Uint8Array {
  const signer = opts.signer ?? key;
  const { txRaw, signBytes } = createTransaction({
    message,
    memo: 'mm',
    chainId: opts.chainId ?? CHAIN_ID,
    fee: { amount: [{ denom: 'inj', amount: '64000000000000' }], gas: '400000' },
    pubKey: (opts.pubKeyOf ?? signer).toPublicKey().toBase64(),
    accountNumber: opts.accountNumber ?? 7,
    sequence: opts.sequence ?? 3,
    timeoutHeight: 120,
  });
  txRaw.signatures = [signer.sign(signBytes)];
  return Buffer.from(TxClient.encode(txRaw), 'base64');
}

const v2Batch = () =>
  MsgBatchUpdateOrdersV2.fromJSON({
    injectiveAddress: address,
    subaccountId,
    spotOrdersToCreate: [
      { marketId: SPOT_MARKET, orderType: 7, price: '12.345', quantity: '1.5', feeRecipient: address, cid: 's-1' },
    ],
    derivativeOrdersToCreate: [
      {
        marketId: PERP_MARKET,
        orderType: 2,
        price: '25000.5',
        quantity: '0.01',
        margin: '250',
        feeRecipient: address,
        cid: 'd-1',
      },
    ],
    spotOrdersToCancel: [{ marketId: SPOT_MARKET, subaccountId, orderHash: '0x' + 'ab'.repeat(32) }],
    derivativeOrdersToCancel: [{ marketId: PERP_MARKET, subaccountId, cid: 'd-0' }],
  });

describe('decodeTx', () => {
  describe('when given a signed v2 MsgBatchUpdateOrders tx', () => {
    const bytes = signedTx(v2Batch());
    const tx = decodeTx(bytes);
    const msg = tx.messages[0] as DecodedBatchUpdateOrders;

    it('reports the chain tx hash: upper-case hex sha256 of the bytes', () => {
      expect(tx.hash).toBe(TxClient.hash({ ...decodeRawForHash(bytes) }));
      expect(tx.hash).toMatch(/^[0-9A-F]{64}$/);
    });

    it('reads the signer, its sequence and the pubkey-derived address', () => {
      expect(tx.signer.address).toBe(address);
      expect(tx.signer.sequence).toBe(3n);
      expect(tx.signer.signMode).toBe(1);
      expect(Buffer.from(tx.signer.pubKey!).toString('base64')).toBe(key.toPublicKey().toBase64());
    });

    it('reads fee, gas limit, timeout height and memo', () => {
      expect(tx.fee.amount).toEqual([{ denom: 'inj', amount: '64000000000000' }]);
      expect(tx.fee.gasLimit).toBe(400000n);
      expect(tx.timeoutHeight).toBe(120n);
      expect(tx.memo).toBe('mm');
    });

    it('decodes the batch with human-unit decimal strings', () => {
      expect(msg.kind).toBe('batch-update-orders');
      expect(msg.format).toBe('v2-human');
      expect(msg.sender).toBe(address);
      expect(msg.spotOrdersToCreate).toEqual([
        {
          marketId: SPOT_MARKET,
          subaccountId,
          feeRecipient: address,
          orderType: 7,
          price: '12.345',
          quantity: '1.5',
          margin: null,
          triggerPrice: '0',
          cid: 's-1',
          expirationBlock: '0',
        },
      ]);
      expect(msg.derivativeOrdersToCreate[0]).toMatchObject({ orderType: 2, price: '25000.5', quantity: '0.01', margin: '250' });
      expect(msg.spotOrdersToCancel).toEqual([
        { marketId: SPOT_MARKET, subaccountId, orderHash: '0x' + 'ab'.repeat(32), cid: '', orderMask: 0 },
      ]);
      expect(msg.derivativeOrdersToCancel[0]).toMatchObject({ cid: 'd-0', orderHash: '' });
      expect(msg.unsupportedParts).toEqual([]);
    });
  });

  describe('when given a v1beta1 MsgBatchUpdateOrders tx', () => {
    it('returns chain-format values flagged v1-chain', () => {
      const price = spotPriceToChainPriceToFixed({ value: '12.345', baseDecimals: 18, quoteDecimals: 6 });
      const quantity = spotQuantityToChainQuantityToFixed({ value: '1.5', baseDecimals: 18 });
      const message = MsgBatchUpdateOrders.fromJSON({
        injectiveAddress: address,
        subaccountId,
        spotOrdersToCreate: [{ marketId: SPOT_MARKET, orderType: 1, price, quantity, feeRecipient: address, cid: 'v1' }],
      });
      const msg = decodeTx(signedTx(message)).messages[0] as DecodedBatchUpdateOrders;
      expect(msg.format).toBe('v1-chain');
      expect(msg.spotOrdersToCreate[0]).toMatchObject({ price: '0.000000000012345', quantity: '1500000000000000000' });
    });
  });

  describe('when the tx carries a message it does not model', () => {
    it('returns it as unsupported with its type URL', () => {
      const send = MsgSend.fromJSON({ srcInjectiveAddress: address, dstInjectiveAddress: address, amount: { denom: 'inj', amount: '1' } });
      expect(decodeTx(signedTx(send)).messages).toEqual([{ kind: 'unsupported', typeUrl: '/cosmos.bank.v1beta1.MsgSend' }]);
    });
  });

  describe('when the bytes are not a tx', () => {
    it.each([
      ['text', Buffer.from('definitely not a transaction')],
      ['0xff bytes', Uint8Array.from([0xff, 0xff, 0xff, 0xff])],
      ['empty bytes', new Uint8Array(0)],
      ['a truncated tx', signedTx(v2Batch()).subarray(0, 40)],
    ])('throws TxDecodeError for %s', (_name, bytes) => {
      expect(() => decodeTx(bytes)).toThrow(TxDecodeError);
    });

    it('classifies garbage as MALFORMED_TX', () => {
      try {
        decodeTx(Buffer.from('definitely not a transaction'));
        throw new Error('expected a throw');
      } catch (e) {
        expect(e).toBeInstanceOf(TxDecodeError);
        expect((e as TxDecodeError).reason).toBe('MALFORMED_TX');
        expect((e as TxDecodeError).code).toBe('TX_DECODE_ERROR');
      }
    });
  });
});

describe('verifyTxSignature', () => {
  const tx = decodeTx(signedTx(v2Batch()));

  it('accepts the signature for the right chain id and account number', () => {
    expect(verifyTxSignature(tx, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(true);
  });

  it('rejects it for another chain id (the chain id is part of the sign doc)', () => {
    expect(verifyTxSignature(tx, { chainId: 'injective-888', accountNumber: 7 })).toBe(false);
  });

  it('rejects it for another account number', () => {
    expect(verifyTxSignature(tx, { chainId: CHAIN_ID, accountNumber: 8n })).toBe(false);
  });

  it('rejects a tx signed by a key other than the one it carries', () => {
    const forged = decodeTx(signedTx(v2Batch(), { signer: other, pubKeyOf: key }));
    expect(forged.signer.address).toBe(address);
    expect(verifyTxSignature(forged, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
  });

  it('rejects a tampered signature without throwing', () => {
    const tampered = { ...tx, signature: Uint8Array.from(tx.signature, (b, i) => (i === 10 ? b ^ 1 : b)) };
    expect(verifyTxSignature(tampered, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
    expect(verifyTxSignature({ ...tx, signature: new Uint8Array(64) }, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
    expect(verifyTxSignature({ ...tx, signature: new Uint8Array(3) }, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
  });

  it('accepts an r||s||v signature as the ethsecp256k1 key does', () => {
    const withV = { ...tx, signature: Uint8Array.from([...tx.signature, 27]) };
    expect(verifyTxSignature(withV, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(true);
  });

  it('rejects the high-S twin of a valid signature, as the chain does', () => {
    const n = secp256k1.CURVE.n;
    const { r, s } = secp256k1.Signature.fromCompact(tx.signature);
    const twin = new secp256k1.Signature(r, n - s).toCompactRawBytes();
    expect(verifyTxSignature({ ...tx, signature: twin }, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
  });

  it('verifies the signatures of many signers through the key cache, and only for their own sign doc', () => {
    for (let i = 1; i <= 12; i++) {
      const signer = PrivateKey.fromHex(`0x${i.toString(16).padStart(2, '0').repeat(32)}`);
      const bytes = signedTx(v2Batch(), { signer, sequence: i });
      const decoded = decodeTx(bytes);
      const ok = verifyTxSignature(decoded, { chainId: CHAIN_ID, accountNumber: 7 });
      expect(ok).toBe(true);
      expect(verifyTxSignature(decoded, { chainId: CHAIN_ID, accountNumber: 6 })).toBe(false);
    }
  });

  it('uses the stored key when the tx carries none', () => {
    const keyless = { ...tx, signer: { ...tx.signer, pubKey: null, address: null, pubKeyTypeUrl: null } };
    expect(verifyTxSignature(keyless, { chainId: CHAIN_ID, accountNumber: 7 })).toBe(false);
    expect(verifyTxSignature(keyless, { chainId: CHAIN_ID, accountNumber: 7, storedPubKey: tx.signer.pubKey })).toBe(true);
  });
});

describe('decodeAndVerifyTx', () => {
  it('looks the account number up by the pubkey-derived address', () => {
    const lookups: string[] = [];
    const { tx, signatureValid } = decodeAndVerifyTx(signedTx(v2Batch()), {
      chainId: CHAIN_ID,
      accountNumberOf: (a) => (lookups.push(a), 7),
    });
    expect(lookups).toEqual([address]);
    expect(signatureValid).toBe(true);
    expect(tx.signer.sequence).toBe(3n);
  });

  it('reports an unknown account as an invalid signature', () => {
    expect(decodeAndVerifyTx(signedTx(v2Batch()), { chainId: CHAIN_ID, accountNumberOf: () => null }).signatureValid).toBe(false);
  });
});

describe('injectiveAddressFromPubKey', () => {
  it('derives the bech32 address like the SDK', () => {
    expect(injectiveAddressFromPubKey(Buffer.from(key.toPublicKey().toBase64(), 'base64'))).toBe('inj1r8n7xah8cgfm0el8u3kvwzja6zrd4le2krtp7d');
  });
});

describe('fromLegacyDec', () => {
  it.each([
    ['12345000000000000000', '12.345'],
    ['1000000000000000000', '1'],
    ['12345000', '0.000000000012345'],
    ['1', '0.000000000000000001'],
    ['0', '0'],
    ['', '0'],
    ['-2500000000000000000', '-2.5'],
  ])('reads %s as %s', (wire, plain) => {
    expect(fromLegacyDec(wire)).toBe(plain);
  });

  it('rejects a non-integer wire value', () => {
    expect(() => fromLegacyDec('1.5')).toThrow(TxDecodeError);
  });
});

describe('encodeBatchUpdateOrdersTxData', () => {
  it('round-trips the batch response inside TxMsgData as upper-case hex', () => {
    const fields = {
      spotCancelSuccess: [true, false],
      derivativeCancelSuccess: [],
      spotOrderHashes: ['0x' + '01'.repeat(32)],
      derivativeOrderHashes: [],
      createdSpotOrdersCids: ['s-1'],
      failedSpotOrdersCids: ['s-2'],
      createdDerivativeOrdersCids: [],
      failedDerivativeOrdersCids: ['d-1'],
    };
    const hex = encodeBatchUpdateOrdersTxData([{ typeUrl: '/injective.exchange.v2.MsgBatchUpdateOrders', fields }]);
    expect(hex).toMatch(/^[0-9A-F]+$/);
    expect(decodeBatchUpdateOrdersTxData(hex)).toEqual([
      { typeUrl: '/injective.exchange.v2.MsgBatchUpdateOrdersResponse', fields },
    ]);
  });
});

describe('txBytesToJson', () => {
  it('prints the tx like the LCD, with @type on messages and the key', () => {
    const json = txBytesToJson(signedTx(v2Batch())) as {
      body: { messages: { '@type': string; sender: string }[]; timeout_height: string };
      auth_info: { signer_infos: { public_key: { '@type': string }; sequence: string }[] };
    };
    expect(json.body.messages[0]).toMatchObject({ '@type': '/injective.exchange.v2.MsgBatchUpdateOrders', sender: address });
    expect(json.body.timeout_height).toBe('120');
    expect(json.auth_info.signer_infos[0]!.public_key['@type']).toBe('/injective.crypto.v1beta1.ethsecp256k1.PubKey');
    expect(json.auth_info.signer_infos[0]!.sequence).toBe('3');
  });

  it('returns null for bytes that are not a tx', () => {
    expect(txBytesToJson(Buffer.from('nope'))).toBeNull();
  });
});

/** TxClient.hash takes a TxRaw; rebuild one from the bytes through the SDK's own codec. */
function decodeRawForHash(bytes: Uint8Array) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TxRaw } = require('@injectivelabs/core-proto-ts-v2/generated/cosmos/tx/v1beta1/tx_pb');
  return TxRaw.fromBinary(bytes);
}
