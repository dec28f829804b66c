/// <reference lib="dom" />
import type { Banner } from './banner.view';
import { tokenStore } from './token.store';

/** A refused request, with the gateway's reason and, for 400s, the field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string[]>;
}

/** fetch against the gateway's REST API; 503 and 401 raise the banner instead of failing silently. */
export class ApiClient {
  constructor(private readonly banner: Banner) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string): Promise<T> {
    return this.request<T>('POST', path);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = tokenStore.get();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      this.banner.show('offline', 'The gateway cannot be reached. Retrying…');
      throw new ApiError(0, 'NETWORK', 'gateway unreachable');
    }
    this.banner.clear('offline');
    const json = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (response.ok) {
      this.banner.clear('unavailable');
      if (method !== 'GET') this.banner.clear('auth');
      return json;
    }
    const error = new ApiError(response.status, json.code ?? `HTTP_${response.status}`, json.message ?? response.statusText, json.fieldErrors);
    if (response.status === 401) this.banner.show('auth', `Authentication failed: ${error.message}. Enter the control token at the top.`);
    else if (error.code === 'CONTROL_DISABLED') this.banner.show('auth', `Control is disabled: ${error.message}.`);
    else if (response.status === 503) this.banner.show('unavailable', `Service degraded: ${error.message}`);
    throw error;
  }
}
