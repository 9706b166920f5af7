pub mod no_waf;
