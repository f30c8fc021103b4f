/**
 * `<Playground />` in a page: the learner edits the task durations, the limit
 * and the chunk size, and sees chunked and pooled side by side, predicted by
 * the kit under TestClock (playground/compute.ts, loaded once the playground
 * is on screen), and can run the same schedules on the real clock.
 *
 * The form is rendered with the page (also before the kit loads, and without
 * JavaScript); the results appear when the kit has run.
 */
import { useData } from "vitepress"
import { defineComponent, h, nextTick, onBeforeUnmount, onMounted, ref, shallowRef, useId, type VNode } from "vue"
import type { LiveResult, Outcome, PlaygroundInput } from "../playground/compute.ts"
import { stringsFor } from "../playground/strings.ts"

type Kit = typeof import("../playground/compute.ts")

/** The presets: the blog's workload, and random workloads from a fixed seed (the same tasks on every visit). */
const randomDurations = (count: number, seed: number): string => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Array.from({ length: count }, () => 20 + Math.round(next() * 38) * 10).join(", ")
}

const BLOG = "100, 300, 200"

type Live =
  | { readonly state: "idle" }
  | { readonly state: "running"; readonly cancel: () => void }
  | { readonly state: "done"; readonly measured: LiveResult; readonly predicted: LiveResult }

export default defineComponent({
  name: "Playground",
  setup() {
    const { lang } = useData()
    const id = useId()
    const input = ref<PlaygroundInput>({ durations: BLOG, limit: "2", chunkSize: "" })
    /** The latest result, with the input it was computed for. */
    const outcome = shallowRef<{ readonly input: PlaygroundInput; readonly result: Outcome } | undefined>(undefined)
    /** From the learner's edit to the results on the page, in ms. */
    const editToPage = ref<number | undefined>(undefined)
    const live = shallowRef<Live>({ state: "idle" })
    const root = ref<HTMLElement | null>(null)
    let kit: Kit | undefined
    let running = false
    let pending: number | undefined
    let observer: IntersectionObserver | undefined

    const cancelLive = () => {
      if (live.value.state === "running") live.value.cancel()
      live.value = { state: "idle" }
    }

    /** Recomputes for the latest input; edits made meanwhile are folded into one more run. */
    const recompute = async (editedAt: number) => {
      if (kit === undefined) return
      if (running) {
        pending = Math.min(pending ?? editedAt, editedAt)
        return
      }
      running = true
      let since: number | undefined = editedAt
      while (since !== undefined) {
        const computedFor = input.value
        const result = await kit.predictNow(computedFor, stringsFor(lang.value))
        outcome.value = { input: computedFor, result }
        await nextTick()
        editToPage.value = performance.now() - since
        since = pending
        pending = undefined
      }
      running = false
    }

    const edit = (field: keyof PlaygroundInput, value: string) => {
      const editedAt = performance.now()
      input.value = { ...input.value, [field]: value }
      cancelLive()
      void recompute(editedAt)
    }

    const load = async () => {
      kit = await import("../playground/compute.ts")
      await recompute(performance.now())
    }

    onMounted(() => {
      const element = root.value
      if (element === null || typeof IntersectionObserver === "undefined") return void load()
      // Effect and the kit load only once the playground is (nearly) on screen.
      observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer?.disconnect()
          void load()
        }
      }, { rootMargin: "200px" })
      observer.observe(element)
    })
    onBeforeUnmount(() => {
      observer?.disconnect()
      cancelLive()
    })

    const startLive = () => {
      const result = outcome.value?.result
      if (kit === undefined || result === undefined || !result.ok) return
      const prediction = result.prediction
      const run = kit.runLive(prediction)
      live.value = { state: "running", cancel: run.cancel }
      run.result.then(
        (measured) => {
          live.value = {
            state: "done",
            measured,
            predicted: { chunked: prediction.chunked.makespan, pooled: prediction.pooled.makespan },
          }
        },
        () => {
          if (live.value.state === "running") live.value = { state: "idle" }
        },
      )
    }

    return (): VNode => {
      const t = stringsFor(lang.value)
      const field = (
        name: keyof PlaygroundInput,
        label: string,
        help: string | undefined,
        attributes: Record<string, unknown>,
        tag: "input" | "textarea" = "input",
      ) =>
        h("div", { class: `pw-field pw-field-${name}` }, [
          h("label", { for: `${id}-${name}` }, label),
          h(tag, {
            id: `${id}-${name}`,
            value: input.value[name],
            spellcheck: false,
            autocomplete: "off",
            "aria-describedby": help === undefined ? undefined : `${id}-${name}-help`,
            onInput: (event: Event) => edit(name, (event.target as HTMLInputElement).value),
            ...attributes,
          }),
          help === undefined ? null : h("small", { id: `${id}-${name}-help` }, help),
        ])
      const preset = (label: string, durations: string) =>
        h("button", {
          type: "button",
          class: "pw-preset",
          onClick: () => {
            edit("durations", durations)
          },
        }, label)
      const form = h("form", { class: "pw-form", onSubmit: (event: Event) => event.preventDefault() }, [
        field("durations", t.durations, t.durationsHelp, { rows: 2 }, "textarea"),
        h("div", { class: "pw-limits" }, [
          field("limit", t.limit, undefined, { inputmode: "numeric", size: 6 }),
          field("chunkSize", t.chunkSize, t.chunkSizeHelp, {
            inputmode: "numeric",
            size: 6,
            placeholder: input.value.limit,
          }),
        ]),
        h("div", { class: "pw-presets", role: "group", "aria-label": t.presets }, [
          preset(t.blogWorkload, BLOG),
          preset(t.randomTasks(24), randomDurations(24, 24)),
          preset(t.randomTasks(200), randomDurations(200, 200)),
        ]),
      ])
      return h("section", { ref: root, class: "pw-playground", "aria-label": t.heading }, [
        h("p", { class: "pw-heading" }, t.heading),
        form,
        results(t),
      ])
    }

    function results(t: ReturnType<typeof stringsFor>): VNode {
      if (outcome.value === undefined) {
        return h("p", { class: "pw-loading", "data-testid": "pw-loading" }, t.loading)
      }
      const { result, input: computedFor } = outcome.value
      // What the results were computed for, so a reader (or a test) can tell they are current.
      const echo = {
        "data-durations": computedFor.durations,
        "data-limit": computedFor.limit,
        "data-chunk-size": computedFor.chunkSize,
      }
      if (!result.ok) {
        return h("div", { class: "pw-error", role: "alert", "data-testid": "pw-error", ...echo }, [
          h("strong", {}, t.errorHeading),
          h("p", { class: "pw-error-message", "data-testid": "pw-error-message" }, result.message),
        ])
      }
      const { prediction } = result
      const row = (name: "chunked" | "pooled") =>
        h("tr", {}, [
          h("th", { scope: "row" }, t[name]),
          h("td", { "data-testid": `pw-${name}-makespan` }, `${prediction[name].makespan} ms`),
          h("td", { "data-testid": `pw-${name}-idle` }, `${prediction[name].idle} ms`),
          liveCell(name),
        ])
      const current = live.value
      const tooLong = kit !== undefined &&
        Math.max(prediction.chunked.makespan, prediction.pooled.makespan) > kit.MAX_LIVE_MS
      return h("div", {
        class: "pw-results",
        "data-testid": "pw-results",
        "data-tasks": prediction.durations.length,
        ...echo,
      }, [
        h("table", { class: "pw-table" }, [
          h("thead", {}, [
            h("tr", {}, [
              h("td", {}),
              h("th", { scope: "col" }, t.makespan),
              h("th", { scope: "col", title: t.idleHelp }, t.idle),
              h("th", { scope: "col" }, `${t.measured} / ${t.predicted}`),
            ]),
          ]),
          h("tbody", {}, [row("chunked"), row("pooled")]),
        ]),
        h("p", { class: "pw-note" }, `${t.idle}: ${t.idleHelp}`),
        h("div", { class: "pw-live" }, [
          current.state === "running"
            ? h("button", { type: "button", onClick: cancelLive }, t.cancelLive)
            : h("button", {
              type: "button",
              class: "pw-run-live",
              disabled: tooLong,
              onClick: startLive,
            }, t.runLive),
          h(
            "span",
            { class: "pw-live-status", role: "status" },
            current.state === "running" ? t.liveRunning : tooLong ? t.liveTooLong((kit?.MAX_LIVE_MS ?? 0) / 1000) : "",
          ),
        ]),
        h("figure", { class: "pw-figure" }, [
          h("div", {
            class: "pw-svg",
            role: "img",
            "aria-label": t.pictureTitle(prediction.durations.length),
            innerHTML: prediction.svg,
          }),
        ]),
        h("details", { class: "pw-text" }, [h("summary", {}, t.textChart), h("pre", {}, prediction.gantt)]),
        h("p", {
          class: "pw-computed",
          "data-testid": "pw-computed",
          "data-compute-ms": result.ms.toFixed(1),
          "data-edit-ms": editToPage.value?.toFixed(1),
        }, t.computed(result.ms.toFixed(1), prediction.durations.length)),
      ])
    }

    function liveCell(name: "chunked" | "pooled"): VNode {
      const current = live.value
      return h(
        "td",
        { "data-testid": `pw-live-${name}` },
        current.state === "done" ? `${Math.round(current.measured[name])} / ${current.predicted[name]} ms` : "–",
      )
    }
  },
})
