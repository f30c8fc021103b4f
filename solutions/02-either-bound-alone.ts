/**
 * Exercise 2, a solution. The server sees the smaller of the two bounds:
 * the tasks in flight, and the pool's size. With neither (every task at
 * once, a pool larger than the work) it sees one connection per product.
 *
 * 연습 2의 풀이. 서버는 두 상한 중 작은 쪽을 봅니다. 진행 중인 태스크 수와 풀
 * 크기입니다. 둘 다 없으면(모든 태스크를 한꺼번에, 일보다 큰 풀) 상품마다 커넥션
 * 하나를 봅니다.
 */
export const peakConnections = {
  allAtOncePoolOf5: 5,
  tenWorkersPoolOf100: 10,
  allAtOncePoolOf100: 20,
  tenWorkersPoolOf5: 5,
}
