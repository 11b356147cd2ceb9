package uts39

import (
	"fmt"
	"strings"
)

// ParseDirection reads a paragraph direction as Direction.String writes it:
// "ltr" or "rtl", in any letter case. It is the one parser of the direction
// that the CLI's --bidi flag and the service's "direction" field take.
func ParseDirection(s string) (Direction, error) {
	switch {
	case strings.EqualFold(s, "ltr"):
		return LTR, nil
	case strings.EqualFold(s, "rtl"):
		return RTL, nil
	}
	return LTR, fmt.Errorf("direction must be \"ltr\" or \"rtl\", not %q", s)
}
