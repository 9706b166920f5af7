pub mod no_flow_logs;
