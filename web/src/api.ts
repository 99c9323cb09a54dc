// The JSON API client. The bearer token lives in sessionStorage (this tab only) and goes in
// the Authorization header of every /v1 request. Errors are application/problem+json; each
// becomes an ApiError whose message is fit to show to the user.

const TOKEN_KEY = "chokepoint.token";
const PRINCIPAL_KEY = "chokepoint.principal";

export interface Principal {
  org: string;
  role: string;
  user: string;
  token_id: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(detail || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PRINCIPAL_KEY);
}

export function principal(): Principal | null {
  const raw = sessionStorage.getItem(PRINCIPAL_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Principal;
  } catch {
    return null;
  }
}

export function setPrincipal(p: Principal): void {
  sessionStorage.setItem(PRINCIPAL_KEY, JSON.stringify(p));
}

// Called when the server says the token is no longer good (401): the router sends the user
// back to sign-in. Set by main.ts.
let onUnauthorized: (message: string) => void = () => {};
export function setUnauthorizedHandler(fn: (message: string) => void): void {
  onUnauthorized = fn;
}

interface RequestOptions {
  body?: unknown;
  accept?: string;
  // Sign-in handles its own 401.
  noRedirect?: boolean;
}

async function problemOf(res: Response): Promise<ApiError> {
  let code = "error";
  let detail = "";
  let field: string | undefined;
  const type = res.headers.get("Content-Type") ?? "";
  try {
    if (type.includes("json")) {
      const p = (await res.json()) as { code?: string; detail?: string; title?: string; field?: string };
      code = p.code ?? code;
      detail = p.detail || p.title || "";
      field = p.field || undefined;
    } else {
      detail = (await res.text()).slice(0, 300);
    }
  } catch {
    // An unreadable body: the status line says enough.
  }
  const retry = Number(res.headers.get("Retry-After"));
  return new ApiError(res.status, code, detail || res.statusText, field, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? "application/json" };
  const token = getToken();
  if (token) headers["Authorization"] = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, cache: "no-store", credentials: "omit" });
  } catch {
    throw new ApiError(0, "network", "The server cannot be reached. Is `chokepoint serve` running?");
  }
  if (res.ok) return res;
  const err = await problemOf(res);
  if (res.status === 401 && !opts.noRedirect) {
    signOut();
    onUnauthorized(err.detail);
  }
  throw err;
}

export async function getJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return (await (await request("GET", path, opts)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await request("POST", path, { body })).json()) as T;
}

// What to tell the user about a failed request.
export function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  switch (e.status) {
    case 401:
      return `Your session is no longer valid (${e.detail}). Sign in again.`;
    case 403: {
      const role = principal()?.role;
      return `Your role${role ? ` (${role})` : ""} may not do this (${e.detail}).`;
    }
    case 429:
      return `Too many requests: ${e.detail}.${e.retryAfter ? ` Try again in ${e.retryAfter} s.` : " Try again shortly."}`;
    default:
      return e.detail;
  }
}

// Saves a response body as a file: the API needs the bearer token, so a plain link would not
// do; the body is fetched with it and handed to the browser as a download.
export async function saveResponse(res: Response, filename: string): Promise<void> {
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.className = "hidden";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
