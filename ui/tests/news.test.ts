// The press screens' helpers: the API's match markers become marked segments.
import { describe, expect, it } from 'vitest'
import { highlight } from '../src/views/monitoring/news'

describe('highlight', () => {
  it('marks the matches between brackets and keeps the rest', () => {
    expect(highlight('Thành phố [Hải] [Phòng] đón khách')).toEqual([
      { text: 'Thành phố ', mark: false },
      { text: 'Hải', mark: true },
      { text: ' ', mark: false },
      { text: 'Phòng', mark: true },
      { text: ' đón khách', mark: false },
    ])
  })
  it('leaves text without markers whole, and an empty snippet empty', () => {
    expect(highlight('Không có gì')).toEqual([{ text: 'Không có gì', mark: false }])
    expect(highlight('')).toEqual([])
  })
})
