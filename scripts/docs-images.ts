/**
 * `npm run docs:images`: (re)writes the pictures in docs/images/ (the Korean ones in docs/images/ko/).
 */
import { Effect } from "effect"
import { mkdir, writeFile } from "node:fs/promises"
import { dirname, join } from "node:path"
import { IMAGES_DIR, renderDocImages } from "./docs/images.ts"

const root = process.cwd()
const images = await Effect.runPromise(renderDocImages)
for (const [name, svg] of Object.entries(images)) {
  await mkdir(dirname(join(root, IMAGES_DIR, name)), { recursive: true })
  await writeFile(join(root, IMAGES_DIR, name), svg)
  console.log(`wrote ${IMAGES_DIR}/${name}`)
}
