package codescan

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// sarifObjects lists, for each SARIF 2.1.0 object WriteSARIF emits, the
// properties the schema (sarif-schema-2.1.0.json, OASIS Standard, §3) allows
// — every one of these objects has additionalProperties false — and those it
// requires. The test walks the log and checks each object against them, the
// enums, the minimums and the links between results and rules.
var sarifObjects = map[string]struct{ allowed, required string }{
	"sarifLog": {"$schema version runs inlineExternalProperties properties", "version runs"},
	"run": {"tool invocations conversion language versionControlProvenance originalUriBaseIds artifacts logicalLocations graphs results automationDetails runAggregates baselineGuid redactionTokens defaultEncoding defaultSourceLanguage newlineSequences columnKind externalPropertyFileReferences threadFlowLocations taxonomies addresses translations policies webRequests webResponses specialLocations properties",
		"tool"},
	"tool": {"driver extensions properties", "driver"},
	"toolComponent": {"guid name organization product productSuite shortDescription fullDescription fullName version semanticVersion dottedQuadFileVersion releaseDateUtc downloadUri informationUri globalMessageStrings notifications rules taxa locations language contents isComprehensive localizedDataSemanticVersion minimumRequiredLocalizedDataSemanticVersion associatedComponent translationMetadata supportedTaxonomies properties",
		"name"},
	"reportingDescriptor":      {"id deprecatedIds guid deprecatedGuids name deprecatedNames shortDescription fullDescription messageStrings defaultConfiguration helpUri help relationships properties", "id"},
	"multiformatMessageString": {"text markdown properties", "text"},
	"reportingConfiguration":   {"enabled level rank parameters properties", ""},
	"result": {"ruleId ruleIndex rule kind level message analysisTarget locations guid correlationGuid occurrenceCount partialFingerprints fingerprints stacks codeFlows graphs graphTraversals relatedLocations suppressions baselineState rank attachments hostedViewerUri workItemUris provenance fixes taxa webRequest webResponse properties",
		"message"},
	"message":          {"text markdown id arguments properties", ""},
	"location":         {"id physicalLocation logicalLocations message annotations relationships properties", ""},
	"physicalLocation": {"address artifactLocation region contextRegion properties", ""},
	"artifactLocation": {"uri uriBaseId index description properties", ""},
	"region":           {"startLine startColumn endLine endColumn charOffset charLength byteOffset byteLength snippet message sourceLanguage properties", ""},
}

type obj = map[string]any

func checkObject(t *testing.T, kind string, v any) obj {
	t.Helper()
	o, ok := v.(obj)
	if !ok {
		t.Fatalf("%s is %T, not an object", kind, v)
	}
	spec := sarifObjects[kind]
	allowed := map[string]bool{}
	for _, k := range strings.Fields(spec.allowed) {
		allowed[k] = true
	}
	for k := range o {
		if !allowed[k] {
			t.Errorf("%s: property %q is not in the schema", kind, k)
		}
	}
	for _, k := range strings.Fields(spec.required) {
		if _, ok := o[k]; !ok {
			t.Errorf("%s: required property %q missing", kind, k)
		}
	}
	return o
}

func TestSARIF(t *testing.T) {
	s := NewScanner(0)
	fs := s.File("dir with space/attack.go", []byte("package main\n\n/*\u202e } \u2066if admin\u2069 \u2066 begin */\nvar is\u0410dmin, isAdmin = 1, 2\n"))
	fs = append(fs, s.Package()...)
	if len(fs) < 5 {
		t.Fatalf("want the bidi controls and the identifiers, got %v", fs)
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, fs, "test"); err != nil {
		t.Fatal(err)
	}
	var log obj
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	checkObject(t, "sarifLog", log)
	if log["version"] != "2.1.0" {
		t.Errorf("version %v", log["version"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs", len(runs))
	}
	run := checkObject(t, "run", runs[0])
	if ck := run["columnKind"]; ck != "unicodeCodePoints" && ck != "utf16CodeUnits" {
		t.Errorf("columnKind %v", ck)
	}
	driver := checkObject(t, "toolComponent", checkObject(t, "tool", run["tool"])["driver"])
	var ruleIDs []string
	for _, r := range driver["rules"].([]any) {
		rd := checkObject(t, "reportingDescriptor", r)
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			if m := checkObject(t, "multiformatMessageString", rd[k]); m["text"] == "" {
				t.Errorf("rule %v: empty %s", rd["id"], k)
			}
		}
		cfg := checkObject(t, "reportingConfiguration", rd["defaultConfiguration"])
		if l := cfg["level"]; l != "error" && l != "warning" && l != "note" && l != "none" {
			t.Errorf("level %v", l)
		}
		for _, id := range ruleIDs {
			if id == rd["id"] {
				t.Errorf("rule id %v twice", id)
			}
		}
		ruleIDs = append(ruleIDs, rd["id"].(string))
	}
	results := run["results"].([]any)
	if len(results) != len(fs) {
		t.Fatalf("%d results for %d findings", len(results), len(fs))
	}
	prints := map[string]bool{}
	for i, r := range results {
		res := checkObject(t, "result", r)
		idx := int(res["ruleIndex"].(float64))
		if idx < 0 || idx >= len(ruleIDs) || ruleIDs[idx] != res["ruleId"] {
			t.Errorf("result %d: ruleIndex %d does not name rule %v", i, idx, res["ruleId"])
		}
		if msg := checkObject(t, "message", res["message"]); msg["text"] == "" {
			t.Errorf("result %d: empty message", i)
		}
		locs := res["locations"].([]any)
		if len(locs) != 1 {
			t.Fatalf("result %d: %d locations", i, len(locs))
		}
		phys := checkObject(t, "physicalLocation", checkObject(t, "location", locs[0])["physicalLocation"])
		art := checkObject(t, "artifactLocation", phys["artifactLocation"])
		if u, err := url.Parse(art["uri"].(string)); err != nil || u.Path != "dir with space/attack.go" {
			t.Errorf("uri %v: %v", art["uri"], err)
		}
		reg := checkObject(t, "region", phys["region"])
		line, col, end := reg["startLine"].(float64), reg["startColumn"].(float64), reg["endColumn"].(float64)
		if line != float64(fs[i].Line) || col != float64(fs[i].Col16) || end != float64(fs[i].EndCol16) || end <= col || line < 1 || col < 1 {
			t.Errorf("result %d: region %v for %v", i, reg, fs[i])
		}
		fp := res["partialFingerprints"].(obj)
		v, ok := fp["unmask/v1"].(string)
		if !ok || v == "" || prints[v] {
			t.Errorf("result %d: fingerprint %v missing or repeated", i, fp)
		}
		prints[v] = true
	}
}

// TestFingerprintStable: adding lines above a finding keeps its fingerprint.
func TestFingerprintStable(t *testing.T) {
	a := scanOne("a.go", "package a\n\n// \u202e\n")
	b := scanOne("a.go", "package a\n\nimport \"fmt\"\n\n// \u202e\n")
	if len(a) != 1 || len(b) != 1 || a[0].Fingerprint != b[0].Fingerprint || a[0].Line == b[0].Line {
		t.Fatalf("%v\n%v", a, b)
	}
}
