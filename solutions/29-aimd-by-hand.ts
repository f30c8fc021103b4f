/**
 * Exercise 29, a solution. Against a cap of 12 from 1 with backoff 0.5:
 * 1, 2, 4, 8, 16 (refused), 8, 9, 10, ... and at 13 refused again, down to
 * 7. AIMD keeps probing the cap; the gradient variant reads latency and
 * settles below it (chapter 10).
 *
 * 연습 29의 풀이. 상한 12인 서비스에 1부터, backoff 0.5로: 1, 2, 4, 8, 16(거절),
 * 8, 9, 10, ... 그리고 13에서 다시 거절되어 7로. AIMD는 상한을 계속 찔러 보고,
 * 그래디언트 방식은 지연을 읽어 그 아래에 자리 잡습니다(10장).
 */
export interface AimdState {
  readonly limit: number
  readonly probing: boolean
}

export interface AimdBounds {
  readonly min: number
  readonly max: number
  readonly backoff: number
}

export const nextLimit = (state: AimdState, overloaded: boolean, bounds: AimdBounds): AimdState => {
  if (overloaded) return { limit: Math.max(bounds.min, Math.round(state.limit * bounds.backoff)), probing: false }
  const grown = state.probing ? state.limit * 2 : state.limit + 1
  return { limit: Math.min(bounds.max, grown), probing: state.probing }
}
