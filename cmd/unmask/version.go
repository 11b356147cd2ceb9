package main

import (
	"runtime/debug"

	"github.com/unmaskdev/unmask/ucd"
)

func versionString() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "unmask " + v + " (Unicode " + ucd.UnicodeVersion + ")"
}
