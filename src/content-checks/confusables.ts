/**
 * Letters from other scripts that look like Latin ones (after Unicode decomposition), folded to the Latin
 * letter a reader sees: "Аda" with a Cyrillic А reads, and must be checked, as "Ada". Drawn from Unicode's
 * confusables list for the Cyrillic and Greek letters that pass for Latin ones in ordinary fonts.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A', В: 'B', Е: 'E', Ѕ: 'S', І: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ԛ: 'Q', Ԝ: 'W', Ү: 'Y', Һ: 'H', Ӏ: 'I',
  // Cyrillic small letters
  а: 'a', в: 'b', е: 'e', ѕ: 's', і: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', х: 'x', у: 'y', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h', ӏ: 'l', ԁ: 'd', ɡ: 'g', ь: 'b',
  // Greek capitals
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', Ϲ: 'C', Ϳ: 'J',
  // Greek small letters
  α: 'a', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j', ε: 'e', η: 'n', ω: 'w',
  // Latin letters that decomposition leaves alone
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ſ: 's',
  // Dashes and hyphens are one hyphen; typographic apostrophes stay (words keep them).
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE58': '-', '\uFE63': '-', '\uFF0D': '-',
  // Full stops and slashes that look like the ASCII ones and survive compatibility decomposition.
  '\u2024': '.', '\u3002': '.', '\u2044': '/', '\u2215': '/', '\u29F8': '/',
};

export function lookAlike(character: string): string | undefined {
  return LOOK_ALIKES[character];
}
