package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Peer is another tool scored on the same documents through the batch
// modes of the wrappers in bench/peers: one {"id","text"} JSON object a line
// in, one {"id","text"} (restore) or {"id","flag"} (flag) or {"id","error"}
// a line out.
type Peer struct {
	Name    string
	Restore []string // command of the restore-jsonl mode; nil if the peer cannot restore
	Flag    []string // command of the flag-jsonl mode; nil if the peer cannot flag
}

// DefaultPeers are the wrappers in dir (bench/peers): ICU's skeleton,
// decancer, unhomoglyph, confusables and unicode-confusables restore;
// ICU, unicode-confusables and confusable_homoglyphs flag.
func DefaultPeers(dir string) []Peer {
	py := func(script, mode string) []string {
		return []string{"/usr/bin/python3", filepath.Join(dir, script), mode}
	}
	npm := func(peer, mode string) []string { return []string{"node", filepath.Join(dir, "npm.js"), peer, mode} }
	return []Peer{
		{Name: "icu", Restore: py("icu.py", "restore-jsonl"), Flag: py("icu.py", "flag-jsonl")},
		{Name: "decancer", Restore: npm("decancer", "restore-jsonl")},
		{Name: "unhomoglyph", Restore: npm("unhomoglyph", "restore-jsonl")},
		{Name: "confusables", Restore: npm("confusables", "restore-jsonl")},
		{Name: "unicode-confusables", Restore: npm("unicode-confusables", "restore-jsonl"), Flag: npm("unicode-confusables", "flag-jsonl")},
		{Name: "confusable_homoglyphs", Flag: py("confusable_homoglyphs.py", "flag-jsonl")},
	}
}

// peerOut is a peer's answer for one document.
type peerOut struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Flag  *int   `json:"flag"`
	Error string `json:"error"`
}

// runBatch sends texts to a peer command and returns one answer per text, in order.
func runBatch(ctx context.Context, name string, argv []string, texts []string) ([]peerOut, error) {
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.SetEscapeHTML(false)
	for i, t := range texts {
		if err := enc.Encode(struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}{strconv.Itoa(i), t}); err != nil {
			return nil, err
		}
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin = &in
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("peer %s (%s): %v: %s", name, strings.Join(argv, " "), err, strings.TrimSpace(stderr.String()))
	}
	res := make([]peerOut, len(texts))
	seen := make([]bool, len(texts))
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 0, 1<<16), 256<<20)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var o peerOut
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			return nil, fmt.Errorf("peer %s: output line %d: %v", name, line, err)
		}
		i, err := strconv.Atoi(o.ID)
		if err != nil || i < 0 || i >= len(texts) || seen[i] {
			return nil, fmt.Errorf("peer %s: output line %d: bad or repeated id %q", name, line, o.ID)
		}
		res[i], seen[i] = o, true
		n++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("peer %s: %v", name, err)
	}
	if n != len(texts) {
		return nil, fmt.Errorf("peer %s: %d documents in, %d out", name, len(texts), n)
	}
	return res, nil
}

// runPeers scores every peer on the disguised documents (one process per
// peer, mode and class) and on the clean sets.
func runPeers(ctx context.Context, cfg Config, rep *Report, jobs []*job) error {
	type batch struct {
		peer   Peer
		flag   bool
		class  int // -1 for a clean set
		clean  int
		idx    []*job
		texts  []string
		wanted []string // expected restoration
	}
	var batches []*batch
	byClass := make([][]*job, len(rep.Classes))
	for _, j := range jobs {
		if len(j.res.Edits) > 0 {
			byClass[j.class] = append(byClass[j.class], j)
		}
	}
	for _, p := range cfg.Peers {
		for _, flag := range []bool{false, true} {
			if (flag && p.Flag == nil) || (!flag && p.Restore == nil) {
				continue
			}
			for ci, js := range byClass {
				b := &batch{peer: p, flag: flag, class: ci, idx: js}
				for _, j := range js {
					b.texts = append(b.texts, j.res.Text)
					b.wanted = append(b.wanted, j.res.Original)
				}
				batches = append(batches, b)
			}
			for si, set := range cfg.Clean {
				b := &batch{peer: p, flag: flag, class: -1, clean: si}
				for _, d := range set.Docs {
					b.texts = append(b.texts, d.Text)
					b.wanted = append(b.wanted, d.Text)
				}
				batches = append(batches, b)
			}
		}
	}
	progress(cfg.Progress, "eval: %d peer batches (%d peers)", len(batches), len(cfg.Peers))
	if cfg.Seed != nil && rep.Seed != nil {
		for _, p := range cfg.Peers {
			if p.Restore == nil {
				continue
			}
			outs, err := runBatch(ctx, p.Name, p.Restore, []string{cfg.Seed.Disguised})
			if err != nil {
				return err
			}
			if outs[0].Error == "" && outs[0].Text == cfg.Seed.Restored {
				rep.Seed.Peers = append(rep.Seed.Peers, p.Name)
			}
		}
	}
	var mu sync.Mutex
	add := mergePeer
	return parallel(ctx, len(batches), cfg.Workers, func(i int) error {
		b := batches[i]
		argv := b.peer.Restore
		if b.flag {
			argv = b.peer.Flag
		}
		if len(b.texts) == 0 {
			return nil
		}
		outs, err := runBatch(ctx, b.peer.Name, argv, b.texts)
		if err != nil {
			return err
		}
		perRate := map[int]PeerCounts{}
		var total PeerCounts
		for k, o := range outs {
			c := o.counts(b.flag, b.wanted[k])
			addCounts(&total, c)
			if b.class >= 0 {
				r := b.idx[k].rate
				pc := perRate[r]
				addCounts(&pc, c)
				perRate[r] = pc
			}
		}
		mu.Lock()
		defer mu.Unlock()
		name := b.peer.Name
		if b.class < 0 {
			add(&rep.Clean[b.clean].Peers, name, total)
			return nil
		}
		cr := &rep.Classes[b.class]
		add(&cr.Peers, name, total)
		for r, c := range perRate {
			add(&cr.Rates[r].Peers, name, c)
		}
		return nil
	})
}

// counts scores one answer of a peer: an error, a flag (flag mode) or an
// exact restoration of want (restore mode).
func (o peerOut) counts(flag bool, want string) PeerCounts {
	c := PeerCounts{Docs: 1}
	switch {
	case o.Error != "":
		c.Errors = 1
	case flag && o.Flag != nil:
		c.Flags = 1
		c.Flagged = *o.Flag
	case !flag && o.Text == want:
		c.Exact = 1
	}
	return c
}

// mergePeer adds c to the tally of peer name in *m; restore and flag
// batches count the same documents, so Docs is the larger of the two.
func mergePeer(m *map[string]PeerCounts, name string, c PeerCounts) {
	if *m == nil {
		*m = map[string]PeerCounts{}
	}
	t := (*m)[name]
	t.Docs = max(t.Docs, c.Docs)
	t.Exact += c.Exact
	t.Flagged += c.Flagged
	t.Flags += c.Flags
	t.Errors += c.Errors
	(*m)[name] = t
}

func addCounts(t *PeerCounts, c PeerCounts) {
	t.Docs += c.Docs
	t.Exact += c.Exact
	t.Flagged += c.Flagged
	t.Flags += c.Flags
	t.Errors += c.Errors
}
