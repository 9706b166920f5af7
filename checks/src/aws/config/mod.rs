pub mod recorder_disabled;
