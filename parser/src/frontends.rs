//! The built-in front-ends, one line each. A new format is a folder under `parser/src/`
//! implementing [`FrontEnd`] and one line here.

use crate::frontend::FrontEnd;

/// Every built-in front-end, in the order they are asked to claim a file (the first that
/// claims it wins: Terraform takes `.tf.json`, and a plan may hold a CloudFormation template
/// in a string, before CloudFormation looks at JSON).
pub static BUILT_IN: &[&dyn FrontEnd] = &[
    &crate::terraform::Terraform,
    &crate::terraform_plan::TerraformPlan,
    &crate::cloudformation::CloudFormation,
    // A JSON file is an ARM template only by its deployment-template `$schema`.
    &crate::arm::Arm,
    // `.bicep` files, lowered to what the ARM adapters read.
    &crate::bicep::Bicep,
    // After CloudFormation: a YAML file is a config only when it is no template.
    &crate::deployment_manager::DeploymentManager,
];

/// The built-in front-ends.
pub fn built_in() -> &'static [&'static dyn FrontEnd] {
    BUILT_IN
}
