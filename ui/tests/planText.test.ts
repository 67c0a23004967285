// The plan screens' helpers: highlighting by the server's byte offsets, activation checks.
import { describe, expect, it } from 'vitest'
import { reviewPieces, taskCount, unmatchedAgencies, fold } from '../src/views/plans/planText'
import type { PlanAssignment, PlanStructure } from '../src/api/client'

function structure(assignments: Partial<PlanAssignment>[]): PlanStructure {
  return {
    document: { type: 'KH', number: null, symbol: null, issuer: null, place: null, date: null, year: 2025,
      title: 'Kế hoạch', signer: { name: null, capacity: null }, recipients: [] },
    basis: [], references: [], period: null, sections: [], topics: [], reporting: [],
    looks_like_plan: true, secrecy: null, proposed_organisations: [], notes: [],
    assignments: assignments.map((a) => ({ agency: 'X', organisation_id: null, parts: [], group: false,
      successors: [], role: 'lead', requested: false, tasks: [{ text: 't', due: null }], ...a })),
  }
}

describe('reviewPieces', () => {
  it('cuts the text at UTF-8 byte offsets', () => {
    const text = 'Sở Thông tin và Truyền thông'
    // "Thông" starts after "Sở " (S=1, ở=3, space=1 → byte 5) and is 6 bytes long.
    const pieces = reviewPieces(text, [{ offset: 5, length: 6, confidence: 0.4 }])
    expect(pieces).toEqual([
      { text: 'Sở ', review: false },
      { text: 'Thông', review: true, confidence: 0.4 },
      { text: ' tin và Truyền thông', review: false },
    ])
    expect(pieces.map((p) => p.text).join('')).toBe(text)
  })

  it('ignores spans outside the text or overlapping', () => {
    const pieces = reviewPieces('abc def', [
      { offset: 4, length: 3, confidence: 0.5 },
      { offset: 5, length: 1, confidence: 0.5 },
      { offset: 50, length: 3, confidence: 0.5 },
    ])
    expect(pieces.filter((p) => p.review).map((p) => p.text)).toEqual(['def'])
  })
})

describe('activation checks', () => {
  it('lists the agencies without an organisation, groups and matched parts aside', () => {
    const s = structure([
      { agency: 'Sở Tài chính', organisation_id: 6 },
      { agency: 'Các sở, ban, ngành', group: true },
      { agency: 'Báo A; Báo B', parts: [{ agency: 'Báo A', organisation_id: 3 }, { agency: 'Báo B', organisation_id: null }] },
      { agency: 'Sở Mới' },
    ])
    expect(unmatchedAgencies(s)).toEqual(['Báo B', 'Sở Mới'])
    expect(taskCount(s)).toBe(1 + 1 + 2 + 1)
  })

  it('folds Vietnamese for searching', () => {
    expect(fold('Đặc khu Cát Hải')).toBe('dac khu cat hai')
  })
})
