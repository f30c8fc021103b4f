/**
 * Exercise 9, a solution. A limit of 2 is a pool: task 3 starts when task 2
 * ends (100 ms), task 4 when task 3 ends (200 ms); task 1 ends last. No
 * option is one at a time, unlike `Promise.all`. `"unbounded"` is
 * `Promise.all`: all at once, the longest sets the time.
 *
 * 연습 9의 풀이. 상한 2는 풀입니다. 태스크 3은 태스크 2가 끝날 때(100 ms), 태스크
 * 4는 태스크 3이 끝날 때(200 ms) 시작하고, 태스크 1이 마지막에 끝납니다. 옵션이
 * 없으면 `Promise.all`과 달리 하나씩입니다. `"unbounded"`는 `Promise.all`입니다.
 * 한꺼번에 모두, 가장 긴 것이 시간을 정합니다.
 */
export const limit2Starts: ReadonlyArray<number> = [0, 0, 100, 200]
export const limit2DoneAt: number = 300

export const noOptionStarts: ReadonlyArray<number> = [0, 300, 400, 500]
export const noOptionDoneAt: number = 550

export const unboundedStarts: ReadonlyArray<number> = [0, 0, 0, 0]
export const unboundedDoneAt: number = 300
