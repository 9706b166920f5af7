pub mod no_dnssec;
pub mod no_query_logging;
