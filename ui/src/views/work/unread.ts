// How many unread notifications the signed-in user has, shown in the header; refreshed on
// navigation and every minute.
import { ref } from 'vue'
import { api } from '../../api/client'

export const unread = ref(0)

export async function refreshUnread(): Promise<void> {
  try {
    unread.value = (await api.notifications(true)).unread
  } catch {
    // The header keeps the last count; the screen itself reports a lapsed session.
  }
}
