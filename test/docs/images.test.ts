import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { resolve } from "node:path"
import { randomWorkload, renderDocImages } from "../../scripts/docs/images.ts"
import { checkImages } from "../../scripts/docs/check.ts"
import { BACKSTOP_MS } from "./fixture.ts"

const repo = resolve(import.meta.dirname, "../..")

describe("renderDocImages", { timeout: BACKSTOP_MS }, () => {
  it.effect("draws the seed workload: chunked done at 500 ms, pooled at 300 ms", () =>
    Effect.gen(function* () {
      const images = yield* renderDocImages
      expect(Object.keys(images)).toEqual([
        "seed-chunked-vs-pooled.svg",
        "random-chunked-vs-pooled.svg",
        "finding-n-sweep.svg",
        "finding-n-adaptive.svg",
        "finding-n-rate.svg",
        "finding-n-live.svg",
        "ko/seed-chunked-vs-pooled.svg",
        "ko/random-chunked-vs-pooled.svg",
        "ko/finding-n-sweep.svg",
        "ko/finding-n-adaptive.svg",
        "ko/finding-n-rate.svg",
        "ko/finding-n-live.svg",
      ])
      const seed = images["seed-chunked-vs-pooled.svg"]!
      expect(seed).toContain(">done at 500 ms</text>")
      expect(seed).toContain(">done at 300 ms</text>")
      expect(seed.match(/<g class="span succeeded">/g)).toHaveLength(6)
    }))

  it.effect("draws chapter 10's runs: the sweep and the adaptive makespan, the drop, the rate's and the live limit's schedules", () =>
    Effect.gen(function* () {
      const images = yield* renderDocImages
      expect(images["finding-n-sweep.svg"]).toContain(">adaptive, from 1: 20.627 s</text>")
      expect(images["finding-n-adaptive.svg"]).toContain(">refusals (83)</text>")
      expect(images["finding-n-rate.svg"]).toContain(">done at 2100 ms</text>")
      expect(images["finding-n-live.svg"]).toContain(">done at 650 ms</text>")
    }))

  it.effect("draws the Korean pictures with Korean words: titles, markers, slots, legend, axes; no English word left", () =>
    Effect.gen(function* () {
      const images = yield* renderDocImages
      const seed = images["ko/seed-chunked-vs-pooled.svg"]!
      expect(seed).toContain(">500 ms에 끝남</text>")
      expect(seed).toContain(">300 ms에 끝남</text>")
      expect(seed).toContain(">슬롯 1</text>")
      expect(seed).toContain(">성공</text>")
      expect(seed).toContain(">청크를 기다리며 노는 중</text>")
      expect(seed.match(/<g class="span succeeded">/g)).toHaveLength(6)
      expect(images["ko/finding-n-adaptive.svg"]).toContain(">거절 (83)</text>")
      expect(images["ko/finding-n-rate.svg"]).toContain(">2100 ms에 끝남</text>")
      expect(images["ko/finding-n-sweep.svg"]).toContain(">적응형, 1부터: 20.627 s</text>")
      // Drawn text and tooltips, less names and units (chunked, pooled, makespan, Promise.all, gradient, ms, s).
      const kept = /\b(chunked|pooled|makespan|Promise|all|gradient|ms|s|C)\b/g
      for (const [name, svg] of Object.entries(images).filter(([name]) => name.startsWith("ko/"))) {
        const words = [...svg.matchAll(/>([^<]+)</g)].map(([, text]) => text!.replace(kept, ""))
        expect({ name, english: words.filter((text) => /[A-Za-z]{2,}/.test(text)) }).toEqual({ name, english: [] })
      }
    }))

  it.effect("draws the same bytes every time, from a fixed pseudo-random workload", () =>
    Effect.gen(function* () {
      expect(randomWorkload).toHaveLength(24)
      expect(randomWorkload.every(({ time }) => time >= 50 && time <= 400 && time % 10 === 0)).toBe(true)
      expect(yield* renderDocImages).toEqual(yield* renderDocImages)
    }))

  it.effect("matches the pictures committed in docs/images (else: npm run docs:images)", () =>
    Effect.map(renderDocImages, (images) => expect(checkImages(repo, images)).toEqual([])))
})
