//! Who is calling: the client's address, read through trusted proxies.
//!
//! Behind a TLS proxy every connection comes from the proxy, so the
//! per-address rate limit and the audit log would lump everyone together.
//! `[http] trusted_proxies` names the proxies' networks; only through them is
//! `X-Forwarded-For` believed, read from the right (the hop nearest us) and
//! skipping every trusted hop, so a client cannot choose its own address by
//! sending the header itself.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

/// A network such as `10.0.0.0/8` or `::1/128`; a bare address is one host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    bits: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, ip.to_canonical()) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix(u32::from(n), u32::from(a), self.bits, 32),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix(u128::from(n), u128::from(a), self.bits, 128),
            _ => false,
        }
    }
}

fn prefix<T>(net: T, addr: T, bits: u8, width: u8) -> bool
where
    T: Copy + std::ops::BitXor<Output = T> + std::ops::Shr<u32, Output = T> + PartialEq + From<u8>,
{
    if bits == 0 {
        return true;
    }
    ((net ^ addr) >> u32::from(width - bits)) == T::from(0)
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Cidr, String> {
        let (addr, bits) = match s.trim().split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (s.trim(), None),
        };
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("'{s}' is not an address or network (like 10.0.0.0/8)"))?;
        let width = if net.is_ipv4() { 32 } else { 128 };
        let bits = match bits {
            None => width,
            Some(b) => b
                .parse::<u8>()
                .ok()
                .filter(|b| *b <= width)
                .ok_or_else(|| format!("'{s}': the prefix length must be 0 to {width}"))?,
        };
        Ok(Cidr { net, bits })
    }
}

impl<'de> serde::Deserialize<'de> for Cidr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cidr, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The caller's address, in each request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The client behind `peer`: `peer` itself unless it is a trusted proxy, in
/// which case the nearest untrusted hop of `X-Forwarded-For`.
pub fn client_of(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    // From the nearest hop outwards, through trusted proxies. A hop we cannot
    // read ends the walk at the last one we could: whatever a client wrote
    // further out cannot move it into someone else's bucket.
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        let Some(hop) = parse_hop(hop) else {
            break;
        };
        client = hop;
        if !is_trusted(hop) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` hop: an address, with or without a port
/// (`203.0.113.7:4711`, `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// Puts [`ClientAddr`] into the request, for rate limits and the audit log.
pub async fn identify(
    State(trusted): State<Arc<Vec<Cidr>>>,
    mut req: Request,
    next: Next,
) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let client = client_of(peer, req.headers(), &trusted);
        req.extensions_mut().insert(ClientAddr(client));
    }
    next.run(req).await
}

/// The caller's address as text, or `unknown` (no connection information).
pub fn address_of<T>(req: &axum::http::Request<T>) -> String {
    req.extensions()
        .get::<ClientAddr>()
        .map_or_else(|| "unknown".into(), |c| c.0.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().expect("header"));
        h
    }

    #[test]
    fn networks_contain_their_addresses() {
        let lan: Cidr = "10.1.0.0/16".parse().expect("cidr");
        assert!(lan.contains(ip("10.1.200.3")));
        assert!(!lan.contains(ip("10.2.0.1")));
        assert!(lan.contains(ip("::ffff:10.1.0.9")), "IPv4 mapped into IPv6");
        let host: Cidr = "::1".parse().expect("cidr");
        assert!(host.contains(ip("::1")) && !host.contains(ip("::2")));
        let all: Cidr = "0.0.0.0/0".parse().expect("cidr");
        assert!(all.contains(ip("203.0.113.9")));
        for bad in ["10.0.0.0/33", "proxy", "10.0.0/8", "::/129"] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad}");
        }
    }

    #[test]
    fn forwarded_for_is_believed_only_through_trusted_proxies() {
        let proxies: Vec<Cidr> = vec!["10.0.0.0/8".parse().expect("cidr")];
        let chain = xff("198.51.100.7, 10.0.0.5");
        // From a trusted proxy: the nearest untrusted hop.
        assert_eq!(
            client_of(ip("10.0.0.2"), &chain, &proxies),
            ip("198.51.100.7")
        );
        // From anyone else the header is the caller's own claim: ignored.
        assert_eq!(
            client_of(ip("203.0.113.9"), &chain, &proxies),
            ip("203.0.113.9")
        );
        // A client's own forged entry sits left of the real one and is not read.
        let forged = xff("1.2.3.4, 198.51.100.7");
        assert_eq!(
            client_of(ip("10.0.0.2"), &forged, &proxies),
            ip("198.51.100.7")
        );
        // Junk a client wrote further out does not throw the real hop away
        // (which would put them in the proxy's bucket, with everyone).
        assert_eq!(
            client_of(ip("10.0.0.2"), &xff("junk, 1.2.3.4"), &proxies),
            ip("1.2.3.4")
        );
        // Ports, as some balancers send them.
        assert_eq!(
            client_of(ip("10.0.0.2"), &xff("198.51.100.7:4711"), &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_of(ip("10.0.0.2"), &xff("[2001:db8::1]:443"), &proxies),
            ip("2001:db8::1")
        );
        // An unreadable nearest hop: the proxy's own address, nothing further.
        assert_eq!(
            client_of(ip("10.0.0.2"), &xff("1.2.3.4, unknown"), &proxies),
            ip("10.0.0.2")
        );
        // No proxies configured: always the connection's address.
        assert_eq!(client_of(ip("10.0.0.2"), &chain, &[]), ip("10.0.0.2"));
    }
}
