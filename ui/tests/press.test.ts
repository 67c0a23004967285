import { describe, expect, it } from 'vitest'
import { money, programmeClass, total } from '../src/views/press/press'

describe('money', () => {
  it('writes amounts with dots between thousands and the đồng sign', () => {
    expect(money(12500000)).toBe('12.500.000 đ')
    expect(money(0)).toBe('0 đ')
  })
})

describe('total', () => {
  it('adds quantity × unit price over the rows that are filled in', () => {
    expect(total([{ quantity: 2, unit_price: 3000000 }, { quantity: 1, unit_price: 500000 }])).toBe(6500000)
  })
  it('counts empty, fractional and negative rows as nothing', () => {
    expect(total([
      { quantity: '', unit_price: 1000 },
      { quantity: 1.5, unit_price: 1000 },
      { quantity: -2, unit_price: 1000 },
      { quantity: 3, unit_price: '' },
      { quantity: 3, unit_price: 1000 },
    ])).toBe(3000)
  })
})

describe('programmeClass', () => {
  it('gives each step of a programme its own status colour', () => {
    const classes = (['draft', 'appraisal', 'approval', 'approved'] as const).map(programmeClass)
    expect(new Set(classes).size).toBe(4)
  })
})
