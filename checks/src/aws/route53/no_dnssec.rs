use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a public Route 53 hosted zone that DNSSEC does not sign: no
    /// `aws_route53_hosted_zone_dnssec` names it (`hosted_zone_id`), or the one that does has
    /// `signing_status = "NOT_SIGNING"` (its default is `SIGNING`); in CloudFormation, no
    /// `AWS::Route53::DNSSEC` names it (`HostedZoneId`). A new zone is not signed, so a zone
    /// declared without a DNSSEC resource in the scanned configuration is reported. Private zones
    /// (with `vpc` / `VPCs`) cannot be signed and are not judged.
    ///
    /// Without DNSSEC, resolvers cannot tell your answers from forged ones: cache poisoning and
    /// on-path attackers can send users of your domain elsewhere.
    pub static CHECK = {
        id: "aws-route53-no-dnssec",
        title: "Route 53 public hosted zone is not signed with DNSSEC",
        severity: Low,
        risk_score: 3.5,
        provider: Aws,
        service: "route53",
        formats: [Terraform, CloudFormation],
        status: Preview,
        compliance: {
            NIST_800_53: ["SC-20", "SC-21"],
            ISO_27001: ["A.8.20"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV2_AWS_38"],
        remediation: "Create a key-signing key (`aws_route53_key_signing_key`) with an asymmetric KMS key in us-east-1 and an `aws_route53_hosted_zone_dnssec` for the zone (CloudFormation: `AWS::Route53::KeySigningKey` and `AWS::Route53::DNSSEC`), then add the DS record at the parent zone.",
        references: ["https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec.html", "https://docs.aws.amazon.com/Route53/latest/APIReference/API_EnableHostedZoneDNSSEC.html"],
        examples: [
            tf_bad("Signing stopped through a variable", r#"
variable "signing" {
  default = "NOT_SIGNING"
}

resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_hosted_zone_dnssec" "public" {
  hosted_zone_id = aws_route53_zone.public.id
  signing_status = var.signing
}
"#),
            tf_good("Signed; a private zone is not judged", r#"
resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_key_signing_key" "public" {
  hosted_zone_id             = aws_route53_zone.public.id
  key_management_service_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  name                       = "example"
}

resource "aws_route53_hosted_zone_dnssec" "public" {
  hosted_zone_id = aws_route53_zone.public.id
  depends_on     = [aws_route53_key_signing_key.public]
}

resource "aws_route53_zone" "internal" {
  name = "internal.example.com"

  vpc {
    vpc_id = "vpc-0123456789abcdef0"
  }
}
"#),
            tf_good("The DNSSEC resource names the zone through its signing key, which the join does not follow: not guessed", r#"
resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_key_signing_key" "public" {
  hosted_zone_id             = aws_route53_zone.public.id
  key_management_service_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  name                       = "example"
}

resource "aws_route53_hosted_zone_dnssec" "public" {
  hosted_zone_id = aws_route53_key_signing_key.public.hosted_zone_id
}
"#),
            cfn_bad("No DNSSEC resource; the domain from a parameter", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Domain:
    Type: String
    Default: example.com
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: !Ref Domain
"#),
            cfn_good("Signed", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: example.com
  SigningKey:
    Type: AWS::Route53::KeySigningKey
    Properties:
      HostedZoneId: !Ref Zone
      KeyManagementServiceArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Name: example
      Status: ACTIVE
  Dnssec:
    Type: AWS::Route53::DNSSEC
    DependsOn: SigningKey
    Properties:
      HostedZoneId: !Ref Zone
"#),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for z in &state.aws.route53.zones {
        if !z.private.is_false() {
            continue;
        }
        let v = &z.dnssec_signing;
        if v.is_false() {
            let message = if v.is_default() {
                "The public zone is not signed with DNSSEC (no DNSSEC resource is declared for it)"
            } else {
                "DNSSEC signing of the public zone is stopped"
            };
            report.add(&z.resource, &v.meta, message);
        } else if v.is_true() {
            report.pass(&z.resource);
        }
    }
}
