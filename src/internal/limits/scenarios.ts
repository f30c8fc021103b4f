/**
 * The runs chapter 10 ("Finding N") tells, its pictures draw and the tests
 * prove, written once so the three cannot drift apart: a service of C = 50
 * (100 ms with no queue, refusals past 60), 10,000 tasks, and the same
 * service dropping to C = 25 (refusals past 30) after 10 s.
 *
 * @internal
 */
import type { AdaptiveSettings } from "./adaptiveState.ts"
import { defaultProfile, type ServiceProfile } from "./serviceProfile.ts"

/** Tasks of the sweep and the adaptive run. */
export const sweepTasks = 10_000

/** The fixed limits of the sweep: 1 to 80, past the hard cap of 60. */
export const sweepLimits: ReadonlyArray<number> = Array.from({ length: 80 }, (_, i) => i + 1)

/** The adaptive limit of the chapter: the defaults, from 1, at most 100. */
export const chapterAdaptive: AdaptiveSettings = {
  algorithm: "gradient",
  min: 1,
  max: 100,
  initial: 1,
  backoff: 0.9,
  tolerance: 0.1,
}

/** When C drops, and to what. */
export const dropAt = 10_000

/** The service whose capacity halves at {@link dropAt}. */
export const droppingProfile: ServiceProfile = {
  ...defaultProfile,
  changes: [{ at: dropAt, capacity: 25, hardCap: 30 }],
}

/** Tasks of the drop run: 5,000 before the drop at 500/s, 2,500 after it at 250/s. */
export const dropTasks = 7_500

/**
 * The sweep's service with noise: each call's own latency is 100 ms ± 50 %
 * (uniform, fixed by the call's number and `seed`), as the job's simulated
 * supplier varies from product to product.
 */
export const noisyProfile = (seed: number): ServiceProfile => ({ ...defaultProfile, spread: 0.5, seed })
