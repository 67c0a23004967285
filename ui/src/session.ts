// The signed-in user, shared by every screen. `restore` asks the server on start-up whether
// the session cookie is still good; the cookie itself is HttpOnly and never seen here.
import { reactive, readonly } from 'vue'
import { api, ApiError, setCsrfToken, type Session } from './api/client'

const state = reactive<{ session: Session | null; checked: boolean }>({
  session: null,
  checked: false,
})

export const session = readonly(state)

function adopt(s: Session | null): void {
  state.session = s
  setCsrfToken(s?.csrf_token ?? '')
}

export async function restore(): Promise<void> {
  try {
    adopt(await api.me())
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    adopt(null)
  } finally {
    state.checked = true
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  adopt(await api.login(username, password))
}

export async function signOut(): Promise<void> {
  try {
    await api.logout()
  } finally {
    adopt(null)
  }
}

// For a 401 from any later call: the session ended on the server.
export function forget(): void {
  adopt(null)
}
