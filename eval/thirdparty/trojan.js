#!/usr/bin/env node
// Writes the Trojan Source cases of the third-party suite as JSONL on stdout.
//
// The snippets are written for unmask from the constructs that Boucher and
// Anderson describe in "Trojan Source: Invisible Vulnerabilities" (USENIX
// Security 2023; github.com/nickboucher/trojan-source): commenting-out
// (RLO ... LRI ... PDI LRI inside a comment), early return (RLI closing a
// comment or docstring early), stretched strings (RLO LRI inside a string
// literal), homoglyph function names and invisible characters in
// identifiers. They are not copied from that repository.
//
// The ground truth is what a reader sees: each line reordered by the Unicode
// Bidirectional Algorithm (UAX #9) with a left-to-right base direction and
// the format characters removed, as GNU FriBidi's `fribidi --ltr --nopad
// --nobreak --clean` prints it (Debian libfribidi-bin; mirrored brackets
// included, as a reader sees them). For homoglyph and invisible cases the
// reader sees the Latin letters and no invisible character.
'use strict'

const { execFileSync } = require('child_process')

const RLO = '\u202E'
const LRI = '\u2066'
const RLI = '\u2067'
const PDI = '\u2069'
const ZWSP = '\u200B'
const ZWJ = '\u200D'

// [id, class, language, logical text, reader's text (null: from FriBidi)]
const CASES = [
  ['c-commenting-out', 'reorder', 'c', [
    'int transfer(struct account *a, long cents)',
    '{',
    `    /*${RLO} } ${LRI}if (a->frozen)${PDI} ${LRI} refuse frozen accounts */`,
    '        return -1;',
    `    /* end of the check ${RLO} { ${LRI}*/`,
    '    a->balance -= cents;',
    '    return 0;',
    '}'
  ]],
  ['go-commenting-out', 'reorder', 'go', [
    'func deleteUser(u *User) error {',
    `\t/*${RLO} } ${LRI}if !u.IsAdmin${PDI} ${LRI} only admins may delete */`,
    '\t\treturn ErrDenied',
    `\t/* end of admin check ${RLO} { ${LRI}*/`,
    '\treturn store.Delete(u.ID)',
    '}'
  ]],
  ['js-commenting-out', 'reorder', 'javascript', [
    'function publish(post, user) {',
    `  /*${RLO} } ${LRI}if (!user.canPublish)${PDI} ${LRI} check the author */`,
    '    throw new Error("denied");',
    `  /* done ${RLO} { ${LRI}*/`,
    '  post.visible = true;',
    '}'
  ]],
  ['c-early-return', 'reorder', 'c', [
    'int main(void)',
    '{',
    `    /* Print the greeting; newline${RLI} /*/ return 0 ;`,
    '    puts("Hello, world");',
    '    return 0;',
    '}'
  ]],
  ['python-early-return', 'reorder', 'python', [
    'def withdraw(account, amount):',
    `    ''' Take the amount from the account, then log it ${RLI}''' ;return`,
    '    account.balance -= amount',
    '    log(account, amount)'
  ]],
  ['go-stretched-string', 'reorder', 'go', [
    'func canEdit(level string) bool {',
    `\tif level != "guest${RLO} ${LRI}// Check if editor${PDI} ${LRI}" {`,
    '\t\treturn true',
    '\t}',
    '\treturn false',
    '}'
  ]],
  ['c-stretched-string', 'reorder', 'c', [
    'int is_operator(const char *role)',
    '{',
    `    if (strcmp(role, "viewer${RLO} ${LRI}// Check if operator${PDI} ${LRI}")) {`,
    '        return 1;',
    '    }',
    '    return 0;',
    '}'
  ]],
  ['js-stretched-string', 'reorder', 'javascript', [
    `if (accessLevel != "user${RLO} ${LRI}// Check if admin${PDI} ${LRI}") {`,
    '  grantAdmin();',
    '}'
  ]],
  ['js-homoglyph-function', 'homoglyph', 'javascript', [
    'function isAdmin(user) { return user.role === "admin"; }',
    'function is\u0410dmin(user) { return true; }',
    'if (is\u0410dmin(currentUser)) { deleteEverything(); }'
  ], [
    'function isAdmin(user) { return user.role === "admin"; }',
    'function isAdmin(user) { return true; }',
    'if (isAdmin(currentUser)) { deleteEverything(); }'
  ]],
  ['python-homoglyph-function', 'homoglyph', 'python', [
    'def say_hello():',
    '    print("Hello, World!")',
    '',
    'def say_h\u0435llo():',
    '    print("Goodbye, World...")',
    '',
    'say_h\u0435llo()'
  ], [
    'def say_hello():',
    '    print("Hello, World!")',
    '',
    'def say_hello():',
    '    print("Goodbye, World...")',
    '',
    'say_hello()'
  ]],
  ['go-homoglyph-function', 'homoglyph', 'go', [
    'func checkPassword(p string) bool { return p == secret }',
    'func check\u0420assword(p string) bool { return true }',
    'ok := check\u0420assword(input)'
  ], [
    'func checkPassword(p string) bool { return p == secret }',
    'func checkPassword(p string) bool { return true }',
    'ok := checkPassword(input)'
  ]],
  ['js-invisible-function', 'invisible', 'javascript', [
    'function isAdmin() { return false; }',
    `function is${ZWSP}Admin() { return true; }`,
    `if (is${ZWSP}Admin()) { console.log("You are an admin"); }`
  ], [
    'function isAdmin() { return false; }',
    'function isAdmin() { return true; }',
    'if (isAdmin()) { console.log("You are an admin"); }'
  ]],
  ['rust-invisible-function', 'invisible', 'rust', [
    'fn is_admin() -> bool { false }',
    `fn is_${ZWJ}admin() -> bool { true }`,
    `if is_${ZWJ}admin() { drop_tables(); }`
  ], [
    'fn is_admin() -> bool { false }',
    'fn is_admin() -> bool { true }',
    'if is_admin() { drop_tables(); }'
  ]]
]

function fribidi (lines) {
  const out = execFileSync('fribidi', ['--ltr', '--nopad', '--nobreak', '--clean'], { input: lines.join('\n') + '\n', encoding: 'utf8' })
  const got = out.split('\n')
  if (got[got.length - 1] === '') got.pop()
  if (got.length !== lines.length) throw new Error(`fribidi: ${lines.length} lines in, ${got.length} out`)
  return got
}

function main () {
  const version = execFileSync('fribidi', ['--version'], { encoding: 'utf8' }).split('\n')[0]
  const out = []
  for (const [id, cls, lang, logical, seen] of CASES) {
    const want = seen || fribidi(logical)
    const text = logical.join('\n') + '\n'
    const wantText = want.join('\n') + '\n'
    const words = []
    let off = 0
    for (let i = 0; i < want.length; i++) {
      const n = Buffer.byteLength(want[i])
      if (want[i] !== logical[i]) words.push([off, off + n])
      off += n + 1
    }
    out.push({ id: `trojan:${id}`, class: `trojan-source/${cls}`, lang: 'en', source: `${lang} snippet written for unmask${seen ? '' : `; reader's text by ${version}`}`, text, want: wantText, words })
  }
  process.stdout.write(out.map(o => JSON.stringify(o)).join('\n') + '\n')
}

main()
