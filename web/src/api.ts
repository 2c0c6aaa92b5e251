// The HTTP API of `dabir serve` (same origin). Errors are application/problem+json {type,title,status,detail}.

export interface Span {
  start: number;
  end: number;
}

export interface Token {
  form: string;
  lemma?: string;
  upos?: string;
  span: Span;
}

export interface Entity {
  text: string;
  label: string;
  span: Span;
}

export interface ActorRef {
  text: string;
  start: number;
  end: number;
  id?: string | null;
  name?: string | null;
  country?: string | null;
  sector?: string | null;
  cameo?: string | null;
  resolution?: string | null;
  confidence?: number | null;
}

export interface EventRecord {
  type: string;
  mode?: string | null;
  actor: ActorRef;
  recipients: ActorRef[];
  cameo?: string | null;
  cameoName?: string | null;
  trigger: { text: string; start: number; end: number };
  negated?: boolean;
  tier?: string | null;
  confidence?: number | null;
}

export interface DocumentRecord {
  schema: string;
  id: string;
  url: string | null;
  agency: { id: string; name: string; nameFa: string; country?: string } | null;
  published: string | null;
  reporter?: { text?: string; name?: string } | string | null;
  title: { text: string; span: Span } | null;
  lead?: { text: string; span: Span } | null;
  removed?: { text: string; span: Span; reason: string }[];
  sourceText: string;
  text: string;
  tokens?: Token[];
  entities?: Entity[];
  actors?: ActorRef[];
  events?: EventRecord[];
  otherEvents?: EventRecord[];
}

export interface SearchHit {
  id: string;
  url: string | null;
  title: string | null;
  agency: string | null;
  published: string | null;
  score: number;
  copies: number;
  snippet: { text: string; sourceStart: number; highlights: { start: number; length: number }[] } | null;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
}

export interface ActorActivity {
  id: string;
  name: string | null;
  country: string | null;
  sector?: string | null;
  cameo?: string | null;
  documents: number;
  months: { month: string; type: string; asActor: number; asRecipient: number }[];
  counterparts: { id: string; name: string | null; events: number }[];
}

export interface EventHit {
  document: { id: string; url: string | null; title: string | null; published: string | null };
  event: EventRecord;
}

export interface Health {
  status: string;
  documents: number;
  version: string;
}

/** An answer other than 2xx: the problem's title and detail when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

async function send<T>(path: string, init?: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, signal, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'سرور در دسترس نیست', null);
  }
  if (!response.ok) {
    let title = `خطای ${response.status}`;
    let detail: string | null = null;
    try {
      const problem = (await response.json()) as { title?: string; detail?: string };
      if (problem.title) title = problem.title;
      if (problem.detail) detail = problem.detail;
    } catch {
      // not a problem document: keep the status
    }
    throw new ApiError(response.status, title, detail);
  }
  return (await response.json()) as T;
}

export interface SearchParams {
  q: string;
  from?: string;
  to?: string;
  agency?: string;
  actor?: string;
  event?: string;
  limit?: number;
}

export function search(params: SearchParams, signal?: AbortSignal): Promise<SearchResult> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  return send<SearchResult>(`/v1/search?${query}`, undefined, signal);
}

export function getDocument(id: string, signal?: AbortSignal): Promise<DocumentRecord> {
  return send<DocumentRecord>(`/v1/documents/${encodeURIComponent(id)}`, undefined, signal);
}

export function getActor(id: string, signal?: AbortSignal): Promise<ActorActivity> {
  return send<ActorActivity>(`/v1/actors/${encodeURIComponent(id)}`, undefined, signal);
}

export function getEvents(actor: string, limit: number, signal?: AbortSignal): Promise<{ events: EventHit[] }> {
  const query = new URLSearchParams({ actor, limit: String(limit) });
  return send<{ events: EventHit[] }>(`/v1/events?${query}`, undefined, signal);
}

export function analyze(text: string, signal?: AbortSignal): Promise<DocumentRecord> {
  return send<DocumentRecord>(
    '/v1/analyze?level=full',
    { method: 'POST', body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    signal,
  );
}

export function health(signal?: AbortSignal): Promise<Health> {
  return send<Health>('/health', undefined, signal);
}

export function stats(signal?: AbortSignal): Promise<Record<string, unknown>> {
  return send<Record<string, unknown>>('/v1/stats', undefined, signal);
}
