// The API client: CSRF header on state-changing calls, JSON errors turned into ApiError.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, request, setCsrfToken } from '../src/api/client'

function respond(status: number, body: unknown) {
  return vi.fn(async () => new Response(body === null ? '' : JSON.stringify(body), { status }))
}

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken('')
})

describe('request', () => {
  it('sends JSON and the CSRF token on POST, not on GET', async () => {
    const fetchMock = respond(200, { ok: true })
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('tok')
    await request('POST', '/api/v1/auth/logout', {})
    await request('GET', '/api/v1/me')
    const [, post] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const [, get] = fetchMock.mock.calls[1] as unknown as [string, RequestInit]
    expect((post.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok')
    expect((post.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect((get.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    expect(post.credentials).toBe('same-origin')
  })

  it('turns error bodies into ApiError with the server code', async () => {
    vi.stubGlobal('fetch', respond(401, { error: { code: 'unauthenticated', message: 'wrong username or password' } }))
    const error = await api.login('a', 'b').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect((error as ApiError).code).toBe('unauthenticated')
  })

  it('reports network failures and non-JSON answers', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline') }))
    expect(((await api.me().catch((e: unknown) => e)) as ApiError).code).toBe('network')
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>proxy error</html>', { status: 502 })))
    expect(((await api.me().catch((e: unknown) => e)) as ApiError).code).toBe('bad_response')
  })

  it('encodes the as_of date', async () => {
    const fetchMock = respond(200, { as_of: '2025-07-01', organisations: [], successors: [] })
    vi.stubGlobal('fetch', fetchMock)
    await api.organisations('2025-07-01')
    const [url] = fetchMock.mock.calls[0] as unknown as [string]
    expect(url).toBe('/api/v1/organisations?as_of=2025-07-01')
  })
})
