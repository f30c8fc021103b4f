/**
 * The walkthroughs as a website (VitePress): `npm run docs:dev` serves it with
 * live reload, `npm run docs:build` writes docs/.vitepress/dist/, a static
 * folder any static host serves.
 *
 * The Markdown in docs/ and docs/ko/ stays the one source, as GitHub shows it
 * and `npm run docs:check` checks it: the sidebar is read from the files
 * (chapters.ts), links written for the repository are mapped to the site's
 * pages (links.ts), and files outside docs/ that a page links to get pages of
 * their own (sourcePages.ts). The playground imports the kit through its
 * public entries, from the sources, as the tests do.
 */
import { fileURLToPath } from "node:url"
import { type DefaultTheme, defineConfig } from "vitepress"
import { readSections, type SiteSections } from "./site/chapters.ts"
import { githubSlug, repositoryLinks } from "./site/links.ts"

const repoRoot = fileURLToPath(new URL("../../", import.meta.url))
const src = fileURLToPath(new URL("../../src/", import.meta.url))

interface Words {
  readonly home: string
  readonly playground: string
  readonly chapters: string
  readonly reference: string
}

const sidebar = (sections: SiteSections, prefix: string, words: Words): DefaultTheme.SidebarItem[] => [
  {
    items: [
      { text: words.home, link: `${prefix}/` },
      { text: words.playground, link: `${prefix}/playground` },
    ],
  },
  { text: words.chapters, items: sections.chapters.map(({ title, link }) => ({ text: title, link })) },
  { text: words.reference, items: sections.reference.map(({ title, link }) => ({ text: title, link })) },
]

const english: Words = { home: "Start here", playground: "Playground", chapters: "Chapters", reference: "Reference" }
const korean: Words = { home: "시작하기", playground: "플레이그라운드", chapters: "장", reference: "참고" }

const themeFor = (dir: string, prefix: string, words: Words): DefaultTheme.Config => ({
  nav: [
    { text: words.chapters, link: `${prefix}/01-the-incident` },
    { text: words.playground, link: `${prefix}/playground` },
  ],
  sidebar: sidebar(readSections(fileURLToPath(new URL(dir, import.meta.url)), prefix), prefix, words),
})

export default defineConfig({
  title: "poolwise",
  description: "Bounded concurrency with Effect, taught test-first: pooled vs chunked, proven under TestClock.",
  // docs/README.md is the home page in both languages, as on GitHub.
  rewrites: { "README.md": "index.md", "ko/README.md": "ko/index.md" },
  cleanUrls: false,
  // Dead links fail the build, but for the local dev server's address the docs give (localhost:5173).
  ignoreDeadLinks: "localhostLinks",
  // An icon inline, so no page asks for a /favicon.ico the site does not have.
  head: [[
    "link",
    {
      rel: "icon",
      href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E" +
        "%3Crect x='1' y='3' width='6' height='4' fill='%233c8772'/%3E%3Crect x='8' y='3' width='7' height='4' " +
        "fill='%233c8772'/%3E%3Crect x='1' y='9' width='14' height='4' fill='%233c8772'/%3E%3C/svg%3E",
    },
  ]],
  lastUpdated: false,
  locales: {
    root: { label: "English", lang: "en", themeConfig: themeFor("../", "", english) },
    ko: {
      label: "한국어",
      lang: "ko",
      link: "/ko/",
      description: "Effect로 배우는 동시 실행 수 상한: pooled 대 chunked, TestClock으로 증명합니다.",
      themeConfig: {
        ...themeFor("../ko/", "/ko", korean),
        outline: { label: "이 페이지에서" },
        docFooter: { prev: "이전", next: "다음" },
        darkModeSwitchLabel: "다크 모드",
        lightModeSwitchTitle: "밝은 모드로",
        darkModeSwitchTitle: "다크 모드로",
        sidebarMenuLabel: "메뉴",
        returnToTopLabel: "맨 위로",
        langMenuLabel: "언어 바꾸기",
        notFound: { title: "페이지를 찾을 수 없습니다", quote: "", linkText: "처음으로", linkLabel: "처음으로 가기" },
      },
    },
  },
  themeConfig: {
    outline: { level: [2, 3] },
    search: {
      provider: "local",
      options: {
        locales: {
          ko: {
            translations: {
              button: { buttonText: "검색", buttonAriaLabel: "검색" },
              modal: {
                displayDetails: "자세히 보기",
                resetButtonTitle: "지우기",
                backButtonTitle: "닫기",
                noResultsText: "결과가 없습니다",
                footer: { selectText: "선택", navigateText: "이동", closeText: "닫기" },
              },
            },
          },
        },
      },
    },
  },
  markdown: {
    // GitHub's high-contrast code colours: the default ones fall short of WCAG's 4.5:1 for some tokens.
    theme: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" },
    // Anchors as GitHub makes them, so `page.md#a-heading` works on GitHub and here alike.
    anchor: { slugify: githubSlug },
    config: (md) => {
      md.use(repositoryLinks(repoRoot))
    },
  },
  vite: {
    // Native class fields (every browser since 2021): at Vite's default target (es2020) each field of Effect's
    // classes (a fiber has about twenty) is set through Object.defineProperty, which made the playground's
    // recompute half as slow again.
    build: { target: "es2022" },
    resolve: {
      // The playground imports the kit as its users do, from the sources (the same entries as package.json `exports`).
      alias: [
        { find: /^poolwise$/, replacement: `${src}index.ts` },
        { find: /^poolwise\/(testing|timeline|fixtures)$/, replacement: `${src}$1/index.ts` },
      ],
    },
  },
})
