pub mod mutable_tags;
pub mod no_scan_on_push;
