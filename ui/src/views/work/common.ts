// Shared by the work-tracking screens: turning API failures into a message (and a lapsed
// session into the sign-in screen), dates in the reader's form, status colours.
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ApiError } from '../../api/client'
import { formatIsoDate } from '../../i18n'
import { forget } from '../../session'

export function useFailure(): (e: unknown) => Promise<string> {
  const { t } = useI18n()
  const router = useRouter()
  return async (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) {
      forget()
      await router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } })
      return t('errors.sessionEnded')
    }
    return t('errors.generic', { code: e instanceof ApiError ? e.code : 'network' })
  }
}

export function useDates(): { date: (iso: string | null) => string; time: (iso: string) => string } {
  const { locale, d } = useI18n()
  return {
    date: (iso) => (iso ? formatIsoDate(iso.slice(0, 10), locale.value) : '—'),
    time: (iso) => d(new Date(iso), 'short'),
  }
}

// The CSS class of a status chip: overdue wins over the stored status.
export function statusClass(status: string, overdue = false): string {
  return overdue ? 'st-overdue' : 'st-' + status
}
