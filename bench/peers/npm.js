#!/usr/bin/env node
// npm confusable/homoglyph packages as benchmark peers.
// Usage: node npm.js PEER MODE < input > output     (contract: README.md)
//   PEER: decancer | unhomoglyph | unicode-confusables | confusables
//   MODE: restore      whole stdin is one document -> restored text (no newline added)
//         flag         -> "1"/"0"; exit 3 + "unsupported" on stderr if the package has
//                      no detection function (unhomoglyph, confusables, decancer)
//         restore-jsonl, flag-jsonl: {"id","text"} per line -> {"id","text"|"flag"}
//                      per record ({"id","error"} if the package threw on that record)
'use strict'

const PEERS = {
  decancer () {
    const decancer = require('decancer')
    const opts = decancer.options({ retainCapitalization: true })
    // Line by line, as the benchmark brief asks (cure() time was reported to grow
    // faster than linearly with length). Bidi reordering is then per line too.
    return { restore: doc => doc.split('\n').map(l => decancer(l, opts).toString()).join('\n') }
  },
  unhomoglyph () {
    return { restore: require('unhomoglyph') }
  },
  'unicode-confusables' () {
    const u = require('unicode-confusables')
    return { restore: u.rectifyConfusion, flag: doc => (u.isConfusing(doc) ? 1 : 0) }
  },
  confusables () {
    return { restore: require('confusables').remove }
  }
}

function main () {
  const [peer, mode = ''] = process.argv.slice(2)
  const jsonl = mode.endsWith('-jsonl')
  const op = jsonl ? mode.slice(0, -'-jsonl'.length) : mode
  if (!PEERS[peer] || !['restore', 'flag'].includes(op)) {
    console.error(`usage: node npm.js {${Object.keys(PEERS).join('|')}} {restore|flag}[-jsonl]`)
    return 2
  }
  const fn = PEERS[peer]()[op]
  if (!fn) {
    console.error(`unsupported: ${peer} has no detection function`)
    return 3
  }
  const input = require('fs').readFileSync(0, 'utf8')
  if (!jsonl) {
    process.stdout.write(op === 'flag' ? `${fn(input)}\n` : fn(input))
    return 0
  }
  const key = op === 'flag' ? 'flag' : 'text'
  const out = []
  for (const line of input.split('\n')) {
    if (!line.trim()) continue
    const rec = JSON.parse(line)
    let res
    try {
      res = { id: rec.id, [key]: fn(rec.text) }
    } catch (e) {
      res = { id: rec.id, error: String(e && e.message || e) }
    }
    out.push(JSON.stringify(res) + '\n')
  }
  process.stdout.write(out.join(''))
  return 0
}

process.exitCode = main()
