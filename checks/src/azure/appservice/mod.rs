pub mod ftp_allowed;
pub mod http_allowed;
pub mod outdated_tls;
