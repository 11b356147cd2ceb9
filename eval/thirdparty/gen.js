#!/usr/bin/env node
// Disguises real prose with third-party npm packages (pinned in package.json)
// and writes the cases of unmask's third-party evaluation suite.
//
// Usage: node gen.js OUTDIR < sources.jsonl
//   sources.jsonl: one {"id","lang","source","text"} a line (real prose).
//   Writes OUTDIR/<generator>.jsonl, one case a line:
//     {"id","class","lang","source","text","want","words"}
//   text is the disguised document, want the original, words the byte ranges
//   of want whose words (for flip-text: lines) the generator changed.
//   Prints the generators' manifest entries (JSON) on stdout.
//
// Each generator is applied to every whitespace-separated token (and to
// every run of white space) on its own, which is what these packages do to a
// whole string, character by character, and tells which words changed.
// flip-text reverses its input, so it is applied to whole lines.
// Math.random is replaced by a seeded generator per (class, document), so
// the output is the same on every run.
'use strict'

const fs = require('fs')
const path = require('path')

// mulberry32, seeded from a string
function seeded (s) {
  let h = 1779033703 ^ s.length
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  let a = h >>> 0
  return function () {
    a |= 0
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pkg (name) {
  const p = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', name, 'package.json'), 'utf8'))
  return { version: p.version, licence: p.license }
}

const variant = require('string-to-unicode-variant').string_to_unicode_variant
// string-to-unicode-variant styles (its README's aliases) and two with
// combining marks.
const STYLES = {
  monospace: ['m'],
  bold: ['b'],
  italic: ['i'],
  'bold-italic': ['bi'],
  script: ['c'],
  'bold-script': ['bc'],
  gothic: ['g'],
  'bold-gothic': ['bg'],
  doublestruck: ['d'],
  sans: ['s'],
  'bold-sans': ['bs'],
  'italic-sans': ['is'],
  'bold-italic-sans': ['bis'],
  circled: ['o'],
  'circled-negative': ['on'],
  squared: ['q'],
  'squared-negative': ['qn'],
  parenthesis: ['p'],
  fullwidth: ['w'],
  'bold+strike': ['b', 'strike'],
  'italic+underline': ['i', 'underline']
}

// Each generator: name (class prefix), npm package, what is called, and
// its styles: style -> function(token) or {line: function(line)}.
const GENERATORS = [
  {
    name: 'confusables',
    pkg: 'confusables',
    call: 'obfuscate(text)',
    styles: { obfuscate: t => require('confusables').obfuscate(t) }
  },
  {
    name: 'homoglyph',
    pkg: 'homoglyph',
    call: 'encode(text) (default: each character with a homoglyph replaced with probability 33%)',
    styles: { encode: t => require('homoglyph').encode(t) }
  },
  {
    name: 'unicode-variant',
    pkg: 'string-to-unicode-variant',
    call: 'string_to_unicode_variant(text, variant[, combinings])',
    styles: Object.fromEntries(Object.entries(STYLES).map(([k, a]) => [k, t => variant(t, ...a)]))
  },
  {
    name: 'zalgo',
    pkg: '@favware/zalgo',
    call: 'zalgo(text) (default options)',
    styles: { zalgo: t => require('@favware/zalgo').zalgo(t) }
  },
  {
    name: 'to-zalgo',
    pkg: 'to-zalgo',
    call: 'toZalgo(text) (default options)',
    styles: { zalgo: t => require('to-zalgo')(t) }
  },
  {
    name: 'fullwidth',
    pkg: 'fullwidth-halfwidth-convertor',
    call: 'halfToFull(text)',
    styles: { halftofull: t => require('fullwidth-halfwidth-convertor').halfToFull(t) }
  },
  {
    name: 'vercel-stega',
    pkg: '@vercel/stega',
    call: 'vercelStegaCombine(line, {origin, href}) on each line: JSON hidden in U+200B, U+200C, U+200D and U+FEFF after the text, as a CMS marks its fields for visual editing',
    styles: { combine: { line: (l, ctx) => require('@vercel/stega').vercelStegaCombine(l, { origin: 'cms', href: `https://cms.example/${ctx.id}#${ctx.n}` }, false) } }
  },
  {
    name: 'flip-text',
    pkg: 'flip-text',
    call: 'flip(line) (upside-down letters, each line reversed)',
    styles: { flip: { line: l => require('flip-text')(l) } }
  }
]

// disguise applies fn to each token of text (or to each line), returning
// the disguised text and the byte ranges of text whose words changed.
function disguise (text, fn, id) {
  const out = []
  const words = []
  let off = 0
  const line = typeof fn === 'object'
  const parts = line ? text.split(/(\n)/) : text.split(/(\s+)/)
  for (const part of parts) {
    const n = Buffer.byteLength(part, 'utf8')
    if (part === '' || (line && part === '\n')) {
      out.push(part)
      off += n
      continue
    }
    let d = line ? fn.line(part, { id, n: off }) : fn(part)
    if (typeof d !== 'string') d = String(d)
    out.push(d)
    if (d !== part && /\S/.test(part)) words.push([off, off + n])
    off += n
  }
  return { text: out.join(''), words }
}

function main () {
  const outDir = process.argv[2]
  if (!outDir) {
    console.error('usage: node gen.js OUTDIR < sources.jsonl')
    return 2
  }
  const sources = fs.readFileSync(0, 'utf8').split('\n').filter(l => l.trim()).map((l, i) => {
    const s = JSON.parse(l)
    if (typeof s.text !== 'string' || !s.id) throw new Error(`sources line ${i + 1}: want {"id","lang","source","text"}`)
    return s
  })
  fs.mkdirSync(outDir, { recursive: true })
  const manifest = []
  const random = Math.random
  for (const g of GENERATORS) {
    const { version, licence } = pkg(g.pkg)
    const lines = []
    const classes = []
    for (const [style, fn] of Object.entries(g.styles)) {
      const cls = `${g.name}/${style}`
      classes.push(cls)
      for (const s of sources) {
        Math.random = seeded(`${cls}\x00${s.id}`)
        const d = disguise(s.text, fn, s.id)
        Math.random = random
        if (d.text === s.text) continue // nothing this generator changes (another script)
        lines.push(JSON.stringify({ id: s.id, class: cls, lang: s.lang, source: s.source, text: d.text, want: s.text, words: d.words }))
      }
    }
    fs.writeFileSync(path.join(outDir, `${g.name}.jsonl`), lines.join('\n') + '\n')
    manifest.push({ name: g.name, source: `npm ${g.pkg}`, version, licence, call: g.call, classes })
  }
  process.stdout.write(JSON.stringify(manifest, null, 2) + '\n')
  return 0
}

process.exitCode = main()
