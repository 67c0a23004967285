// The one typed client of Loa's JSON API (docs/API.md). Every call goes through `request`,
// which sends the session cookie, adds the CSRF token to state-changing requests, and turns
// error bodies {"error": {"code", "message"}} into ApiError.

export type Role = 'admin' | 'coordinator' | 'member' | 'leader'

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  organisation: { id: number; name: string }
}

export interface Session {
  user: User
  csrf_token: string
  expires_at: string
}

export interface Organisation {
  id: number
  code: string
  name: string
  short_name: string | null
  kind: string
  level: string
  parent_id: number | null
  valid_from: string | null
  valid_to: string | null
  aliases: string[]
}

export interface SuccessorLink {
  predecessor_id: number
  successor_id: number
  scope: string
  effective_on: string
}

export interface Registry {
  as_of: string | null
  organisations: Organisation[]
  successors: SuccessorLink[]
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let csrfToken = ''

export function setCsrfToken(token: string): void {
  csrfToken = token
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', 'network error')
  }
  const text = await response.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      throw new ApiError(response.status, 'bad_response', `not JSON: ${text.slice(0, 80)}`)
    }
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status,
                       error?.message ?? response.statusText)
  }
  return data as T
}

export const api = {
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/v1/auth/login', { username, password }),
  logout: () => request<{ signed_out: boolean }>('POST', '/api/v1/auth/logout', {}),
  me: () => request<Session>('GET', '/api/v1/me'),
  organisations: (asOf?: string) =>
    request<Registry>('GET', '/api/v1/organisations' + (asOf ? `?as_of=${encodeURIComponent(asOf)}` : '')),
}
