use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;
use cloudsentinel_model::aws::iam::{PrincipalKind, Statement};

declare_check! {
    /// Flags a role whose trust policy (Terraform `assume_role_policy`, CloudFormation
    /// `AssumeRolePolicyDocument`) lets an explicit AWS account assume it, by account ID
    /// (`123456789012`) or by an ARN in that account (`arn:aws:iam::123456789012:root`,
    /// `…:role/x`), without an `sts:ExternalId`, `aws:MultiFactorAuthPresent` or
    /// `aws:MultiFactorAuthAge` condition, nor an `aws:PrincipalOrgID` /
    /// `aws:PrincipalOrgPaths` condition keeping it inside the organisation.
    ///
    /// A role that another account may assume without an external ID is open to the
    /// confused-deputy problem: a third-party service acting for many customers can be
    /// tricked into assuming it for someone else. People assuming it from another account
    /// should prove MFA.
    ///
    /// What a static scan can know: the account a template deploys to is Unknown, so a
    /// principal written with it (`${AWS::AccountId}`,
    /// `data.aws_caller_identity.current.account_id`) is neither reported nor passed. An
    /// account ID written literally is reported: it usually names another account, and a
    /// role trusting its own account by literal ID can suppress the finding with a reason.
    /// Service, federated and `*` principals are not this check's concern
    /// (`aws-iam-role-public-trust` reports `*`).
    pub static CHECK = {
        id: "aws-iam-role-cross-account-no-external-id",
        title: "IAM role trusts another account without an external ID or MFA",
        severity: Medium,
        risk_score: 5.5,
        provider: Aws,
        service: "iam",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["AC-3", "IA-2"],
            ISO_27001: ["A.5.15", "A.5.19"],
            SOC2: ["CC6.1"],
        },
        aliases: [],
        remediation: "Add a `StringEquals` condition on `sts:ExternalId` (for a third party) or a `Bool` condition on `aws:MultiFactorAuthPresent` (for people) to the trust policy statement.",
        references: [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html",
        ],
        examples: [
            tf_bad("A partner account from a variable, no condition", r#"
variable "partner_account" {
  default = "444455556666"
}

resource "aws_iam_role" "partner" {
  name = "partner"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.partner_account}:root" }
    }]
  })
}
"#),
            tf_good("The partner must give the external ID", r#"
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["444455556666"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["c2f1a7e0"]
    }
  }
}

resource "aws_iam_role" "partner" {
  name               = "partner"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"#),
            cfn_bad("An account ID from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ToolingAccount:
    Type: String
    Default: "444455556666"
Resources:
  Deploy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: !Ref ToolingAccount
"#),
            cfn_good("People from another account must use MFA", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Operators:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              AWS: arn:aws:iam::444455556666:root
            Condition:
              Bool:
                aws:MultiFactorAuthPresent: "true"
"#),
        ],
        run: run,
    }
}

/// Condition keys that make a cross-account trust acceptable.
const GUARD_KEYS: [&str; 5] = [
    "sts:ExternalId",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
];

/// The account `principal` names explicitly: a 12-digit ID, or the account part of an IAM
/// or STS ARN.
fn explicit_account(principal: &str) -> Option<&str> {
    let is_id = |s: &str| s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
    if is_id(principal) {
        return Some(principal);
    }
    let parts: Vec<&str> = principal.splitn(6, ':').collect();
    match parts[..] {
        ["arn", _, "iam" | "sts", "", account, _] if is_id(account) => Some(account),
        _ => None,
    }
}

/// Whether `st` lets an explicit account assume the role without a guard: `Some(account)`
/// when it does, `None` when it does not, `Err` when that is Unknown.
fn unguarded_account(st: &Statement) -> Result<Option<String>, ()> {
    if crate::aws::iam::known_not_allow(st) {
        return Ok(None);
    }
    if st.incomplete || !st.is_allow() || !st.not_principals.is_empty() {
        return Err(());
    }
    if GUARD_KEYS.iter().any(|k| st.has_condition_key(k)) {
        return Ok(None);
    }
    let mut account = None;
    let mut undecided = false;
    for p in st
        .principals
        .iter()
        .filter(|p| p.kind == PrincipalKind::Aws)
    {
        match p.value.as_str() {
            Some(v) => {
                if let Some(a) = explicit_account(v) {
                    account.get_or_insert_with(|| a.to_string());
                }
            }
            None => undecided = true,
        }
    }
    match (account, st.covers_action("sts:AssumeRole")) {
        (Some(a), Some(true)) => Ok(Some(a)),
        (_, Some(false)) => Ok(None),
        (None, _) if !undecided => Ok(None),
        _ => Err(()),
    }
}

fn run(state: &State, report: &mut Report) {
    for role in &state.aws.iam.roles {
        let Some(doc) = role.trust_policy.known() else {
            continue;
        };
        let mut failed = false;
        let mut decided = true;
        for st in &doc.statements {
            match unguarded_account(st) {
                Ok(Some(account)) => {
                    failed = true;
                    report.add(
                        &role.resource,
                        &st.meta,
                        format!(
                            "Role trust policy lets account {account} assume the role without an sts:ExternalId or MFA condition"
                        ),
                    );
                }
                Ok(None) => {}
                Err(()) => decided = false,
            }
        }
        if !failed && decided {
            report.pass(&role.resource);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::explicit_account;

    #[test]
    fn explicit_accounts() {
        assert_eq!(explicit_account("444455556666"), Some("444455556666"));
        assert_eq!(
            explicit_account("arn:aws:iam::444455556666:root"),
            Some("444455556666")
        );
        assert_eq!(
            explicit_account("arn:aws-us-gov:sts::444455556666:assumed-role/x/y"),
            Some("444455556666")
        );
        assert_eq!(explicit_account("*"), None);
        assert_eq!(explicit_account("arn:aws:iam::*:root"), None);
        assert_eq!(explicit_account("ec2.amazonaws.com"), None);
    }
}
