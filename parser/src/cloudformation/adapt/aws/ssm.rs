//! `AWS::SSM::Parameter`. (`AWS::SSM::Document` has no sharing property: documents are
//! shared through the API only.)

use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use crate::secrets::is_secret_identifier;
use cloudsentinel_model::aws::ssm::{Parameter, Ssm};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Ssm) {
    for res in cx.resources("AWS::SSM::Parameter") {
        let node = Obj::resource(res);
        // Without `Name` CloudFormation generates one: Unknown.
        let name = node.string("Name", None);
        out.parameters.push(Parameter {
            resource: resource_meta(res),
            name_marks_secret: name.clone().map(|n| is_secret_identifier(&n)),
            name,
            // Required: no default.
            parameter_type: node.string("Type", None),
        });
    }
}
