pub mod contained_db_auth;
pub mod cross_db_ownership_chaining;
pub mod external_scripts;
pub mod local_infile;
pub mod log_min_duration;
pub mod no_backups;
pub mod no_log_connections;
pub mod no_log_disconnections;
pub mod no_pgaudit;
pub mod no_skip_show_database;
pub mod no_ssl;
pub mod no_trace_flag_3625;
pub mod public_ip;
pub mod public_network;
pub mod remote_access;

use crate::finding::Report;
use cloudsentinel_model::google::sql::DatabaseInstance;
use cloudsentinel_model::{Meta, State};

/// A flag value read as on or off (`on`/`off`, as Cloud SQL writes them, and `1`/`0`,
/// `true`/`false`); `None` for anything else.
fn flag_is_on(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "1" | "true" => Some(true),
        "off" | "0" | "false" => Some(false),
        _ => None,
    }
}

/// Judges database flag `flag` of every instance of `engine` (`MYSQL`, `POSTGRES`,
/// `SQLSERVER`): it complies when on (`want_on`) or off. An absent flag complies as
/// `when_absent` says (`Some(verdict, why)` from the engine's documented default; `None`: no
/// verdict). A flag, value or engine that is Unknown gives no verdict.
pub(crate) fn judge_flag(
    state: &State,
    report: &mut Report,
    engine: &str,
    flag: &str,
    want_on: bool,
    when_absent: impl Fn(&DatabaseInstance) -> Option<(bool, &'static str)>,
) {
    for db in &state.google.sql.instances {
        if !db.engine().is_some_and(|e| e.eq_ignore_ascii_case(engine)) {
            continue;
        }
        match db.flag(flag) {
            Some(Some(f)) => match f.value.as_str().and_then(flag_is_on) {
                Some(on) if on == want_on => report.pass(&db.resource),
                Some(_) => report.add(
                    &db.resource,
                    &f.value.meta,
                    format!(
                        "Database flag `{flag}` is {}",
                        f.value.as_str().unwrap_or_default()
                    ),
                ),
                None => {}
            },
            Some(None) => match when_absent(db) {
                Some((true, _)) => report.pass(&db.resource),
                Some((false, why)) => report.add(
                    &db.resource,
                    &Meta::default_at(db.resource.origin.clone()),
                    format!("Database flag `{flag}` is not set, so it is {why}"),
                ),
                None => {}
            },
            None => {}
        }
    }
}
