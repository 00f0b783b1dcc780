/** Renders the OpenAPI document as one self-contained HTML page (no CDN: the local cloud is offline). */
const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// The pattern matches only the entities' keys, so the fallback is never taken.
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-roles'?: string[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: { 'application/json': { schema: unknown } } }>;
}

export function renderDocsPage(document: { info: { title: string; description: string }; paths: Record<string, Record<string, unknown>> }) {
  const sections = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const access = op['x-roles'] ? `rôles : ${op['x-roles'].join(', ')}` : 'public';
      const params = op.parameters
        .map((p) => `<li><code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', requis' : ''})</li>`)
        .join('');
      const body = op.requestBody
        ? `<h4>Corps</h4><pre>${escapeHtml(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre>`
        : '';
      const responses = Object.entries(op.responses)
        .map(([status, r]) => `<li><b>${status}</b> ${escapeHtml(r.description)}</li>`)
        .join('');
      return `<details><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> — ${escapeHtml(op.summary)} <i>(${escapeHtml(access)})</i></summary>
${params ? `<h4>Paramètres</h4><ul>${params}</ul>` : ''}${body}<h4>Réponses</h4><ul>${responses}</ul></details>`;
    }),
  );
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.5rem}
summary{cursor:pointer}.m{display:inline-block;min-width:4rem;font-weight:bold}.get{color:#06c}.post{color:#080}.put,.patch{color:#a60}.delete{color:#c00}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style>
</head><body><h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description)}</p><p><a href="/openapi.json">openapi.json</a></p>
${sections.join('\n')}</body></html>`;
}
