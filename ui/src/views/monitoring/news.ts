// Shared by the press-monitoring screens: snippets with their matches marked, and labels.
export interface Segment {
  text: string
  mark: boolean
}

// "… [Hải Phòng] đón …" (the API's match markers) → segments to render, matches marked.
export function highlight(snippet: string): Segment[] {
  const out: Segment[] = []
  const re = /\[([^\]]*)\]/g
  let last = 0
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) out.push({ text: snippet.slice(last, m.index), mark: false })
    out.push({ text: m[1] ?? '', mark: true })
    last = m.index + m[0].length
  }
  if (last < snippet.length) out.push({ text: snippet.slice(last), mark: false })
  return out
}

export const CATEGORIES = ['business', 'education', 'entertainment', 'health', 'science', 'society',
  'sport', 'tech', 'travel', 'world'] as const

// "Chủ đề: …", "Nêu tên: …", "Từ chung: …" — why an article may prove a task.
export function reasonLabel(t: (key: string, values?: Record<string, unknown>) => string,
                            reason: { kind: string; detail: string }): string {
  return t('news.evidence.reason.' + reason.kind, { detail: reason.detail })
}
