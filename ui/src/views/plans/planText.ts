// Helpers of the plan screens: the source text cut into pieces so the words the OCR repair was
// unsure of can be highlighted, and the checks the coordinator sees before activating.
import type { PlanStructure } from '../../api/client'

export interface Piece {
  text: string
  review: boolean
  confidence?: number
}

// Cuts `text` at the review spans (byte offsets of the UTF-8 text, as the server counts them).
export function reviewPieces(text: string, review: { offset: number; length: number; confidence: number }[]): Piece[] {
  const bytes = new TextEncoder().encode(text)
  const decoder = new TextDecoder()
  const spans = [...review]
    .filter((r) => r.offset >= 0 && r.length > 0 && r.offset + r.length <= bytes.length)
    .sort((a, b) => a.offset - b.offset)
  const pieces: Piece[] = []
  let at = 0
  for (const span of spans) {
    if (span.offset < at) continue // overlapping: keep the first
    if (span.offset > at) pieces.push({ text: decoder.decode(bytes.slice(at, span.offset)), review: false })
    pieces.push({
      text: decoder.decode(bytes.slice(span.offset, span.offset + span.length)),
      review: true,
      confidence: span.confidence,
    })
    at = span.offset + span.length
  }
  if (at < bytes.length) pieces.push({ text: decoder.decode(bytes.slice(at)), review: false })
  return pieces
}

// Agencies that still need an organisation before the plan can be activated.
export function unmatchedAgencies(structure: PlanStructure): string[] {
  const out: string[] = []
  for (const a of structure.assignments) {
    if (a.group) continue
    if (a.organisation_id !== null) continue
    if (a.parts.length > 0) {
      for (const p of a.parts) if (p.organisation_id === null) out.push(p.agency)
    } else {
      out.push(a.agency)
    }
  }
  return out
}

// Tasks an activation would create: one per item, for each organisation of the assignment.
export function taskCount(structure: PlanStructure): number {
  let n = 0
  for (const a of structure.assignments) n += a.tasks.length * Math.max(1, a.organisation_id === null ? a.parts.length : 1)
  return n
}

// Accent-free lower case, for the organisation picker's search.
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
}
