/**
 * Exercise 10, a solution. Unordered, a freed slot is reused at once: the
 * pool's schedule. Ordered, the finished results of tasks 2 and 3 wait behind
 * the slow task 1, and so does the next start: task 4 starts at 300 ms, and
 * the run takes 350.
 *
 * 연습 10의 풀이. 순서를 따지지 않으면 빈 슬롯을 바로 다시 씁니다. 풀의 스케줄입니다.
 * 순서대로면 끝난 태스크 2와 3의 결과가 느린 태스크 1 뒤에서 기다리고, 다음 시작도
 * 기다립니다. 태스크 4는 300 ms에 시작하고 실행은 350 ms 걸립니다.
 */
export const orderedStarts: ReadonlyArray<number> = [0, 0, 100, 300]
export const orderedDoneAt: number = 350

export const unorderedStarts: ReadonlyArray<number> = [0, 0, 100, 200]
export const unorderedDoneAt: number = 300
