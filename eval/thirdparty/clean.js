#!/usr/bin/env node
// Turns the gettext catalogues of unpacked Debian packages into real clean
// documents of the third-party suite: the translations (msgstr) of one
// catalogue, in catalogue order, one a line, cut into pieces of whole
// messages of at most 8,000 bytes; up to 2 pieces (evenly spaced) per
// catalogue. Nothing is written by hand.
//
// Usage: node clean.js ROOT LABEL > cases.jsonl
//   ROOT: a folder where Debian packages were unpacked (dpkg-deb -x);
//         every usr/share/locale/LANG/LC_MESSAGES/DOMAIN.mo is read with
//         msgunfmt (GNU gettext).
//   LABEL: where the packages come from, for the cases' source field
//          ("pkg=version ..." as build.sh downloads them).
// Class by script of the language: clean/gettext-zwsp (languages written
// with ZERO WIDTH SPACE between words or phrases: km my th lo bo dz jv),
// clean/gettext-rtl (ar he fa ur ps yi ckb ug sd dv), clean/gettext-indic
// (Brahmic scripts, which use ZWJ/ZWNJ), clean/gettext (all others).
'use strict'

const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const ZWSP = new Set(['km', 'my', 'th', 'lo', 'bo', 'dz', 'jv'])
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'ckb', 'ug', 'sd', 'dv'])
const INDIC = new Set(['hi', 'bn', 'as', 'gu', 'kn', 'ml', 'mr', 'ne', 'or', 'pa', 'si', 'ta', 'te', 'sa', 'mai', 'bho', 'kok', 'doi', 'mni', 'brx', 'sat'])

function classOf (lang) {
  const base = lang.split(/[_@.]/)[0]
  if (ZWSP.has(base)) return 'clean/gettext-zwsp'
  if (RTL.has(base)) return 'clean/gettext-rtl'
  if (INDIC.has(base)) return 'clean/gettext-indic'
  return 'clean/gettext'
}

// unescape a PO string body (between the quotes)
function unescape (s) {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (m, e) => {
    switch (e[0]) {
      case 'n': return '\n'
      case 't': return '\t'
      case 'r': return '\r'
      case 'a': return '\x07'
      case 'b': return '\b'
      case 'f': return '\f'
      case 'v': return '\v'
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16))
    }
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8))
    return e
  })
}

// msgstrs returns the translations of a PO file, in order, header skipped.
function msgstrs (po) {
  const out = []
  let key = null
  let msgid = ''
  let cur = null
  const flush = () => {
    if (cur !== null && msgid !== '' && cur !== '') out.push(cur)
    cur = null
  }
  for (const line of po.split('\n')) {
    let m
    if ((m = /^(msgid|msgid_plural|msgctxt|msgstr(?:\[\d+\])?) "(.*)"$/.exec(line))) {
      if (m[1].startsWith('msgstr')) {
        flush()
        cur = unescape(m[2])
      } else {
        if (m[1] === 'msgid') {
          flush()
          msgid = unescape(m[2])
        } else if (m[1] === 'msgid_plural') {
          flush()
        }
      }
      key = m[1]
    } else if ((m = /^"(.*)"$/.exec(line))) {
      if (key && key.startsWith('msgstr')) cur += unescape(m[1])
      else if (key === 'msgid') msgid += unescape(m[1])
    } else if (line.trim() === '' || line.startsWith('#')) {
      flush()
      key = null
    }
  }
  flush()
  return out
}

function pieces (msgs, max) {
  const out = []
  let cur = []
  let n = 0
  for (const m of msgs) {
    const b = Buffer.byteLength(m) + 1
    if (cur.length && n + b > max) {
      out.push(cur)
      cur = []
      n = 0
    }
    cur.push(m)
    n += b
  }
  if (cur.length) out.push(cur)
  return out
}

function main () {
  const [root, label] = process.argv.slice(2)
  if (!root) {
    console.error('usage: node clean.js ROOT LABEL')
    return 2
  }
  const locale = path.join(root, 'usr/share/locale')
  const out = []
  for (const lang of fs.readdirSync(locale).sort()) {
    const dir = path.join(locale, lang, 'LC_MESSAGES')
    if (!fs.existsSync(dir) || lang.startsWith('en')) continue
    for (const mo of fs.readdirSync(dir).filter(f => f.endsWith('.mo')).sort()) {
      const po = execFileSync('msgunfmt', [path.join(dir, mo)], { encoding: 'utf8', maxBuffer: 256 << 20 })
      if (!/charset=UTF-8/i.test(po)) continue // every catalogue here is UTF-8; skip any that is not
      const ps = pieces(msgstrs(po), 8000)
      const pick = ps.length <= 2 ? ps.map((_, i) => i) : [0, Math.floor(ps.length / 2)]
      for (const i of pick) {
        const text = ps[i].join('\n') + '\n'
        if (Buffer.byteLength(text) < 200) continue // a catalogue of a few words is no document
        const domain = mo.replace(/\.mo$/, '')
        out.push({ id: `gettext:${domain}:${lang}:${i}`, class: classOf(lang), lang, source: `${domain}.mo (${lang}) piece ${i} of ${label}`, text, want: text, clean: true })
      }
    }
  }
  process.stdout.write(out.map(o => JSON.stringify(o)).join('\n') + (out.length ? '\n' : ''))
  return 0
}

process.exitCode = main()
