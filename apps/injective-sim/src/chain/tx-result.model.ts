/** One attribute of an ABCI event, as the LCD prints it. */
export interface TxEventAttribute {
  key: string;
  value: string;
  index: boolean;
}

/** An ABCI event, as the LCD prints it. */
export interface TxEvent {
  type: string;
  attributes: TxEventAttribute[];
}

/** A tx as executed in a block: what `GET /cosmos/tx/v1beta1/txs/{hash}` reports. */
export interface DeliveredTx {
  /** upper-case hex sha256 of the bytes */
  readonly hash: string;
  readonly height: number;
  /** position in its block */
  readonly index: number;
  /** 0 = success */
  readonly code: number;
  readonly codespace: string;
  /** "" on success, the failure text otherwise */
  readonly log: string;
  readonly gasWanted: bigint;
  readonly gasUsed: bigint;
  /** upper-case hex TxMsgData (the messages' responses); "" on failure */
  readonly data: string;
  readonly events: TxEvent[];
  /** events per message, for the legacy `logs` field */
  readonly msgEvents: TxEvent[][];
  /** ISO-8601 time of the block */
  readonly timestamp: string;
  readonly bytes: Uint8Array;
}

/** A produced block. */
export interface SimBlock {
  readonly height: number;
  /** ISO-8601 */
  readonly time: string;
  /** upper-case hex hash of the block (sha256 of height and tx hashes) */
  readonly hash: string;
  readonly txHashes: string[];
}
