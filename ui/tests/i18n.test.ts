// Both catalogs have the same keys, no empty texts, and Vietnamese texts are NFC.
import { describe, expect, it } from 'vitest'
import vi from '../src/i18n/vi'
import en from '../src/i18n/en'
import { formatIsoDate } from '../src/i18n'

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v)
    else for (const [kk, vv] of leaves(v as object, prefix + k + '.')) out.set(kk, vv)
  }
  return out
}

describe('i18n catalogs', () => {
  const viKeys = leaves(vi)
  const enKeys = leaves(en)

  it('have the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...viKeys.keys()].sort())
  })

  it('have no empty texts and keep placeholders alike', () => {
    for (const [key, text] of viKeys) {
      expect(text.trim(), key).not.toBe('')
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('store Vietnamese in NFC', () => {
    for (const [key, text] of viKeys) expect(text, key).toBe(text.normalize('NFC'))
  })

  it('formats ISO dates the way each language writes them', () => {
    expect(formatIsoDate('2025-03-01', 'vi')).toBe('01/03/2025')
    expect(formatIsoDate('2025-03-01', 'en')).toBe('1 Mar 2025')
    expect(formatIsoDate('not a date', 'vi')).toBe('not a date')
  })
})
