package e2e

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/server"
)

var screenshotDir = flag.String("screenshot-dir", "", "TestDarkMode writes light.png and dark.png here (default: a temporary directory)")

// emulateScheme makes the tab report prefers-color-scheme: scheme.
func (p *page) emulateScheme(t *testing.T, scheme string) {
	t.Helper()
	p.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

// shot takes a screenshot of the viewport and returns its mean luminance,
// 0 (black) to 1 (white).
func (p *page) shot(t *testing.T, path string) float64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return meanLuminance(img)
}

func meanLuminance(img image.Image) float64 {
	var sum float64
	r := img.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y += 4 {
		for x := r.Min.X; x < r.Max.X; x += 4 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			sum += (0.2126*float64(cr) + 0.7152*float64(cg) + 0.0722*float64(cb)) / 0xffff
			n++
		}
	}
	return sum / float64(n)
}

// The page follows the system's colour scheme, the theme button switches
// it and the choice survives a reload; screenshots in both schemes show
// a light page and a dark one.
func TestDarkMode(t *testing.T) {
	dir := *screenshotDir
	if dir == "" {
		dir = t.TempDir()
	}
	p := open(t, server.Options{}, 1280, 900)
	p.do(t, chromedp.Click("#example"))
	p.waitResult(t)
	bg := func() string { return eval[string](t, p, `getComputedStyle(document.body).backgroundColor`) }
	pressed := func() string {
		return eval[string](t, p, `document.querySelector("#theme").getAttribute("aria-pressed")`)
	}

	p.emulateScheme(t, "light")
	light := bg()
	lightLum := p.shot(t, filepath.Join(dir, "light.png"))
	p.emulateScheme(t, "dark")
	dark := bg()
	darkLum := p.shot(t, filepath.Join(dir, "dark.png"))
	t.Logf("system light: body %s, screenshot mean luminance %.2f; system dark: body %s, %.2f (%s)", light, lightLum, dark, darkLum, dir)
	if light == dark {
		t.Fatalf("the page ignores prefers-color-scheme: background %s in both", light)
	}
	if lightLum < 0.7 || darkLum > 0.3 {
		t.Errorf("screenshot mean luminance %.2f with a light system, %.2f with a dark one; want a light page (> 0.7) and a dark one (< 0.3)", lightLum, darkLum)
	}
	if pressed() != "true" {
		t.Errorf("dark system: theme button aria-pressed=%s, want true", pressed())
	}

	// The button overrides the system, and the choice is kept.
	p.do(t, chromedp.Click("#theme"))
	if got := bg(); got != light {
		t.Errorf("after the button on a dark system the background is %s, want the light %s", got, light)
	}
	if pressed() != "false" {
		t.Errorf("after the button: aria-pressed=%s, want false", pressed())
	}
	if s := eval[string](t, p, `localStorage.getItem("unmask-theme") || ""`); s != "light" {
		t.Errorf("localStorage unmask-theme=%q, want light", s)
	}
	p.do(t, chromedp.Reload(), chromedp.WaitVisible("#text"))
	if got := bg(); got != light {
		t.Errorf("after a reload the chosen light theme is lost: background %s", got)
	}
	// Choosing the system's scheme again follows the system again.
	p.do(t, chromedp.Click("#theme"))
	if got, s := bg(), eval[string](t, p, `localStorage.getItem("unmask-theme") || ""`); got != dark || s != "" {
		t.Errorf("back to dark on a dark system: background %s (want %s), stored %q (want none)", got, dark, s)
	}
	p.emulateScheme(t, "light")
	if got := bg(); got != light {
		t.Errorf("no choice kept, the system turned light: background %s, want %s", got, light)
	}
}

// largeText is the seed article repeated to 1 MB: about 30,000 disguised
// characters, as in the report of issue 17.
func largeText(t *testing.T) string {
	article := readTestdata(t, "seed/scraped-article.txt")
	return strings.Repeat(article, (1<<20)/len(article)+1)[:1<<20]
}

// A 1 MB paste with some 30,000 findings stays usable: the panes show the
// text in parts, the findings are grouped by kind and character, and the
// page holds a bounded number of DOM nodes. The time from Check to the
// drawn result is logged (a figure, not a test).
func TestLargeDocument(t *testing.T) {
	text := largeText(t)
	rep := detect.ScanString(text)
	n := len(rep.Findings)
	p := open(t, server.Options{}, 1280, 900)
	p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("#text").value = `+js(text)))
	ms := eval[float64](t, p, `new Promise((done) => {
	  const t0 = performance.now(), v = document.querySelector("#verdict");
	  document.querySelector("#check").click();
	  const poll = () => (v.classList.contains("disguised") && !v.classList.contains("busy"))
	    ? requestAnimationFrame(() => done(performance.now() - t0)) : setTimeout(poll, 5);
	  poll();
	})`)
	nodes := eval[int](t, p, `(() => { let n = 0; const w = document.createTreeWalker(document.documentElement); while (w.nextNode()) n++; return n; })()`)
	marks := eval[int](t, p, `document.querySelectorAll("#orig .f").length`)
	t.Logf("1 MB, %d findings: %.0f ms from Check to the drawn result, %d DOM nodes, %d marks in the pane", n, ms, nodes, marks)
	if n < 25000 {
		t.Fatalf("only %d findings in the large text", n)
	}
	if nodes > 20000 {
		t.Errorf("%d DOM nodes for %d findings: the page must stay bounded (at most 20,000)", nodes, n)
	}
	// The parts together are the text and every finding, in order.
	got := eval[[]int](t, p, `(() => {
	  let chars = 0, marks = 0, parts = 0;
	  const next = document.querySelector("#next");
	  for (;;) {
	    parts++;
	    chars += document.querySelector("#orig").textContent.length;
	    marks += document.querySelectorAll("#orig .f").length;
	    if (next.disabled) break;
	    next.click();
	  }
	  return [chars, marks, parts];
	})()`)
	if units := eval[int](t, p, `document.querySelector("#text").value.length`); got[0] != units || got[1] != n || got[2] < 2 {
		t.Errorf("the parts hold %d UTF-16 units and %d marks in %d parts; want the text's %d units and %d marks in several parts", got[0], got[1], got[2], units, n)
	}
	// The findings list: every finding in a group, and a group's place
	// takes the panes to the part that holds it.
	total := eval[int](t, p, `[...document.querySelectorAll("#groups .g-n")].reduce((s, e) => s + Number(e.textContent.replace(/,/g, "")), 0)`)
	if total != n {
		t.Errorf("groups count %d findings, want %d", total, n)
	}
	p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector("#details").open = true; document.querySelector("#groups details").open = true`))
	p.do(t, chromedp.WaitVisible("#groups details tbody tr"))
	rows := eval[int](t, p, `document.querySelectorAll("#groups details tbody tr").length`)
	if rows != 100 {
		t.Errorf("an opened group lists %d places, want the first 100", rows)
	}
	p.do(t, chromedp.Click("#groups details .more"))
	if rows := eval[int](t, p, `document.querySelectorAll("#groups details tbody tr").length`); rows != 200 {
		t.Errorf("after Show more: %d places, want 200", rows)
	}
	p.do(t, chromedp.Click("#groups details tbody tr:nth-child(150)"))
	want := eval[string](t, p, `document.querySelector("#groups details tbody tr:nth-child(150)").dataset.i`)
	if got := eval[string](t, p, `document.activeElement.classList.contains("f") ? document.activeElement.dataset.i : "none"`); got != want {
		t.Errorf("choosing place 150 focused mark %s, want %s", got, want)
	}
}
