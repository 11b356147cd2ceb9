// Package uts39 implements UTS #39, Unicode Security Mechanisms (revision 32,
// for Unicode 17.0.0), on the tables of package ucd:
//
//   - §3 identifier status and type: IdentifierStatus, IdentifierTypes,
//     RestrictedChars;
//   - §4 confusable detection: Skeleton (internalSkeleton), BidiSkeleton,
//     Confusable, BidiConfusable, ClassifyConfusable (single-script,
//     mixed-script, whole-script) and WholeScriptConfusableScripts;
//   - §5.1 mixed-script detection: ScriptSetOf, ResolvedScripts,
//     IsSingleScript, IsMixedScript;
//   - §5.2 restriction levels: RestrictionLevel, ScriptRestrictionLevel;
//   - §5.3 mixed-number detection: NumberSystems, MixedNumbers;
//   - §5.4 optional detection: OptionalChecks;
//
// and CheckIdentifier, which runs §3 and §5 on one string. NFD is done here
// too (NFD, AppendNFD, IsNFD) so that normalization uses exactly the same
// Unicode version as the confusable data; golang.org/x/text/unicode/norm is
// Unicode 15.0.0 with the Go toolchains this module supports. BidiSkeleton
// lays text out with package bidi (UAX #9 on the same Unicode 17.0.0 data).
//
// Every function accepts any string: invalid UTF-8 is never an error and
// never panics. Each byte that is not part of valid UTF-8 (including each of
// the three bytes of a WTF-8 encoded surrogate such as ED A0 80) is read as
// U+FFFD REPLACEMENT CHARACTER, which is Common, Restricted, and its own
// prototype; so the skeleton of such bytes is U+FFFD, they do not change a
// resolved script set, and they make the restriction level Unrestricted. The
// empty string has skeleton "", resolved script set ALL and level ASCII-Only.
// All work is linear in the input (or n log n for very long runs of combining
// marks), so a 10 MB single word is fine.
package uts39
