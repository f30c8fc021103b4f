/**
 * VitePress's default theme (navigation, local search, the language switch,
 * dark mode, copy buttons on code blocks) plus the kit's `<Playground />`. Without its web
 * font: the system's fonts cover Korean as well, and the home page loads 70 KB less.
 */
import type { Theme } from "vitepress"
import DefaultTheme from "vitepress/theme-without-fonts"
import Playground from "./Playground.ts"
import "./playground.css"

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("Playground", Playground)
  },
}

export default theme
