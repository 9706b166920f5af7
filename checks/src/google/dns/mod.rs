pub mod no_dnssec;
pub mod rsasha1;
