pub mod host_network;
pub mod host_pid;
pub mod no_container_insights;
pub mod plaintext_secret_env;
pub mod privileged_container;
pub mod root_user;
pub mod writable_root_fs;

use crate::finding::Report;
use cloudsentinel_model::aws::ecs::Container;
use cloudsentinel_model::{Meta, State};

/// A check's judgement of one container definition.
pub(crate) enum Judgement {
    Pass,
    /// A deciding value is Unknown.
    Undecided,
    /// Reported at `meta` with the message.
    Fail(Meta, String),
}

/// Judges every container of every task definition whose containers are known: each failing
/// container is a finding (its name leads the message), and a task definition passes when
/// every container passes.
pub(crate) fn judge_containers(
    state: &State,
    report: &mut Report,
    judge: impl Fn(&Container) -> Judgement,
) {
    for task in &state.aws.ecs.task_definitions {
        let Some(containers) = task.containers.known() else {
            continue;
        };
        let mut passed = true;
        for c in containers {
            match judge(c) {
                Judgement::Pass => {}
                Judgement::Undecided => passed = false,
                Judgement::Fail(meta, message) => {
                    passed = false;
                    let name = c.name.as_str().unwrap_or("a container");
                    report.add(
                        &task.resource,
                        &meta,
                        format!("Container {name}: {message}"),
                    );
                }
            }
        }
        if passed {
            report.pass(&task.resource);
        }
    }
}
