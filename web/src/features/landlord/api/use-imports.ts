import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getLandlordImport, listLandlordImports, requestLandlordImport } from '#imports/import-routes.ts';
import { callApi, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';
import { uploadFile } from '#web/lib/upload.ts';

export type ImportView = ResponseOf<typeof getLandlordImport>;
export type ImportSummary = ResponseOf<typeof listLandlordImports>['imports'][number];

const importsKey = ['landlord', 'imports'] as const;
const unfinished = (status: string | undefined) => status === 'AWAITING_UPLOAD' || status === 'RECEIVED' || status === 'IMPORTING';

export function useImports() {
  return useQuery({
    queryKey: importsKey,
    queryFn: () => callApi(listLandlordImports, { query: { limit: 20 } }, { token: currentToken() }),
    refetchInterval: (query) => (query.state.data?.imports.some((item) => unfinished(item.status)) ? 2000 : false),
  });
}

/** One import, asked again every second until it is finished (done or refused). */
export function useImport(importId: string | undefined) {
  return useQuery({
    queryKey: [...importsKey, importId],
    queryFn: () => callApi(getLandlordImport, { params: { importId: importId ?? '' } }, { token: currentToken() }),
    enabled: importId !== undefined,
    refetchInterval: (query) => (unfinished(query.state.data?.status ?? 'AWAITING_UPLOAD') ? 1000 : false),
  });
}

/** Asks for a presigned URL (the file's size signed in it), then sends the file there with its progress. */
export function useStartImport(onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      onProgress(0);
      const format = /\.(json|ndjson)$/i.test(file.name) || file.type.includes('json') ? 'json' : 'csv';
      const requested = await callApi(
        requestLandlordImport,
        { body: { format, filename: file.name, sizeBytes: file.size } },
        { token: currentToken() },
      );
      await uploadFile(requested.upload, file, onProgress);
      return requested.importId;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: importsKey, exact: true }),
  });
}
