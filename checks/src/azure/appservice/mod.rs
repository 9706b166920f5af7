pub mod cors_any;
pub mod ftp_allowed;
pub mod http_allowed;
pub mod no_client_cert;
pub mod no_http2;
pub mod outdated_tls;
pub mod remote_debugging;
