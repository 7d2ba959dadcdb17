//! The fixture server's certificates: checked-in PEM files, embedded so the
//! binary needs nothing on disk. See `certs/README.md` for how they were
//! made; [`regenerate`] makes them again.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// The fixture CA: the root clients trust (through `SSL_CERT_FILE`).
pub const CA_PEM: &str = include_str!("certs/ca.pem");
/// `localhost` and `127.0.0.1`, signed by the fixture CA.
const SERVER_PEM: &str = include_str!("certs/server.pem");
const SERVER_KEY: &str = include_str!("certs/server.key");
/// `localhost` and `127.0.0.1`, signed by a CA whose certificate was thrown
/// away: no client can trust it.
const UNTRUSTED_PEM: &str = include_str!("certs/untrusted.pem");
const UNTRUSTED_KEY: &str = include_str!("certs/untrusted.key");

/// The rustls configuration of the trusted HTTPS listener.
pub fn trusted() -> Result<Arc<ServerConfig>, String> {
    server_config(SERVER_PEM, SERVER_KEY)
}

/// The rustls configuration of the untrusted HTTPS listener.
pub fn untrusted() -> Result<Arc<ServerConfig>, String> {
    server_config(UNTRUSTED_PEM, UNTRUSTED_KEY)
}

fn server_config(cert_pem: &str, key_pem: &str) -> Result<Arc<ServerConfig>, String> {
    let chain = CertificateDer::pem_slice_iter(cert_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("bad embedded certificate: {e}"))?;
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes())
        .map_err(|e| format!("bad embedded private key: {e}"))?;
    let mut config = ServerConfig::builder_with_provider(Arc::new(rustls_rustcrypto::provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS configuration: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("TLS certificate: {e}"))?;
    // HTTP/1.1 only, as the client.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Writes the CA certificate where worker processes can read it and
/// returns the path. The content never changes, so one well-known file is
/// shared by every run; it is replaced atomically (written aside, then
/// renamed) so concurrent runs never see half a file.
pub fn write_ca_file() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir();
    let path = dir.join("nano-boa-fixture-ca.pem");
    // Unique per call: servers started concurrently in one process (the
    // Rust tests) must not rename each other's file away.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let aside = dir.join(format!(
        "nano-boa-fixture-ca.pem.{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::write(&aside, CA_PEM)
        .and_then(|()| std::fs::rename(&aside, &path))
        .map_err(|e| format!("cannot write the fixture CA to {}: {e}", path.display()))?;
    Ok(path)
}

/// Makes the certificates again (rcgen is a dev-dependency, so this is a
/// test): `cargo test --lib -- --ignored regenerate_fixture_certs`.
#[cfg(test)]
mod regenerate {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, date_time_ymd,
    };

    fn params(names: Vec<String>, common_name: &str) -> CertificateParams {
        let mut params = CertificateParams::new(names).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, common_name);
        // A hundred years: fixtures must not start failing one day.
        params.not_before = date_time_ymd(2025, 1, 1);
        params.not_after = date_time_ymd(2125, 1, 1);
        params
    }

    fn ca(common_name: &str) -> (String, Issuer<'static, KeyPair>) {
        let key = KeyPair::generate().expect("key");
        let mut ca = params(Vec::new(), common_name);
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let cert = ca.self_signed(&key).expect("self-signed CA");
        (cert.pem(), Issuer::new(ca, key))
    }

    fn leaf(issuer: &Issuer<'static, KeyPair>, common_name: &str) -> (String, String) {
        let key = KeyPair::generate().expect("key");
        let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
        let cert = params(names, common_name)
            .signed_by(&key, issuer)
            .expect("leaf");
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    #[ignore = "rewrites the checked-in certificates"]
    fn regenerate_fixture_certs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/test262/fixture_server/certs");
        let (ca_pem, fixture_ca) = ca("nano-boa fixture CA");
        let (server_pem, server_key) = leaf(&fixture_ca, "nano-boa fixture server");
        // The second CA's certificate and key are dropped here: nobody can
        // ever trust what it signed.
        let (_, other) = ca("nano-boa untrusted fixture CA");
        let (untrusted_pem, untrusted_key) = leaf(&other, "nano-boa untrusted fixture server");
        for (name, text) in [
            ("ca.pem", ca_pem),
            ("server.pem", server_pem),
            ("server.key", server_key),
            ("untrusted.pem", untrusted_pem),
            ("untrusted.key", untrusted_key),
        ] {
            std::fs::write(dir.join(name), text).expect("write");
        }
    }
}
