import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importRules } from '#imports/import-rules.ts';
import { externalReferenceGuardKey, offerToItem, type Offer } from '#offers/offer-store.ts';
import { csvRow, header, tilleulsOffer } from '../test/support/offers.ts';
import { httpGet, ratioFigure, time, tokenFor, type BenchTarget, type Figure } from './harness.ts';

const rows = 10_000;
/** The items the import writes for one row: the offer (as the offer store shapes it) and its reference guard. */
function itemsOf(landlordId: string, reference: string) {
  const now = new Date().toISOString();
  const offer: Offer = {
    ...tilleulsOffer(reference),
    offerId: randomUUID(),
    landlordId,
    status: 'DRAFT',
    department: '92',
    communeName: 'Boulogne-Billancourt',
    rentWithChargesEuros: 730.5,
    createdAt: now,
    createdBy: 'bench',
    updatedAt: now,
    applicantCount: 0,
  };
  return [
    offerToItem(offer),
    { ...externalReferenceGuardKey(landlordId, reference), entity: 'ExternalReferenceGuard', offerId: offer.offerId },
  ];
}

/**
 * 10,000 rows from upload to offers queryable: `POST /landlord/imports`, PUT of the CSV to the
 * presigned URL, then polling `GET /landlord/imports/{id}` until DONE and reading the newest
 * offer. Baseline: a raw BatchWriteItem of the same 20,000 items (offers and reference guards),
 * with the import's concurrency, on the same DynamoDB Local; run before and after the import.
 */
export async function importsBenchmark(cloud: BenchTarget): Promise<Figure> {
  const token = await tokenFor(cloud, 'offres@paris-habitat.demo.alin.local');
  const env = cloud.environment;
  const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION }));
  const run = randomUUID().slice(0, 8);

  const batchWrite = async () => {
    const landlordId = randomUUID();
    const items = Array.from({ length: rows }, (_, index) => itemsOf(landlordId, `RAW-${run}-${index}`)).flat();
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, index) => items.slice(index * 25, index * 25 + 25));
    let next = 0;
    await Promise.all(
      Array.from({ length: importRules.concurrency }, async () => {
        while (next < batches.length) {
          let pending: unknown = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
          while (Array.isArray(pending) && pending.length > 0) {
            const { UnprocessedItems } = await raw.send(new BatchWriteCommand({ RequestItems: { [env.TABLE_NAME!]: pending as never } }));
            pending = UnprocessedItems?.[env.TABLE_NAME!];
          }
        }
      }),
    );
  };

  const viaImport = async () => {
    const file = `${[header, ...Array.from({ length: rows }, (_, index) => csvRow(`BENCH-${run}-${index}`))].join('\n')}\n`;
    const requested = await fetch(`${cloud.api}/landlord/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv', filename: 'bench.csv', sizeBytes: Buffer.byteLength(file) }),
    });
    const { importId, upload } = (await requested.json()) as { importId: string; upload: { url: string; headers: Record<string, string> } };
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
    if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
    for (;;) {
      const { body } = await httpGet(`${cloud.api}/landlord/imports/${importId}`, { authorization: `Bearer ${token}` });
      const view = JSON.parse(body) as { status: string; counts: { created: number } };
      if (view.status === 'FAILED') throw new Error('bench import failed');
      if (view.status === 'DONE') {
        if (view.counts.created !== rows) throw new Error(`bench import created ${view.counts.created}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const newest = JSON.parse((await httpGet(`${cloud.api}/landlord/offers?limit=1`, { authorization: `Bearer ${token}` })).body);
    if (!newest.offers?.[0]?.externalReference?.startsWith(`BENCH-${run}`)) throw new Error('imported offers not queryable');
  };

  const before = await time(batchWrite);
  const importMs = await time(viaImport);
  const after = await time(batchWrite);
  raw.destroy();
  const batchWriteMs = (before + after) / 2;
  return ratioFigure('import-10k-vs-raw-batchwrite', importMs, batchWriteMs, {
    importMs,
    batchWriteMs,
    batchWriteBeforeMs: before,
    batchWriteAfterMs: after,
  });
}
