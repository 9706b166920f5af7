//! The toy provider's one check, declared with the same metadata as every built-in check.

use super::model::ToyCloud;
use cloudsentinel_checks::check::{Check, CheckMeta, Format, Provider, Status, Syntax, example};
use cloudsentinel_checks::{Report, Severity};
use cloudsentinel_model::State;

pub const TOY_FORMAT: Format = Format {
    id: "toy",
    label: "Toy",
    evaluation_markers: r"public=\?",
};

pub const TOY_SYNTAX: Syntax = Syntax {
    fence: "text",
    default_file: "buckets.toy",
};

pub static CHECK: Check = Check {
    meta: CheckMeta {
        id: "toy-bucket-public",
        title: "Toy bucket is public",
        severity: Severity::High,
        risk_score: 8.0,
        provider: None::<Provider>,
        status: Status::Preview,
        service: "bucket",
        formats: &[TOY_FORMAT],
        compliance: &[],
        aliases: &[],
        doc: "Flags a toy bucket declared `public=true`.\n",
        remediation: "Write `public=false`.",
        references: &[],
        examples: &[
            example(
                TOY_FORMAT,
                TOY_SYNTAX,
                true,
                "A public bucket",
                "# toy-cloud\nbucket site public=true\n",
            ),
            example(
                TOY_FORMAT,
                TOY_SYNTAX,
                false,
                "A private bucket",
                "# toy-cloud\nbucket site public=false\n",
            ),
            example(
                TOY_FORMAT,
                TOY_SYNTAX,
                false,
                "An unknown setting is not guessed",
                "# toy-cloud\nbucket site public=?\n",
            ),
        ],
        fixes: &[],
        source_file: file!(),
    },
    run,
};

fn run(state: &State, report: &mut Report) {
    let Some(cloud) = state.extensions.get::<ToyCloud>() else {
        return;
    };
    for bucket in &cloud.buckets {
        if bucket.public.is_true() {
            report.add(&bucket.resource, &bucket.public.meta, "Bucket is public");
        } else if bucket.public.is_false() {
            report.pass(&bucket.resource);
        }
    }
}
