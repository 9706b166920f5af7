pub mod no_dnssec;
