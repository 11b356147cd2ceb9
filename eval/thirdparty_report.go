package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the third-party report as indented JSON.
func (r *SuiteReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the third-party report as aligned plain-text tables.
func (r *SuiteReport) WriteText(w io.Writer) error { return r.write(w, false) }

// WriteMarkdown writes the third-party report as Markdown tables.
func (r *SuiteReport) WriteMarkdown(w io.Writer) error { return r.write(w, true) }

// generatorOf names the manifest entry a class belongs to: "name@version".
func (r *SuiteReport) generatorOf(class string) string {
	for _, g := range r.Manifest.Generators {
		for _, c := range g.Classes {
			if c == class {
				if strings.HasPrefix(g.Version, "paper") || g.Version == "" {
					return g.Name
				}
				return g.Name + "@" + g.Version
			}
		}
	}
	return ""
}

func langList(ls []string) string {
	if len(ls) > 6 {
		return fmt.Sprintf("%d languages", len(ls))
	}
	return strings.Join(ls, " ")
}

func (r *SuiteReport) write(w io.Writer, md bool) error {
	t := &table{left: 3,
		title: fmt.Sprintf("Third-party suite: disguised documents (targets: ≥ %.0f%% exact and ≥ %.0f%% flagged per class)",
			100*TargetTPExact, 100*TargetTPFlagged),
		header: []string{"class", "generator", "languages", "docs", "exact", "words restored", "flagged", "verdict disguised", "target"}}
	for _, p := range r.RestorePeers {
		t.header = append(t.header, p+" exact")
	}
	for _, p := range r.FlagPeers {
		t.header = append(t.header, p+" flagged")
	}
	row := func(c SuiteClass, gen string) {
		cells := []string{c.Class, gen, langList(c.Langs), fmt.Sprint(c.Docs), pct(c.Exact, c.Docs), pct(c.WordsRight, c.Words),
			pct(c.Flagged, c.Docs), pct(c.Disguised, c.Docs), passFail(c.Pass)}
		for _, p := range r.RestorePeers {
			pc := c.Peers[p]
			cells = append(cells, pct(pc.Exact, pc.Docs))
		}
		for _, p := range r.FlagPeers {
			pc := c.Peers[p]
			cells = append(cells, pct(pc.Flagged, pc.Flags))
		}
		t.add(cells...)
	}
	for _, c := range r.Classes {
		if !c.Clean {
			row(c, r.generatorOf(c.Class))
		}
	}
	if r.Disguised.Docs > 0 {
		tot := r.Disguised
		tot.Peers = r.peerTotals(false)
		row(tot, "")
	}
	t.write(w, md)

	ct := &table{left: 2,
		title: fmt.Sprintf("Third-party suite: real clean documents (targets: ≥ %.1f%% untouched, ≥ %.1f%% judged clean)",
			100*TargetTPClean, 100*TargetTPVerdict),
		header: []string{"set", "languages", "docs", "untouched", "judged clean", "findings", "target"}}
	for _, p := range r.RestorePeers {
		ct.header = append(ct.header, p+" untouched")
	}
	for _, p := range r.FlagPeers {
		ct.header = append(ct.header, p+" clean")
	}
	crow := func(c SuiteClass) {
		cells := []string{c.Class, langList(c.Langs), fmt.Sprint(c.Docs), pct(c.Exact, c.Docs), pct(c.Docs-c.Flagged, c.Docs),
			fmt.Sprint(c.Findings), passFail(c.Pass)}
		for _, p := range r.RestorePeers {
			pc := c.Peers[p]
			cells = append(cells, pct(pc.Exact, pc.Docs))
		}
		for _, p := range r.FlagPeers {
			pc := c.Peers[p]
			cells = append(cells, pct(pc.Flags-pc.Flagged, pc.Flags))
		}
		ct.add(cells...)
	}
	for _, c := range r.Classes {
		if c.Clean {
			crow(c)
		}
	}
	if r.Clean.Docs > 0 {
		tot := r.Clean
		tot.Peers = r.peerTotals(true)
		crow(tot)
	}
	ct.write(w, md)

	if len(r.Manifest.Generators)+len(r.Manifest.Texts) > 0 {
		mt := &table{left: 4, title: "Third-party suite: sources", header: []string{"generator or text", "source", "version", "licence"}}
		for _, g := range r.Manifest.Generators {
			mt.add(g.Name, g.Source, g.Version, g.Licence)
		}
		for _, s := range r.Manifest.Texts {
			mt.add(s.Name, s.Source, s.Version, s.Licence)
		}
		mt.write(w, md)
	}

	var fails []string
	for _, c := range r.Classes {
		for _, f := range c.Failures {
			fails = append(fails, fmt.Sprintf("%s %s:", c.Class, f.Doc))
			fails = append(fails, indent(f.Problems)...)
		}
	}
	if len(fails) > 0 {
		if md {
			fmt.Fprintf(w, "Third-party failures\n\n```\n%s\n```\n\n", strings.Join(fails, "\n"))
		} else {
			fmt.Fprintf(w, "Third-party failures\n\n%s\n\n", strings.Join(fails, "\n"))
		}
	}
	fmt.Fprintf(w, "Third-party suite: %s (%d disguised, %d clean documents, %.1fs)\n",
		passFail(r.Pass), r.Disguised.Docs, r.Clean.Docs, r.Elapsed.Seconds())
	return nil
}

func (r *SuiteReport) peerTotals(clean bool) map[string]PeerCounts {
	out := map[string]PeerCounts{}
	for _, c := range r.Classes {
		if c.Clean != clean {
			continue
		}
		for p, pc := range c.Peers {
			t := out[p]
			addCounts(&t, pc)
			out[p] = t
		}
	}
	return out
}
