/**
 * Sends a file straight to a presigned URL (the bucket, not the API), reporting progress as a
 * fraction from 0 to 1. XMLHttpRequest, because `fetch` reports no upload progress.
 */
export function uploadFile(
  upload: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new Error(`L’envoi du fichier a échoué (${request.status}). Réessayez.`));
    });
    request.addEventListener('error', () => reject(new Error('L’envoi du fichier a échoué. Vérifiez votre connexion puis réessayez.')));
    request.send(file);
  });
}
