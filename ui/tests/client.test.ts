// The API client: CSRF header on state-changing calls, JSON errors turned into ApiError.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, request, requestFile, setCsrfToken } from '../src/api/client'

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

describe('xlsxUrl', () => {
  it('asks the list for a workbook with its filters but not its paging', () => {
    expect(api.xlsxUrl('/api/v1/tasks', { status: 'overdue', mine: true, plan: undefined })).toBe(
      '/api/v1/tasks?status=overdue&mine=1&format=xlsx')
    expect(api.xlsxUrl('/api/v1/news', { q: 'Hải Phòng', limit: 20, offset: 40 })).toBe(
      '/api/v1/news?q=H%E1%BA%A3i+Ph%C3%B2ng&format=xlsx')
  })
})

describe('requestFile', () => {
  it('returns the file with the name the server gives it, and the CSRF token', async () => {
    const fetchMock = vi.fn(async () => new Response('PK', {
      status: 200, headers: { 'Content-Disposition': 'attachment; filename="bao-cao-ket-qua-2026.docx"' } }))
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('tok')
    const file = await requestFile('/api/v1/reports/yearly', { year: 2026 })
    expect(file.name).toBe('bao-cao-ket-qua-2026.docx')
    expect(await file.blob.text()).toBe('PK')
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok')
  })
  it('turns an error body into ApiError', async () => {
    vi.stubGlobal('fetch', respond(400, { error: { code: 'invalid_argument', message: 'year must be between 2000 and 2100' } }))
    await expect(requestFile('/api/v1/reports/yearly', { year: 1 })).rejects.toMatchObject({
      status: 400, code: 'invalid_argument', message: 'year must be between 2000 and 2100' })
  })
})
