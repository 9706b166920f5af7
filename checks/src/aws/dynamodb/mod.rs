pub mod no_pitr;
