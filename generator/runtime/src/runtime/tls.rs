//! The TLS settings every client is built with: rustls, with *ring* as its
//! cryptography and the operating system's trusted roots.
//!
//! reqwest's `rustls` feature brings rustls with aws-lc-rs, whose C library
//! takes most of a cold build of an application (CMake and a C compiler for
//! about two thirds of it). This crate asks reqwest for rustls without a
//! provider and hands it a finished configuration instead, so that nothing
//! has to install a process-wide default provider: an application that sets
//! its own default, or builds aws-lc-rs for another reason, is not affected.
//!
use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls_platform_verifier::Verifier;

/// The rustls configuration for `reqwest::ClientBuilder::tls_backend_preconfigured`:
/// TLS 1.2 and 1.3 on *ring*, certificates checked against the system's
/// roots (as reqwest does by default) and `extra_roots`, HTTP/1.1 announced
/// by ALPN as reqwest does without its `http2` feature. With `identity`, a
/// certificate chain and its key, the client shows it to a server that asks
/// for one (mutual TLS).
///
/// Fails when no root can be used: the system has none (a container image
/// without CA certificates) and `extra_roots` is empty, or a root is invalid;
/// or when the identity's key is of a kind *ring* cannot sign with.
pub fn client_config(
    extra_roots: Vec<CertificateDer<'static>>,
    identity: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
) -> Result<ClientConfig, rustls::Error> {
    // rustls 0.23.48 deprecates its *ring* provider for lacking
    // post-quantum key exchange, and has no other way to ask for it; the
    // other provider, aws-lc-rs, is the C build this crate avoids. Allowed,
    // so that a crate whose fresh resolve picks 0.23.48 or later builds
    // without a warning.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Verifier::new_with_extra_roots(extra_roots, provider.clone())?;
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        // Not dangerous: this verifier checks the chain, the name and the
        // dates like rustls's own, with the system's roots as well.
        .with_custom_certificate_verifier(Arc::new(verifier));
    let mut config = match identity {
        Some((chain, key)) => builder.with_client_auth_cert(chain, key)?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
