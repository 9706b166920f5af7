//! Reading a CloudFormation stack (DescribeStacks, GetTemplate, DescribeStackResources)
//! for drift, which treats it as declared state.

use crate::{Clients, Ctx, ReadError, call};
use cloudsentinel_drift::cfn::Stack;

pub(crate) async fn read(clients: &Clients, ctx: &Ctx, name: &str) -> Result<Stack, ReadError> {
    let client = aws_sdk_cloudformation::Client::new(&clients.config(ctx.region()));
    let stacks = call!(
        ctx,
        "cloudformation:DescribeStacks",
        client.describe_stacks().stack_name(name)
    )?;
    let parameters = stacks
        .stacks()
        .first()
        .map(|s| {
            s.parameters()
                .iter()
                .filter_map(|p| {
                    Some((
                        p.parameter_key()?.to_string(),
                        p.resolved_value()
                            .or(p.parameter_value())
                            .unwrap_or_default()
                            .to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let template = call!(
        ctx,
        "cloudformation:GetTemplate",
        client.get_template().stack_name(name)
    )?
    .template_body()
    .unwrap_or_default()
    .to_string();
    let res = call!(
        ctx,
        "cloudformation:DescribeStackResources",
        client.describe_stack_resources().stack_name(name)
    )?;
    let resources = res
        .stack_resources()
        .iter()
        .filter(|r| {
            r.resource_status()
                .is_none_or(|s| s.as_str() != "DELETE_COMPLETE")
        })
        .filter_map(|r| {
            Some((
                r.logical_resource_id()?.to_string(),
                r.resource_type()?.to_string(),
                r.physical_resource_id()?.to_string(),
            ))
        })
        .collect();
    Ok(Stack {
        name: name.to_string(),
        template,
        parameters,
        resources,
    })
}
