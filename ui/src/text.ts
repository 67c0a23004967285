// Accent-insensitive matching for Vietnamese in the browser: "van hoa" finds "Văn hóa",
// "da nang" finds "Đà Nẵng" (đ is a letter of its own, not a mark, so it is mapped by hand).
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
}

// Sorts as a Vietnamese reader expects (a < ă < â < b …, đ after d).
export const collator = new Intl.Collator('vi')
