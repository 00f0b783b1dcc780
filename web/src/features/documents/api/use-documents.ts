import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listDocuments, requestDocumentUpload } from '#housing-file/document-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';
import { uploadFile } from '#web/lib/upload.ts';

export type DocumentList = ResponseOf<typeof listDocuments>;
export type DocumentType = RequestOf<typeof requestDocumentUpload>['body']['type'];

const documentsKey = ['me', 'documents'] as const;

/** "Mes documents": each document and whether the file is complete; asked again while an upload awaits its arrival. */
export function useDocuments() {
  return useQuery({
    queryKey: documentsKey,
    queryFn: () => callApi(listDocuments, {}, { token: currentToken() }),
    refetchInterval: (query) => (query.state.data?.documents.some((document) => document.status === 'REQUESTED') ? 1000 : false),
  });
}

/** Asks the API for a presigned URL (type and size signed in it), then sends the file there with its progress. */
export function useUploadDocument(onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ type, file }: { type: DocumentType; file: File }) => {
      onProgress(0);
      const requested = await callApi(
        requestDocumentUpload,
        { body: { type, contentType: file.type as 'application/pdf', sizeBytes: file.size, filename: file.name } },
        { token: currentToken() },
      );
      await uploadFile(requested.upload, file, onProgress);
      return requested;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: documentsKey }),
  });
}
