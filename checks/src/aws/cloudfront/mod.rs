pub mod no_logging;
pub mod no_waf;
pub mod viewer_http;
