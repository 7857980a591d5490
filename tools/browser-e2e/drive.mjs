#!/usr/bin/env node
// Drives Neo4j Browser in headless Chromium as a user does, and prints what it saw as one JSON
// object on stdout; tests/test_browser_e2e.py judges it against the style, the guide and the
// database, and tools/browser-e2e/screenshot makes docs/neo4j-browser.png with it.
//
//   DYADGRAPH_NEO4J_PASSWORD=... node drive.mjs --browser http://127.0.0.1:7474/browser/ \
//     --bolt bolt://127.0.0.1:7687 --user neo4j --query "MATCH ... RETURN a, t, b" \
//     [--screenshot out.png] [--failure-screenshot failed.png] [--chromium /usr/bin/chromium]
//
// Steps: log in with the connect form; read the frames Browser's post-connect command made (the
// style, the guide) and the guide's slide; close those frames; go through the guide's slides to
// the one holding --query, click that block (Browser copies it into the editor), run it, and read
// the drawn graph: every node's circle and caption, the legend's label chips. The password comes
// from the environment only, never the command line (which `ps` shows).
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'

const { values: options } = parseArgs({
  options: {
    browser: { type: 'string' },
    bolt: { type: 'string' },
    user: { type: 'string', default: 'neo4j' },
    query: { type: 'string' },
    screenshot: { type: 'string' },
    'failure-screenshot': { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    timeout: { type: 'string', default: '90000' }
  }
})
for (const required of ['browser', 'bolt', 'query']) {
  if (!options[required]) usage(`--${required} is required`)
}
const password = process.env.DYADGRAPH_NEO4J_PASSWORD
if (!password) usage('set DYADGRAPH_NEO4J_PASSWORD to the password of --user')
const timeout = Number(options.timeout)

function usage(message) {
  process.stderr.write(`drive.mjs: ${message}\n`)
  process.exit(2)
}

// The flags the project runs headless Chromium with (no sandbox: CI runs as root).
const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run'
  ]
})
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 })
page.setDefaultTimeout(timeout)
const seen = {}
try {
  await drive(page, seen)
  process.stdout.write(JSON.stringify(seen, null, 2) + '\n')
} catch (error) {
  if (options['failure-screenshot']) {
    await page.screenshot({ path: options['failure-screenshot'] }).catch(() => undefined)
  }
  process.stderr.write(`drive.mjs: ${error.message}\nseen so far: ${JSON.stringify(seen)}\n`)
  process.exitCode = 1
} finally {
  await browser.close()
}

async function drive(page, seen) {
  await page.goto(options.browser)
  seen.title = await page.title()

  // The connect form (neo4j-browser's ConnectForm: data-testid boltaddress, username, password).
  await page.locator('input[data-testid="boltaddress"]').fill(options.bolt)
  await page.locator('input[data-testid="username"]').fill(options.user)
  await page.locator('input[data-testid="password"]').fill(password)
  await page.locator('button[data-testid="connect"]').click()

  // browser.post_connect_cmd: the style in a frame, then the guide in the sidebar's drawer.
  const drawer = page.locator('[data-testid="guidesDrawer"]')
  await drawer.locator('h3').first().waitFor()
  const styleFrame = page.locator('[data-testid="frame"]', { hasText: ':style ' })
  await styleFrame.first().waitFor()
  seen.frames = await page.locator('[data-testid="frameCommand"]').allInnerTexts()
  seen.guide = await readGuide(drawer)

  // Browser's usage-data banner and the frames before the query, out of the picture.
  const banner = page.locator('[data-testid="main"] > div', { hasText: 'To help make Neo4j Browser better' })
  if (await banner.count()) await banner.locator(':scope > :last-child').click()
  for (let left = await page.locator('[data-testid="frame"]').count(); left > 0; left--) {
    await page.locator('[data-testid="frame"] [title="Close"]').first().click()
  }
  await page.locator('[data-testid="frame"]').first().waitFor({ state: 'detached' })

  // Next slide until the one that holds the query; a click copies a block into the editor.
  const block = drawer.locator('pre.runnable').filter({ hasText: options.query.split('\n')[0] })
  for (let turns = 0; !(await block.count()); turns++) {
    const next = page.locator('[data-testid="guideNextSlide"]')
    if (turns > 100 || (await next.isDisabled())) throw new Error(`no guide slide holds: ${options.query}`)
    await next.click()
  }
  seen.slide = await readGuide(drawer)
  seen.block = (await block.first().innerText()).trim()
  await block.first().click()
  const editor = page.locator('[data-testid="activeEditor"] .view-lines')
  await editor.filter({ hasText: options.query.split('\n')[0] }).waitFor()
  seen.editor = (await editor.innerText()).replace(/\u00a0/g, ' ')
  await page.locator('[data-testid="editor-Run"]').click()

  // The result frame draws the graph as SVG (neo4j-arc's Visualization: g.node > circle.b-outline
  // and text.caption); the force layout moves nodes until it settles.
  const frame = page.locator('[data-testid="frame"]').first()
  await frame.locator('svg g.node').first().waitFor()
  await settled(frame)
  seen.command = (await frame.locator('[data-testid="frameCommand"]').innerText()).replace(/\u00a0/g, ' ')
  seen.nodes = await frame.locator('svg g.node').evaluateAll(groups =>
    groups.map(group => {
      const circle = group.querySelector('circle.b-outline')
      const lines = [...group.querySelectorAll('text.caption')]
      return {
        fill: circle.getAttribute('fill'),
        stroke: circle.getAttribute('stroke'),
        radius: Number(circle.getAttribute('r')),
        caption: lines.map(line => line.textContent.trim()),
        captionSize: lines.map(line => line.getAttribute('font-size')),
        captionFill: lines.map(line => line.getAttribute('fill'))
      }
    })
  )
  seen.relationships = await frame.locator('svg g.relationship').count()
  // The legend's chips (neo4j-browser's StyleableNodeLabel) take the style's colours too.
  seen.legend = await frame
    .locator('[data-testid^="property-details-overview-node-label-"]')
    .evaluateAll(chips =>
      chips.map(chip => ({
        label: chip.getAttribute('data-testid').replace('property-details-overview-node-label-', ''),
        text: chip.textContent,
        background: getComputedStyle(chip).backgroundColor
      }))
    )

  // The style Browser keeps (its grass duck, persisted as neo4j.grass): every rule, not only the
  // labels this result draws.
  seen.style = await page.evaluate(() => JSON.parse(window.localStorage.getItem('neo4j.grass')))

  if (options.screenshot) {
    // The slide from its top, the legend folded away and the graph fitted to the frame, which
    // Browser draws 500 px high whatever the window: the window is cut below it.
    await drawer.evaluate(element => element.querySelectorAll('*').forEach(e => (e.scrollTop = 0)))
    await frame.locator('[title="Collapse the node properties display"]').click()
    await frame.locator('[aria-label="zoom-to-fit"]').click()
    await settled(frame)
    const bottom = await frame.evaluate(element => element.getBoundingClientRect().bottom)
    await page.screenshot({ path: options.screenshot, clip: { x: 0, y: 0, width: 1600, height: Math.ceil(bottom) + 12 } })
    seen.screenshot = options.screenshot
  }
}

// The slide the guide shows (only the current one is in the page), and whether it is the first.
async function readGuide(drawer) {
  return {
    title: (await drawer.locator('h3').first().innerText()).trim(),
    first: await drawer.page().locator('[data-testid="guidePreviousSlide"]').isDisabled()
  }
}

// Waits until no node moves between two looks half a second apart (at most 20 s: a layout still
// drifting after that is drawn as it is).
async function settled(frame) {
  const positions = () =>
    frame.locator('svg g.node').evaluateAll(groups => groups.map(g => g.getAttribute('transform')).join(';'))
  let before = await positions()
  for (let look = 0; look < 40; look++) {
    await frame.page().waitForTimeout(500)
    const now = await positions()
    if (now === before) return
    before = now
  }
}
