/** Model ids from an OpenAI-compatible `GET /v1/models` answer (vLLM, SGLang, llama.cpp, Ollama…). */
export function parseModelsResponse(body: unknown): string[] {
  if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
    return [];
  }
  const ids: string[] = [];
  for (const entry of body.data as unknown[]) {
    if (typeof entry !== "object" || entry === null || !("id" in entry)) continue;
    const id = entry.id;
    if (typeof id !== "string" || id.trim() === "") continue;
    const clipped = id.trim().slice(0, 200);
    if (!ids.includes(clipped)) ids.push(clipped);
    if (ids.length === 100) break;
  }
  return ids;
}
