//! `AWS::CertificateManager::Certificate`.

use crate::adapt::src;
use crate::cloudformation::adapt::{Cx, Obj, Reader, resource_meta};
use cloudsentinel_model::Value;
use cloudsentinel_model::aws::acm::{Acm, Certificate};

pub(super) fn adapt(cx: &Cx<'_>, out: &mut Acm) {
    for res in cx.resources("AWS::CertificateManager::Certificate") {
        let node = Obj::resource(res);
        // CloudFormation cannot import a certificate; a private one names its CA.
        let amazon_issued_public = match node.field("CertificateAuthorityArn") {
            Some(f) => Value::explicit(false, f.origin()),
            None => Value::default_at(true, src(node.loc())),
        };
        out.certificates.push(Certificate {
            resource: resource_meta(res),
            amazon_issued_public,
            transparency_logging: node
                .string("CertificateTransparencyLoggingPreference", Some("ENABLED")),
        });
    }
}
