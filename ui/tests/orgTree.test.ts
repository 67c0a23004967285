// Organisation tree: building, accent-insensitive filtering, successors, validity.
import { describe, expect, it } from 'vitest'
import type { Organisation } from '../src/api/client'
import { buildTree, countNodes, filterTree, isCurrent, successorNames } from '../src/views/admin/orgTree'
import { fold } from '../src/text'

let nextId = 1
function org(name: string, parent: number | null, extra: Partial<Organisation> = {}): Organisation {
  return {
    id: nextId++, code: 'c' + nextId, name, short_name: null, kind: 'department', level: 'province',
    parent_id: parent, valid_from: null, valid_to: null, aliases: [], alias_entries: [], version: 1, ...extra,
  }
}

const city = org('Ủy ban nhân dân thành phố Hải Phòng', null)
const culture = org('Sở Văn hóa, Thể thao và Du lịch', city.id, { aliases: ['SVHTTDL'] })
const health = org('Sở Y tế', city.id)
const catHai = org('Đặc khu Cát Hải', city.id, { kind: 'special_zone', valid_from: '2025-07-01' })
const stttt = org('Sở Thông tin và Truyền thông', city.id, { valid_to: '2025-02-28' })
const all = [health, catHai, culture, city, stttt]

describe('fold', () => {
  it('removes marks and maps đ', () => {
    expect(fold('Đà Nẵng')).toBe('da nang')
    expect(fold('Văn hóa')).toBe(fold('Văn hoá'))
    expect(fold('Hải Phòng')).toBe('hai phong')
  })
})

describe('buildTree', () => {
  it('nests children under parents in Vietnamese order', () => {
    const roots = buildTree(all)
    expect(roots).toHaveLength(1)
    expect(roots[0]!.children.map((n) => n.org.name)).toEqual([
      'Đặc khu Cát Hải', 'Sở Thông tin và Truyền thông', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế',
    ])
    expect(countNodes(roots)).toBe(5)
  })

  it('makes orphans roots when their parent is not listed', () => {
    expect(buildTree([health, culture]).map((n) => n.org.name)).toHaveLength(2)
  })
})

describe('filterTree', () => {
  const roots = buildTree(all)
  it('matches without accents and keeps the path to the root', () => {
    const found = filterTree(roots, 'van hoa')
    expect(countNodes(found)).toBe(2)
    expect(found[0]!.children[0]!.org.name).toBe('Sở Văn hóa, Thể thao và Du lịch')
  })
  it('matches aliases and đ typed as d', () => {
    expect(countNodes(filterTree(roots, 'svhttdl'))).toBe(2)
    expect(countNodes(filterTree(roots, 'dac khu'))).toBe(2)
  })
  it('returns nothing for no match and everything for an empty query', () => {
    expect(filterTree(roots, 'không có')).toEqual([])
    expect(countNodes(filterTree(roots, '  '))).toBe(5)
  })
})

describe('validity and successors', () => {
  it('knows which bodies exist on a date', () => {
    expect(isCurrent(stttt, '2025-02-28')).toBe(true)
    expect(isCurrent(stttt, '2025-03-01')).toBe(false)
    expect(isCurrent(catHai, '2025-06-30')).toBe(false)
    expect(isCurrent(catHai, '2025-07-01')).toBe(true)
  })
  it('names successors with their scope', () => {
    const names = successorNames(
      [{ predecessor_id: stttt.id, successor_id: culture.id, scope: 'báo chí', effective_on: '2025-03-01' },
       { predecessor_id: stttt.id, successor_id: 9999, scope: 'all', effective_on: '2025-03-01' }],
      all,
    )
    expect(names.get(stttt.id)).toEqual(['Sở Văn hóa, Thể thao và Du lịch (báo chí)'])
  })
})
