// Package notice holds no code: its test checks that the module's LICENSE
// is the Apache License 2.0 as published, and that NOTICE lists every file
// the module builds in with //go:embed and every generated table, with the
// licence of the data it comes from.
package notice
