#!/usr/bin/env node
// Picks the real prose the third-party generators are applied to and
// writes it as {"id","lang","source","text"} lines on stdout.
//
// Usage: node sources.js [--news FILE --news-n N] [--udhr DIR --udhr-chunks K]
//                        [--man DIR --man-n N]
//   --news: a JSONL news corpus ({"id","title","text"}); N articles evenly
//           spaced through it, each its title, a blank line and its text.
//   --udhr: the UDHR folder; K pieces of whole lines (>= 800 bytes each),
//           evenly spaced, of each translation in UDHR below.
//   --man:  a folder of LANG/NAME.txt man pages made by build.sh; the N
//           longest of each language that are at least 1,500 bytes, cut to
//           pieces of whole paragraphs of at most 6,000 bytes (the first).
'use strict'

const fs = require('fs')
const path = require('path')

// UDHR file -> language (ISO 639-1): the ten lexicon languages but English,
// whose prose comes from the news.
const UDHR = {
  deu_1996: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por_PT: 'pt',
  nld: 'nl',
  pol: 'pl',
  rus: 'ru',
  ukr: 'uk'
}

function args () {
  const a = {}
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i += 2) {
    if (!v[i].startsWith('--') || v[i + 1] === undefined) throw new Error(`bad argument ${v[i]}`)
    a[v[i].slice(2)] = v[i + 1]
  }
  return a
}

function spaced (arr, n) {
  if (n >= arr.length) return arr
  const out = []
  for (let i = 0; i < n; i++) out.push(arr[Math.floor(i * arr.length / n)])
  return out
}

function chunks (text, min) {
  const out = []
  let cur = ''
  for (const line of text.split(/(?<=\n)/)) {
    cur += line
    if (Buffer.byteLength(cur) >= min) {
      out.push(cur)
      cur = ''
    }
  }
  if (cur.trim()) out.push(cur)
  return out
}

function main () {
  const a = args()
  const out = []
  if (a.news) {
    const docs = fs.readFileSync(a.news, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l))
    for (const d of spaced(docs, Number(a['news-n'] || 20))) {
      out.push({ id: `news:${d.id}`, lang: 'en', source: `bbc ${d.id}`, text: d.title ? `${d.title}\n\n${d.text}` : d.text })
    }
  }
  if (a.udhr) {
    for (const [file, lang] of Object.entries(UDHR)) {
      const text = fs.readFileSync(path.join(a.udhr, `${file}.txt`), 'utf8')
      const cs = chunks(text, 800)
      const idx = spaced(cs.map((_, i) => i), Number(a['udhr-chunks'] || 4))
      for (const i of idx) out.push({ id: `udhr:${file}:${i}`, lang, source: `udhr ${file}.txt piece ${i}`, text: cs[i] })
    }
  }
  if (a.man) {
    for (const lang of fs.readdirSync(a.man).sort()) {
      const dir = path.join(a.man, lang)
      const pages = fs.readdirSync(dir).filter(f => f.endsWith('.txt')).map(f => {
        const text = fs.readFileSync(path.join(dir, f), 'utf8')
        return { f, text, n: Buffer.byteLength(text) }
      }).filter(p => p.n >= 1500).sort((x, y) => y.n - x.n || (x.f < y.f ? -1 : 1))
      for (const p of pages.slice(0, Number(a['man-n'] || 10))) {
        let text = ''
        for (const para of p.text.split(/(?<=\n\n)/)) {
          if (text && Buffer.byteLength(text + para) > 6000) break
          text += para
        }
        out.push({ id: `man:${lang}:${p.f.replace(/\.txt$/, '')}`, lang, source: `man page ${lang}/${p.f}`, text })
      }
    }
  }
  process.stdout.write(out.map(o => JSON.stringify(o)).join('\n') + '\n')
}

main()
