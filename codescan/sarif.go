package codescan

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0 (OASIS Standard, https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// as far as code-scanning dashboards read it. Field names follow the spec.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifMessage    `json:"shortDescription"`
		FullDescription      sarifMessage    `json:"fullDescription"`
		Help                 sarifMessage    `json:"help"`
		DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
		Properties           sarifProperties `json:"properties"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifProperties struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifMessage      `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]string `json:"properties,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndColumn   int `json:"endColumn"`
	}
)

// SARIFSchema is the JSON schema URI the log names.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// WriteSARIF writes findings as one SARIF 2.1.0 log with one run of tool
// "unmask" (version toolVersion), every rule of Rules with its help, and a
// result per finding located by path, line and column. Columns count UTF-16
// code units (run.columnKind "utf16CodeUnits", SARIF's default, which
// code-scanning dashboards and editors assume). Relative paths
// are given against %SRCROOT%. Each result has a partialFingerprints entry
// "unmask/v1" that stays the same when lines are added elsewhere.
func WriteSARIF(w io.Writer, findings []Finding, toolVersion string) error {
	log := sarifLog{Schema: SARIFSchema, Version: "2.1.0"}
	run := sarifRun{ColumnKind: "utf16CodeUnits", Results: []sarifResult{},
		Tool: sarifTool{Driver: sarifDriver{Name: "unmask", Version: toolVersion,
			InformationURI: "https://github.com/unmaskdev/unmask"}}}
	index := map[*Rule]int{}
	for i, r := range Rules {
		index[r] = i
		sev := "8.0"
		if r.Level != "error" {
			sev = "5.0"
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: r.ID, Name: r.Name,
			ShortDescription: sarifMessage{r.Short}, FullDescription: sarifMessage{r.Help}, Help: sarifMessage{r.Help},
			DefaultConfiguration: sarifConfig{r.Level},
			Properties:           sarifProperties{Tags: []string{"security", "unicode"}, SecuritySeverity: sev}})
	}
	for _, f := range findings {
		art := sarifArtifact{URI: fileURI(f.Path)}
		if !filepath.IsAbs(f.Path) {
			art.URIBaseID = "%SRCROOT%"
		}
		res := sarifResult{RuleID: f.Rule.ID, RuleIndex: index[f.Rule], Level: f.Rule.Level,
			Message: sarifMessage{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: art,
				Region: sarifRegion{StartLine: f.Line, StartColumn: f.Col16, EndColumn: max(f.EndCol16, f.Col16+1)}}}},
			PartialFingerprints: map[string]string{"unmask/v1": f.Fingerprint},
			Properties:          map[string]string{"context": f.Context.String()}}
		run.Results = append(run.Results, res)
	}
	log.Runs = []sarifRun{run}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// fileURI turns a path into a URI reference: forward slashes, each segment
// percent-encoded, "file://" for an absolute path.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if strings.HasPrefix(p, "/") {
		return "file://" + u
	}
	return strings.TrimPrefix(u, "./")
}
