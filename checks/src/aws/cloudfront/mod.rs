pub mod no_logging;
pub mod no_waf;
pub mod origin_http;
pub mod outdated_tls;
pub mod s3_origin_no_oac;
pub mod viewer_http;
