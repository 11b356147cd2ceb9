// Package e2e drives the web page of `unmask serve` in a real headless
// Chromium with chromedp.
//
// The tests need a Chromium binary: `chromium` on PATH (Debian: apt-get
// install -y chromium) or UNMASK_CHROME=/path/to/chrome. Without one they
// skip, unless UNMASK_E2E=1, which CI sets so that a missing browser fails
// the run instead of passing it silently.
//
// e2e is a module of its own (go.mod, with a replace of the library by ../)
// so that chromedp stays out of the library's module graph: run it with
// `go -C e2e test ./...`.
//
// A screenshot for a person to look at:
//
//	go -C e2e test -run Screenshot -screenshot out.png
//	go -C e2e test -run Screenshot -screenshot out.png -screenshot-input article.txt
package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/restore"
	"github.com/unmaskdev/unmask/server"
)

var (
	screenshot      = flag.String("screenshot", "", "TestScreenshot writes the page to this PNG file")
	screenshotInput = flag.String("screenshot-input", "", "with -screenshot: a text file to paste (default: the page's own example)")
	screenshotWidth = flag.Int("screenshot-width", 1280, "with -screenshot: window width in CSS pixels")
	screenshotTheme = flag.String("screenshot-scheme", "light", "with -screenshot: the system colour scheme, light or dark")
)

// chromePath finds the browser or skips the test.
func chromePath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("UNMASK_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("UNMASK_E2E") == "1" {
		t.Fatal("UNMASK_E2E=1 but no Chromium found: apt-get install -y chromium, or set UNMASK_CHROME")
	}
	t.Skip("browser tests skipped: no Chromium on PATH (apt-get install -y chromium, or set UNMASK_CHROME=/path/to/chrome)")
	return ""
}

// page is a running server and a browser tab on it.
type page struct {
	url string
	ctx context.Context

	mu      sync.Mutex
	console []string // warnings, errors and exceptions the page logged
}

// open starts the server on 127.0.0.1:0 and a headless Chromium with a
// fresh profile, and loads the page.
func open(t *testing.T, opt server.Options, width, height int) *page {
	t.Helper()
	chrome := chromePath(t)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srvCtx, stopServer := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- server.New(opt).Serve(srvCtx, ln) }()
	t.Cleanup(func() {
		stopServer()
		if err := <-served; err != nil {
			t.Errorf("server: %v", err)
		}
	})

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Headless, // --headless
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })

	p := &page{url: "http://" + ln.Addr().String() + "/", ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleWarning, chromedp.ConsoleError, chromedp.ConsoleException:
				p.mu.Lock()
				p.console = append(p.console, fmt.Sprintf("%s: %s", m.Type, m.Text))
				p.mu.Unlock()
			}
		}
	}()
	// A headless tab is not focused unless told to be, and then focus
	// events do not fire for element.focus().
	p.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}), chromedp.Navigate(p.url), chromedp.WaitVisible("#text"))
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, m := range p.console {
			t.Errorf("page console: %s", m)
		}
	})
	return p
}

func (p *page) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval runs a JavaScript expression and decodes its value into a T.
func eval[T any](t *testing.T, p *page, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// paste puts text into the box as a paste does: an insertText edit, which
// fires the input event the page listens to. It waits for the answer.
func (p *page) paste(t *testing.T, text string) {
	t.Helper()
	p.do(t,
		chromedp.Focus("#text"),
		chromedp.Evaluate[chromedp.Void](`document.execCommand("selectAll"); document.execCommand("insertText", false, `+js(text)+`)`),
	)
	p.waitResult(t)
}

// waitResult waits until the verdict shows a result and the request is done.
func (p *page) waitResult(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`["clean","suspicious","disguised","error"].some(c => document.querySelector("#verdict").classList.contains(c)) && !document.querySelector("#verdict").classList.contains("busy")`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("no verdict: %v", err)
	}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The seed article: 188 characters marked, each the character the API
// found, and the restored pane equal to the restored file.
func TestSeedArticle(t *testing.T) {
	article := readTestdata(t, "seed/scraped-article.txt")
	restored := readTestdata(t, "seed/scraped-article.restored.txt")
	p := open(t, server.Options{}, 1280, 900)
	p.paste(t, article)

	if cls := eval[string](t, p, `document.querySelector("#verdict").className`); !strings.Contains(cls, "disguised") {
		t.Fatalf("verdict class %q", cls)
	}
	verdict := eval[string](t, p, `document.querySelector("#verdict").textContent`)
	if !strings.Contains(verdict, "Disguised") || !strings.Contains(verdict, "188 characters") {
		t.Errorf("verdict text %q", verdict)
	}
	marks := eval[[]string](t, p, `[...document.querySelectorAll("#orig .f")].map(b => b.textContent)`)
	if len(marks) != 188 {
		t.Fatalf("%d highlighted characters, want 188", len(marks))
	}
	rep := detect.ScanString(article)
	for i, f := range rep.Findings {
		if marks[i] != f.Char {
			t.Fatalf("mark %d is %q, the API found %q (%s)", i, marks[i], f.Char, f.Code)
		}
	}
	if got := eval[string](t, p, `document.querySelector("#orig").textContent`); got != article {
		t.Error("the 'as written' pane is not the pasted text")
	}
	if got := eval[string](t, p, `document.querySelector("#restored").textContent`); got != restored {
		t.Errorf("the restored pane differs from scraped-article.restored.txt")
	}
	if n := eval[int](t, p, `document.querySelectorAll("#restored ins.chg").length`); n != 188 {
		t.Errorf("%d changes marked in the restored pane, want 188", n)
	}
	groups := eval[[]string](t, p, `[...document.querySelectorAll("#groups .group summary")].map(s => s.textContent)`)
	if len(groups) != 1 || !strings.Contains(groups[0], "U+03BF GREEK SMALL LETTER OMICRON") || !strings.HasSuffix(groups[0], "188") {
		t.Errorf("findings grouped as %q, want one group: U+03BF … 188", groups)
	}
	if !eval[bool](t, p, `document.querySelector("#pager").hidden`) {
		t.Error("188 findings are shown in parts")
	}
}

// The tooltip is reachable without a mouse: Tab into the text, arrow keys
// between marks, Escape to hide.
func TestKeyboardTooltip(t *testing.T) {
	article := readTestdata(t, "seed/scraped-article.txt")
	p := open(t, server.Options{}, 1280, 900)
	p.paste(t, article)
	rep := detect.ScanString(article)

	// From the Check button, Tab reaches the first mark: the others are
	// out of the tab order (roving tabindex).
	p.do(t, chromedp.Focus("#check"), chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, p, `document.activeElement.className + "|" + document.activeElement.dataset.i`); !strings.HasPrefix(got, "f") || !strings.HasSuffix(got, "|0") {
		t.Fatalf("Tab from Check focused %q, want the first mark", got)
	}
	tip := func() (string, bool) {
		return eval[string](t, p, `document.querySelector("#tip").textContent`), eval[bool](t, p, `!document.querySelector("#tip").hidden`)
	}
	text, shown := tip()
	f := rep.Findings[0]
	for _, want := range []string{f.Name, f.Code, f.Script, "Imitates " + f.Imitates} {
		if !shown || !strings.Contains(text, want) {
			t.Fatalf("tooltip on focus (shown %v) %q lacks %q", shown, text, want)
		}
	}
	if d := eval[string](t, p, `document.activeElement.getAttribute("aria-describedby")`); d != "tip" {
		t.Errorf("focused mark aria-describedby=%q, want tip", d)
	}
	if label := eval[string](t, p, `document.activeElement.getAttribute("aria-label")`); !strings.Contains(label, f.Name) || !strings.Contains(label, "imitates") {
		t.Errorf("mark's accessible name %q", label)
	}
	p.do(t, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
	if i := eval[string](t, p, `document.activeElement.dataset.i`); i != "2" {
		t.Fatalf("after two ArrowRight the focus is on mark %q, want 2", i)
	}
	if text, _ := tip(); !strings.Contains(text, rep.Findings[2].Name) {
		t.Errorf("tooltip did not follow the focus: %q", text)
	}
	p.do(t, chromedp.KeyEvent(kb.End))
	if i := eval[string](t, p, `document.activeElement.dataset.i`); i != "187" {
		t.Errorf("End focused mark %q, want 187", i)
	}
	p.do(t, chromedp.KeyEvent(kb.Escape))
	if _, shown := tip(); shown {
		t.Error("Escape did not hide the tooltip")
	}
	// Focus is visible: an outline of at least 2px on the focused mark.
	if w := eval[float64](t, p, `parseFloat(getComputedStyle(document.activeElement).outlineWidth) * (getComputedStyle(document.activeElement).outlineStyle === "none" ? 0 : 1)`); w < 2 {
		t.Errorf("focused mark outline %.1fpx", w)
	}
}

// Offsets are UTF-8 bytes; the page must cut JavaScript (UTF-16) strings
// right around astral characters: mathematical bold letters, emoji, tags.
func TestAstralOffsets(t *testing.T) {
	text := "𝐇𝐞𝐥𝐥𝐨 wοrld 😀 tеst café aut\u200Bomatic" + tagged("hi") + " end 𝐛𝐨𝐥𝐝\n"
	p := open(t, server.Options{}, 1280, 900)
	p.paste(t, text)
	rep := detect.ScanString(text)
	if len(rep.Findings) < 10 || rep.Counts[detect.Styled] == 0 || rep.Counts[detect.Tag] != 1 {
		t.Fatalf("test text has too few kinds of finding: %v", rep.Counts)
	}
	marks := eval[[]string](t, p, `[...document.querySelectorAll("#orig .f")].map(b => b.textContent)`)
	if len(marks) != len(rep.Findings) {
		t.Fatalf("%d marks, %d findings", len(marks), len(rep.Findings))
	}
	for i, f := range rep.Findings {
		if marks[i] != f.Char {
			t.Errorf("mark %d = %q (%d UTF-16 units), want %q %s", i, marks[i], len(marks[i]), f.Char, f.Code)
		}
	}
	// byteToUTF16 maps each finding's byte range onto the JS string.
	var offs [][2]int
	for _, f := range rep.Findings {
		offs = append(offs, [2]int{f.Offset, f.Offset + f.Len})
	}
	offJSON, _ := json.Marshal(offs)
	got := eval[[]string](t, p, `(() => { const s = `+js(text)+`; const b = new TextEncoder().encode(s);
		return `+string(offJSON)+`.map(([a, z]) => s.slice(unmaskPage.byteToUTF16(b, a), unmaskPage.byteToUTF16(b, z))); })()`)
	for i, f := range rep.Findings {
		if got[i] != f.Char {
			t.Errorf("byteToUTF16 slice %d = %q, want %q", i, got[i], f.Char)
		}
	}
	if r := eval[string](t, p, `document.querySelector("#restored").textContent`); r != restore.String(text) {
		t.Errorf("restored pane %q, want %q", r, restore.String(text))
	}
	if h := eval[[]string](t, p, `[...document.querySelectorAll("#hidden-list q")].map(q => q.textContent)`); len(h) != 1 || h[0] != "hi" {
		t.Errorf("hidden text shown: %q, want [hi]", h)
	}
	if eval[bool](t, p, `document.querySelector("#hidden").hidden`) {
		t.Error("the hidden-text section is not shown")
	}
	if lbl := eval[string](t, p, `document.querySelector('#orig .f[data-label="ZWSP"]')?.textContent ?? "none"`); lbl != "\u200B" {
		t.Errorf("zero-width space mark %q", lbl)
	}
}

func tagged(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(0xE0000 + r)
	}
	return b.String()
}

// A file with invalid UTF-8 is sent as its bytes: each bad byte is marked,
// and the page stays aligned with the offsets after it.
func TestFileWithInvalidUTF8(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(path, []byte("caf\xe9 w\u03bfrld \xff\xfe 𝐛𝐨𝐥𝐝 t\u0435st\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := open(t, server.Options{}, 1280, 900)
	p.do(t, chromedp.SetUploadFiles("#file", []string{path}))
	p.waitResult(t)
	marks := eval[[]string](t, p, `[...document.querySelectorAll("#orig .f")].map(b => b.textContent + "|" + (b.dataset.label || ""))`)
	want := []string{"\ufffd|0xE9", "ο|", "\ufffd|0xFF", "\ufffd|0xFE", "𝐛|", "𝐨|", "𝐥|", "𝐝|", "е|"}
	if strings.Join(marks, " ") != strings.Join(want, " ") {
		t.Fatalf("marks %q, want %q", marks, want)
	}
	if r := eval[string](t, p, `document.querySelector("#restored").textContent`); r != "caf\ufffd world \ufffd\ufffd bold test\n" {
		t.Errorf("restored %q", r)
	}
}

// With an index, the page lists the originals.
func TestTraceOriginals(t *testing.T) {
	ix, docs := newsIndex(t)
	p := open(t, server.Options{Tracer: ix}, 1280, 900)
	doc := docs[3]
	p.paste(t, strings.NewReplacer("o", "\u043e", "e", "\u0435").Replace(doc.Text))
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector("#origins").hidden && document.querySelectorAll("#matches li").length > 0`)); err != nil {
		t.Fatalf("no originals shown: %v", err)
	}
	if first := eval[string](t, p, `document.querySelector("#matches li .m-id")?.textContent ?? ""`); first != doc.ID {
		t.Errorf("first original %q, want %q", first, doc.ID)
	}
}

// Text colours meet WCAG AA (4.5:1) on the background they are drawn on, in
// every verdict state and in the tooltip; every control has a name.
func TestAccessibility(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) { testAccessibility(t, scheme) })
	}
}

func testAccessibility(t *testing.T, scheme string) {
	p := open(t, server.Options{}, 1280, 900)
	p.emulateScheme(t, scheme)
	p.do(t, chromedp.Click("#example"))
	p.waitResult(t)
	// a group of the findings list open, so that its table is checked too
	p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("#details").open = true; document.querySelector("#groups details").open = true`))
	p.do(t, chromedp.Focus("#orig .f"))
	type low struct {
		Sel, Text, Fg, Bg string
		Ratio             float64
	}
	const contrast = `(() => {
	  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
	  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
	  const bgOf = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
	  const out = [];
	  const sels = ["body", ".tagline", ".brand", ".v-title", ".v-detail", ".v-kinds li", ".help", "label", ".btn", ".btn.primary", "textarea", "#orig", "#orig .f", "#orig .f.keep", "#restored", "#restored .chg", "th", "td", ".foot", ".foot a", "#tip .t-name", "#tip .t-code", "#tip .t-meta", "#tip .t-imit", "#tip .t-imit b", ".hidden-list q", "summary h2", ".count", "kbd", ".legend", "#theme", ".groups h3", ".group summary", ".g-n", ".g-char"];
	  const states = ["disguised", "suspicious", "clean", "error", "idle"];
	  const v = document.querySelector("#verdict"), keep = v.className;
	  for (const st of states) {
	    v.className = "verdict " + st;
	    for (const sel of sels) for (const el of document.querySelectorAll(sel)) {
	      if (!el.textContent.trim() || el.closest("[hidden]")) continue;
	      const s = getComputedStyle(el);
	      const fg = rgb(s.color), bg = bgOf(el);
	      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
	      const ratio = (a + 0.05) / (b + 0.05);
	      if (ratio < 4.5) out.push({sel: st + " " + sel, text: el.textContent.slice(0, 30), fg: s.color, bg: String(bg), ratio});
	    }
	  }
	  v.className = keep;
	  return out;
	})()`
	for _, l := range eval[[]low](t, p, contrast) {
		t.Errorf("contrast %.2f:1 < 4.5:1 for %s %q (%s on %s)", l.Ratio, l.Sel, l.Text, l.Fg, l.Bg)
	}
	unnamed := eval[[]string](t, p, `[...document.querySelectorAll("button, input, textarea, a[href], [role=button]")].filter(e => !e.closest("[hidden]")).filter(e => {
	  const name = e.getAttribute("aria-label") || e.textContent.trim() || (e.labels && [...e.labels].map(l => l.textContent).join("").trim()) || e.getAttribute("title");
	  return !name; }).map(e => e.outerHTML.slice(0, 80))`)
	for _, u := range unnamed {
		t.Errorf("control without an accessible name: %s", u)
	}
	if live := eval[string](t, p, `document.querySelector("#verdict").getAttribute("aria-live")`); live != "polite" {
		t.Errorf("verdict aria-live=%q", live)
	}
	// Keyboard focus is visible on every control Tab reaches.
	p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("#details").open = false; document.activeElement.blur(); window.scrollTo(0, 0)`))
	seen := map[string]bool{}
	for range 16 {
		p.do(t, chromedp.KeyEvent(kb.Tab))
		got := eval[[]string](t, p, `(() => { const e = document.activeElement, s = getComputedStyle(e);
		  const shown = e.id === "file" ? getComputedStyle(e.labels[0]) : s;
		  return [e.id || e.classList[0] || e.tagName, shown.outlineStyle, shown.outlineWidth]; })()`)
		seen[got[0]] = true
		if got[0] == "BODY" { // past the last control, focus leaves the page
			continue
		}
		if got[1] == "none" || got[2] == "0px" {
			t.Errorf("Tab to %s: no visible focus (outline %s %s)", got[0], got[1], got[2])
		}
	}
	for _, id := range []string{"skip", "theme", "file", "example", "clear", "text", "check", "f", "copy", "download", "restored"} {
		if !seen[id] {
			t.Errorf("Tab never reached %s (reached %v)", id, seen)
		}
	}
}

// TestScreenshot writes a picture of the page for a person to look at.
func TestScreenshot(t *testing.T) {
	if *screenshot == "" {
		t.Skip("no -screenshot FILE given")
	}
	p := open(t, server.Options{}, *screenshotWidth, 1000)
	p.emulateScheme(t, *screenshotTheme)
	if *screenshotInput != "" {
		b, err := os.ReadFile(*screenshotInput)
		if err != nil {
			t.Fatal(err)
		}
		p.paste(t, string(b))
	} else {
		p.do(t, chromedp.Click("#example"))
		p.waitResult(t)
	}
	// The findings list open at its most frequent character.
	p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("#details").open = true; document.querySelector("#groups details").open = true`))
	// Show a tooltip, as a person focusing a mark sees it.
	p.do(t, chromedp.Focus("#orig .f:nth-of-type(3)"))
	if eval[bool](t, p, `document.querySelector("#tip").hidden`) {
		t.Error("no tooltip on the focused mark")
	}
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", *screenshot, len(png))
}
