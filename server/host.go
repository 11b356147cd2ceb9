package server

import (
	"net"
	"net/http"
	"strings"
)

// A page on another site can reach a server on this machine by DNS
// rebinding: its name is made to resolve to 127.0.0.1, and the browser then
// sends the site's own name in the Host header. So the server answers only
// Host names it was told are its own; any other gets 421 Misdirected Request.
//
// Allowed without being listed: "localhost" and names under ".localhost"
// (RFC 6761 keeps them on this machine), and every IP address literal, the
// loopback and listen addresses among them (an attacker's page cannot make
// the browser send an address as its Host: rebinding needs a name).
// Options.AllowHosts adds names (`unmask serve --allow-host`): "name" for
// that name, ".example.org" for the domain and every name under it, "*" for
// any Host (behind a proxy that checks it).

// hostAllowed reports whether hostport (a request's Host) is one the
// server answers.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostOnly(hostport)
	if host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	for _, a := range s.allowHosts {
		switch {
		case a == "*", a == host:
			return true
		case strings.HasPrefix(a, ".") && (strings.HasSuffix(host, a) || host == a[1:]):
			return true
		}
	}
	// An address starts with a digit (IPv4) or holds a colon (IPv6); other
	// names are not parsed, which would allocate an error for each request.
	if c := host[0]; ('0' <= c && c <= '9') || strings.Contains(host, ":") {
		return net.ParseIP(host) != nil
	}
	return false
}

// hostOnly returns the host of a Host header or allowlist entry in lower
// case, without port, IPv6 brackets or trailing dot.
func hostOnly(hostport string) string {
	h := hostport
	if strings.HasPrefix(h, "[") { // [IPv6] or [IPv6]:port
		if end := strings.IndexByte(h, ']'); end > 0 {
			h = h[1:end]
		}
	} else if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.IndexByte(h, ':') == i {
		h = h[:i] // name:port or IPv4:port; a bare IPv6 address has several colons
	}
	h = strings.TrimSuffix(h, ".")
	for i := 0; i < len(h); i++ {
		if c := h[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(h)
		}
	}
	return h
}

// nosniff is the value of X-Content-Type-Options, shared by every answer
// (net/http does not change it) so that setting it allocates nothing.
var nosniff = []string{"nosniff"}

// guard is the outermost handler: X-Content-Type-Options on every answer,
// and 421 for a Host the server does not know as its own.
func (s *Server) guard(next http.Handler) http.Handler {
	misdirected := s.instrument("421", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errorf(http.StatusMisdirectedRequest,
			"this server does not answer for Host %q (a page on another site may be reaching it by DNS rebinding); if the name is its own, start it with --allow-host %s",
			r.Host, hostOnly(r.Host)))
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Content-Type-Options"] = nosniff
		if !s.hostAllowed(r.Host) {
			misdirected.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
