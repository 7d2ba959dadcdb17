//! TLS client configuration: rustls with a pure-Rust crypto provider.
//!
//! `rustls-rustcrypto` builds without a C toolchain (ring needs a C
//! compiler, aws-lc-rs also CMake), which keeps nano-boa a pure `cargo build`.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

/// Builds the client configuration: the Mozilla roots from `webpki-roots`
/// plus every certificate in the `extra_ca_pem` files (`--ca-cert`,
/// `SSL_CERT_FILE`). A file that cannot be read or holds no certificate is
/// an error: silently ignoring it would turn into baffling TLS failures.
pub fn client_config(extra_ca_pem: &[PathBuf]) -> Result<Arc<ClientConfig>, String> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for path in extra_ca_pem {
        let mut found = 0;
        for cert in CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("cannot read CA file {}: {e}", path.display()))?
        {
            let cert = cert.map_err(|e| format!("bad PEM in CA file {}: {e}", path.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("bad certificate in CA file {}: {e}", path.display()))?;
            found += 1;
        }
        if found == 0 {
            return Err(format!("CA file {} holds no certificate", path.display()));
        }
    }
    let config = ClientConfig::builder_with_provider(Arc::new(rustls_rustcrypto::provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS configuration: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // Only HTTP/1.1 is spoken; say so in ALPN (RFC 7301).
    let mut config = config;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
