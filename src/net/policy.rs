//! Which destinations a request may reach (SSRF protection).
//!
//! The decision is made on the *resolved* address, right before connecting
//! to exactly that address: checking the host name and then letting the
//! socket layer resolve it again would let a DNS answer that changes between
//! the two lookups (DNS rebinding) slip through.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// How private addresses are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PolicyMode {
    /// Every address is reachable (the default for `nano-boa run`).
    #[default]
    AllowAll,
    /// Loopback, private, link-local and other non-global addresses are
    /// refused unless an allow-list entry opens them.
    DenyPrivate,
}

/// One allow-list entry: `host:port`, where host is exact (an IP literal or
/// a name, compared case-insensitively) or `*.example.com` (any subdomain,
/// not the apex), and port is a number or `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPattern {
    host: String,
    port: Option<u16>,
}

impl HostPattern {
    /// Parses `host:port`; `[v6]:port` for IPv6 literals.
    pub fn parse(pattern: &str) -> Result<HostPattern, String> {
        let (host, port) = pattern
            .rsplit_once(':')
            .ok_or_else(|| format!("allow-list entry {pattern:?} is not host:port"))?;
        let port = match port {
            "*" => None,
            p => Some(
                p.parse::<u16>()
                    .map_err(|_| format!("allow-list entry {pattern:?} has a bad port"))?,
            ),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(format!("allow-list entry {pattern:?} has no host"));
        }
        Ok(HostPattern {
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn matches(&self, host: &str, port: u16) -> bool {
        if self.port.is_some_and(|p| p != port) {
            return false;
        }
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        match self.host.strip_prefix("*.") {
            Some(suffix) => {
                host.len() > suffix.len() + 1
                    && host.ends_with(suffix)
                    && host.as_bytes()[host.len() - suffix.len() - 1] == b'.'
            }
            None => self.host == host,
        }
    }
}

/// The network policy of one client.
#[derive(Debug, Clone, Default)]
pub struct NetPolicy {
    pub mode: PolicyMode,
    /// Destinations opened even in [`PolicyMode::DenyPrivate`].
    pub allow: Vec<HostPattern>,
}

impl NetPolicy {
    /// Allows everything.
    pub fn allow_all() -> NetPolicy {
        NetPolicy::default()
    }

    /// Refuses non-global addresses.
    pub fn deny_private() -> NetPolicy {
        NetPolicy {
            mode: PolicyMode::DenyPrivate,
            allow: Vec::new(),
        }
    }

    /// Adds an allow-list entry.
    pub fn with_allowed(mut self, pattern: HostPattern) -> NetPolicy {
        self.allow.push(pattern);
        self
    }

    /// Decides on one resolved address for a request to `host` (as written
    /// in the URL). `Err` carries the reason for the refusal.
    pub fn check(&self, host: &str, addr: SocketAddr) -> Result<(), &'static str> {
        if self.mode == PolicyMode::AllowAll {
            return Ok(());
        }
        if self.allow.iter().any(|p| p.matches(host, addr.port())) {
            return Ok(());
        }
        match classify(addr.ip()) {
            None => Ok(()),
            Some(reason) => Err(reason),
        }
    }
}

/// Why an address is not a public unicast address, or `None` when it is.
pub fn classify(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let o = ip.octets();
    if ip.is_unspecified() || o[0] == 0 {
        Some("unspecified address") // 0.0.0.0/8, RFC 1122 §3.2.1.3
    } else if ip.is_loopback() {
        Some("loopback address") // 127.0.0.0/8
    } else if ip.is_private() {
        Some("private network address") // RFC 1918
    } else if ip.is_link_local() {
        Some("link-local address") // 169.254/16: cloud metadata lives here
    } else if o[0] == 100 && (o[1] & 0xc0) == 64 {
        Some("shared address space") // 100.64/10, RFC 6598 (CGNAT)
    } else if ip.is_broadcast() {
        Some("broadcast address")
    } else if ip.is_multicast() {
        Some("multicast address") // 224/4
    } else if o[0] >= 240 {
        Some("reserved address") // 240/4, RFC 1112 §4
    } else {
        None
    }
}

fn classify_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let seg = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d (RFC 4291 §2.5.5.2).
        return classify_v4(v4);
    }
    if seg[..6] == [0; 6] && !ip.is_unspecified() && !ip.is_loopback() {
        // Deprecated IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1).
        let [a, b] = seg[6].to_be_bytes();
        let [c, d] = seg[7].to_be_bytes();
        return classify_v4(Ipv4Addr::new(a, b, c, d));
    }
    if ip.is_unspecified() {
        Some("unspecified address")
    } else if ip.is_loopback() {
        Some("loopback address")
    } else if (seg[0] & 0xfe00) == 0xfc00 {
        Some("private network address") // fc00::/7, RFC 4193
    } else if (seg[0] & 0xffc0) == 0xfe80 {
        Some("link-local address") // fe80::/10
    } else if ip.is_multicast() {
        Some("multicast address") // ff00::/8
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Option<&'static str> {
        classify(s.parse().expect("test address"))
    }

    #[test]
    fn classification_table() {
        let denied = [
            ("0.0.0.0", "unspecified address"),
            ("0.1.2.3", "unspecified address"),
            ("127.0.0.1", "loopback address"),
            ("127.255.0.9", "loopback address"),
            ("10.0.0.1", "private network address"),
            ("172.16.0.1", "private network address"),
            ("172.31.255.255", "private network address"),
            ("192.168.1.1", "private network address"),
            ("169.254.169.254", "link-local address"),
            ("100.64.0.1", "shared address space"),
            ("100.127.255.255", "shared address space"),
            ("255.255.255.255", "broadcast address"),
            ("224.0.0.1", "multicast address"),
            ("240.0.0.1", "reserved address"),
            ("::", "unspecified address"),
            ("::1", "loopback address"),
            ("fc00::1", "private network address"),
            ("fd12:3456::1", "private network address"),
            ("fe80::1", "link-local address"),
            ("ff02::1", "multicast address"),
            ("::ffff:127.0.0.1", "loopback address"),
            ("::ffff:10.1.2.3", "private network address"),
            ("::ffff:169.254.169.254", "link-local address"),
            ("::127.0.0.1", "loopback address"),
            ("::192.168.0.1", "private network address"),
        ];
        for (ip, reason) in denied {
            assert_eq!(c(ip), Some(reason), "{ip}");
        }
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.0.1",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(c(ip), None, "{ip}");
        }
    }

    #[test]
    fn allow_list_patterns() {
        let addr: SocketAddr = "10.0.0.1:8080".parse().expect("addr");
        let policy = NetPolicy::deny_private()
            .with_allowed(HostPattern::parse("*.internal.example:*").expect("pattern"))
            .with_allowed(HostPattern::parse("db.local:8080").expect("pattern"));
        assert!(policy.check("api.internal.example", addr).is_ok());
        assert!(policy.check("API.Internal.Example", addr).is_ok());
        assert!(policy.check("internal.example", addr).is_err());
        assert!(policy.check("evilinternal.example", addr).is_err());
        assert!(policy.check("db.local", addr).is_ok());
        let other_port: SocketAddr = "10.0.0.1:81".parse().expect("addr");
        assert!(policy.check("db.local", other_port).is_err());
        assert!(NetPolicy::allow_all().check("x", addr).is_ok());
        assert!(HostPattern::parse("nohost").is_err());
        assert!(HostPattern::parse("h:99999").is_err());
        assert!(
            HostPattern::parse("[::1]:80")
                .expect("v6")
                .matches("[::1]", 80)
        );
    }
}
