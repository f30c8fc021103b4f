/**
 * The track speaks English or Korean: `--lang en|ko`, else the locale
 * (`LC_ALL`, `LC_MESSAGES`, `LANG`: `ko_KR.UTF-8` picks Korean). Every text the
 * learner reads is a {@link Text} with both, written side by side so that the
 * two never drift apart. Korean terms follow docs/ko/glossary.md.
 */
export type Lang = "en" | "ko"

export interface Text {
  readonly en: string
  readonly ko: string
}

export const text = (en: string, ko: string): Text => ({ en, ko })

/** The same words in both languages (code, numbers). */
export const same = (both: string): Text => ({ en: both, ko: both })

export const join = (parts: ReadonlyArray<Text>, separator = "\n"): Text => ({
  en: parts.map((part) => part.en).join(separator),
  ko: parts.map((part) => part.ko).join(separator),
})

/** The language a locale string asks for, if it names one the track speaks. */
export const langOfLocale = (locale: string | undefined): Lang | undefined => {
  if (locale === undefined || locale === "") return undefined
  const language = locale.toLowerCase().split(/[_.@-]/)[0]
  return language === "ko" ? "ko" : language === "c" || language === "posix" ? undefined : "en"
}

/** `LC_ALL` wins over `LC_MESSAGES`, which wins over `LANG`, as in POSIX. */
export const langOfEnvironment = (env: Readonly<Record<string, string | undefined>>): Lang =>
  langOfLocale(env["LC_ALL"]) ?? langOfLocale(env["LC_MESSAGES"]) ?? langOfLocale(env["LANG"]) ?? "en"

/** Whether a number read in Korean (일, 이, 삼, …, 십, 백) ends in a consonant. */
const endsInConsonant = (n: number): boolean => {
  const digit = Math.abs(n) % 10
  return digit === 0 || digit === 1 || digit === 3 || digit === 6 || digit === 7 || digit === 8
}

/** A number with its Korean subject particle: 1이, 2가, 3이. */
export const subjectKo = (n: number): string => `${n}${endsInConsonant(n) ? "이" : "가"}`

/** A number with its Korean topic particle: 1은, 2는, 3은. */
export const topicKo = (n: number): string => `${n}${endsInConsonant(n) ? "은" : "는"}`
