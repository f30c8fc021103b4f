/**
 * Exercise 3, a solution. Chunks: each chunk starts when the longest task of
 * the one before ends (200, then 200 + 300). A pool: each task starts on the
 * slot that frees up first (task 3 at 100 ms, when task 2 ends).
 *
 * 연습 3의 풀이. 청크: 각 청크는 앞 청크에서 가장 긴 태스크가 끝날 때 시작합니다
 * (200, 그다음 200 + 300). 풀: 각 태스크는 가장 먼저 비는 슬롯에서 시작합니다
 * (태스크 3은 태스크 2가 끝나는 100 ms에).
 */
export const chunkedStarts: ReadonlyArray<number> = [0, 0, 200, 200, 500]
export const chunkedDoneAt: number = 700

export const pooledStarts: ReadonlyArray<number> = [0, 0, 100, 200, 300]
export const pooledDoneAt: number = 500
