/**
 * Exercise 14, a solution. The second chunk (indexes 3, 4, 5) starts when the
 * longest task of the first (300 ms) ends. With a limit of 3, index 3 starts
 * when index 0 ends (100), index 4 when index 3 ends (150), index 5 at 200,
 * when both index 4 and index 2 end; it is the last to end, at 600.
 *
 * 연습 14의 풀이. 두 번째 청크(인덱스 3, 4, 5)는 첫 청크에서 가장 긴 태스크(300 ms)가
 * 끝날 때 시작합니다. 상한 3이면 인덱스 3은 인덱스 0이 끝날 때(100), 인덱스 4는
 * 인덱스 3이 끝날 때(150), 인덱스 5는 인덱스 4와 2가 끝나는 200에 시작하고, 600에
 * 마지막으로 끝납니다.
 */
export const chunksOf3Starts: ReadonlyArray<number> = [0, 0, 0, 300, 300, 300]
export const chunksOf3DoneAt: number = 700

export const limit3Starts: ReadonlyArray<number> = [0, 0, 0, 100, 150, 200]
export const limit3DoneAt: number = 600
