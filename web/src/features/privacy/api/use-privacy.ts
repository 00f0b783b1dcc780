import { useMutation } from '@tanstack/react-query';
import { eraseMe, exportMe } from '#privacy/privacy-routes.ts';
import { callApi } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

/** All my data, as JSON, saved as a file by the browser. */
export function useExport() {
  return useMutation({
    mutationFn: async () => {
      const data = await callApi(exportMe, {}, { token: currentToken() });
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `mes-donnees-${data.exportedAt.slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(url);
      return data;
    },
  });
}

/** Erases my account, my file and my documents. */
export function useErase() {
  return useMutation({ mutationFn: () => callApi(eraseMe, {}, { token: currentToken() }) });
}
