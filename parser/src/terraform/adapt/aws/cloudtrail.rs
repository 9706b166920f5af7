//! `aws_cloudtrail`.

use crate::terraform::adapt::{Cx, Node, Reader, resource_meta};
use cloudsentinel_model::aws::cloudtrail::{CloudTrail, Trail};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudTrail) {
    for res in cx.resources("aws_cloudtrail") {
        let node = Node::resource(res);
        out.trails.push(Trail {
            resource: resource_meta(res),
            multi_region: node.bool(
                "is_multi_region_trail",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_MULTI_REGION),
            ),
            log_file_validation: node.bool(
                "enable_log_file_validation",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_LOG_FILE_VALIDATION),
            ),
            kms_key_id: node.string("kms_key_id", Some("")),
            logging: node.bool(
                "enable_logging",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_LOGGING),
            ),
            global_service_events: node.bool(
                "include_global_service_events",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_GLOBAL_SERVICE_EVENTS),
            ),
        });
    }
}
