import { cosmosTxProto } from '../proto/cosmos-tx.proto';
import { ethSecp256k1Keys } from '../proto/ethsecp256k1-keys.proto';
import { exchangeV1Tx } from '../proto/exchange-v1beta1-tx.proto';
import { exchangeV2Tx } from '../proto/exchange-v2-tx.proto';

/**
 * The tx as the LCD prints it under `"tx"` (`cosmos.tx.v1beta1.Tx` in proto JSON with snake_case
 * field names, default values included and `@type` on Any values). Returns null for bytes that do
 * not decode.
 */
export function txBytesToJson(txBytes: Uint8Array): unknown {
  const tx = cosmosTxProto;
  try {
    const raw = tx.TxRaw.fromBinary(txBytes);
    const full = tx.Tx.create({
      body: tx.TxBody.fromBinary(raw.bodyBytes),
      authInfo: tx.AuthInfo.fromBinary(raw.authInfoBytes),
      signatures: raw.signatures,
    });
    return {
      '@type': '/cosmos.tx.v1beta1.Tx',
      ...(tx.Tx.toJson(full, {
        useProtoFieldName: true,
        emitDefaultValues: true,
        typeRegistry: [ethSecp256k1Keys.PubKey, exchangeV2Tx.MsgBatchUpdateOrders, exchangeV1Tx.MsgBatchUpdateOrders].flatMap(withSlashName),
      }) as object),
    };
  } catch {
    // a tx with a message type outside the registry has no JSON form here; the LCD field is optional
    return null;
  }
}

/**
 * protobuf-ts resolves an Any's type by the text after the URL's host, which for Cosmos's host-less
 * URLs (`/injective.…`) keeps the leading slash: register each type under both names.
 */
function withSlashName<T extends { typeName: string }>(type: T): T[] {
  return [type, Object.create(type, { typeName: { value: `/${type.typeName}` } }) as T];
}
