/**
 * Numbers of the bulk import, as configuration: code receives them as arguments so that tests
 * and operators can use other values.
 */
export interface ImportRules {
  /** Largest file imported; a bigger one fails before a byte is read. */
  readonly maxFileBytes: number;
  /** Most rows in one file (the rows are checked before any write, and kept in memory meanwhile). */
  readonly maxRows: number;
  /** How long a presigned upload URL stays valid. */
  readonly uploadUrlSeconds: number;
  /** How long a report download URL stays valid. */
  readonly reportUrlSeconds: number;
  /** An upload never made is forgotten after this (TTL on the pending import). */
  readonly pendingImportSeconds: number;
  /** Rows written between two progress updates of the import record. */
  readonly chunkRows: number;
  /** DynamoDB requests in flight at once, per kind of request. */
  readonly concurrency: number;
  /** Row errors kept on the import record (all of them are in the report file). */
  readonly errorsOnRecord: number;
  /** Another import's offer not yet written after its reference was claimed: wait this long, then take it over. */
  readonly claimedOfferWaitMs: number;
  /**
   * How long a chunk holds the landlord's reference lease, at the most (the offer API's creations
   * are refused meanwhile; the chunk releases it when written). A read of the references that
   * leaves less than half of it is done again under a new lease.
   */
  readonly referenceLeaseMs: number;
  /** Default and maximum page sizes of the import list. */
  readonly pageSize: { readonly default: number; readonly max: number };
}

export const importRules: ImportRules = {
  maxFileBytes: 16 * 1024 * 1024,
  maxRows: 20_000,
  uploadUrlSeconds: 15 * 60,
  reportUrlSeconds: 15 * 60,
  pendingImportSeconds: 24 * 60 * 60,
  chunkRows: 1_000,
  concurrency: 8,
  errorsOnRecord: 100,
  claimedOfferWaitMs: 5_000,
  // A chunk's batches take a few seconds on DynamoDB Local, well under a second on AWS.
  referenceLeaseMs: 60_000,
  pageSize: { default: 20, max: 100 },
};
