//! `AWS::CloudTrail::Trail`.

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::aws::cloudtrail::{CloudTrail, Trail};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut CloudTrail) {
    for res in cx.resources("AWS::CloudTrail::Trail") {
        let node = Obj::resource(res);
        out.trails.push(Trail {
            resource: resource_meta(res),
            multi_region: node.bool(
                "IsMultiRegionTrail",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_MULTI_REGION),
            ),
            log_file_validation: node.bool(
                "EnableLogFileValidation",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_LOG_FILE_VALIDATION),
            ),
            kms_key_id: node.string("KMSKeyId", Some("")),
            logging: node.bool("IsLogging", None),
            global_service_events: node.bool(
                "IncludeGlobalServiceEvents",
                Some(cloudsentinel_model::aws::cloudtrail::DEFAULT_GLOBAL_SERVICE_EVENTS),
            ),
        });
    }
}
