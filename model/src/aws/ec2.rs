use crate::net::{PUBLIC_RANGES, PublicSource, public_source};
use crate::{Meta, ResourceMeta, Value};

/// `HttpTokens` of instance metadata options left unset: `optional`, so IMDSv1 is allowed
/// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html>).
pub const DEFAULT_HTTP_TOKENS: &str = "optional";

/// `HttpEndpoint` of instance metadata options left unset: `enabled`, so the instance
/// metadata service answers
/// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html>).
pub const DEFAULT_HTTP_ENDPOINT: &str = "enabled";

/// The CIDR of the egress rule a new security group gets, and of an EKS cluster's public
/// endpoint access when none is listed: every IPv4 address
/// (<https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html>,
/// <https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html>).
pub const ANY_IPV4: &str = "0.0.0.0/0";

/// Whether a subnet gives instances a public IPv4 address when it does not say: no
/// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySubnetAttribute.html>).
pub const DEFAULT_MAP_PUBLIC_IP_ON_LAUNCH: bool = false;

/// Encryption of an EBS volume that does not ask for it: off (unless the account enables
/// encryption by default, which a template cannot tell)
/// (<https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html>).
pub const DEFAULT_EBS_ENCRYPTED: bool = false;

#[derive(Debug, Default, Clone)]
pub struct Ec2 {
    pub security_groups: Vec<SecurityGroup>,
    pub vpcs: Vec<Vpc>,
    pub network_acls: Vec<NetworkAcl>,
    pub volumes: Vec<Volume>,
    pub instances: Vec<Instance>,
    pub launch_templates: Vec<LaunchTemplate>,
    pub subnets: Vec<Subnet>,
    /// `aws_ebs_encryption_by_default` (Terraform only).
    pub ebs_encryption_defaults: Vec<EbsEncryptionByDefault>,
    /// `aws_ami_launch_permission` (Terraform only).
    pub ami_launch_permissions: Vec<AmiLaunchPermission>,
}

/// The account's (region's) EBS encryption by default
/// (<https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html>).
#[derive(Debug, Clone)]
pub struct EbsEncryptionByDefault {
    pub resource: ResourceMeta,
    /// `enabled`; Default true in the resource.
    pub enabled: Value<bool>,
}

/// A launch permission of an AMI
/// (<https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html>).
#[derive(Debug, Clone)]
pub struct AmiLaunchPermission {
    pub resource: ResourceMeta,
    /// `group`: `all` makes the AMI public; Default `""` when the permission names an
    /// account, organization or organizational unit instead.
    pub group: Value<String>,
}

#[derive(Debug, Clone)]
pub struct SecurityGroup {
    pub resource: ResourceMeta,
    pub name: Value<String>,
    /// A VPC's default security group (`aws_default_security_group`, or live `default`).
    pub is_default: bool,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
    /// Some rules could not be evaluated (a dynamic block over an unknown collection, …).
    pub rules_incomplete: bool,
}

#[derive(Debug, Clone)]
pub struct SgRule {
    pub meta: Meta,
    /// `tcp`, `udp`, `icmp`, `-1`/`all`, or a protocol number.
    pub protocol: Value<String>,
    pub from_port: Value<i64>,
    pub to_port: Value<i64>,
    /// IPv4 and IPv6 source (ingress) or destination (egress) ranges.
    pub cidrs: Vec<Value<String>>,
}

fn is_all_protocols(p: &str) -> bool {
    matches!(p.to_ascii_lowercase().as_str(), "-1" | "all")
}

fn is_tcp(p: &str) -> bool {
    matches!(p.to_ascii_lowercase().as_str(), "tcp" | "6")
}

impl SgRule {
    /// Where the rule admits the whole internet: a public range, or ranges whose union is.
    pub fn public_source(&self) -> Option<PublicSource<'_>> {
        public_source(&self.cidrs)
    }
    /// The range that opens the rule to the whole internet (see [`SgRule::public_source`]).
    pub fn public_cidr(&self) -> Option<&Value<String>> {
        self.public_source().map(|s| s.at)
    }
    /// True when the rule admits all protocols.
    pub fn is_all_protocols(&self) -> bool {
        self.protocol.is(|p| is_all_protocols(p))
    }
    /// True when the rule admits all protocols or every port 0–65535.
    pub fn covers_all_ports(&self) -> bool {
        self.is_all_protocols()
            || (self.from_port.is(|f| *f <= 0) && self.to_port.is(|t| *t >= 65535))
    }
    /// True when the rule admits TCP traffic to `port`.
    pub fn covers_tcp_port(&self, port: i64) -> bool {
        if self.is_all_protocols() {
            return true;
        }
        self.protocol.is(|p| is_tcp(p))
            && self.from_port.is(|f| *f <= port)
            && self.to_port.is(|t| *t >= port)
    }
}

#[derive(Debug, Clone)]
pub struct Vpc {
    pub resource: ResourceMeta,
    /// Whether any flow log targets this VPC.
    pub flow_logs_enabled: Value<bool>,
    /// Whether the VPC's default security group is declared (and so managed) in the source.
    pub default_security_group_declared: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct NetworkAcl {
    pub resource: ResourceMeta,
    pub rules: Vec<NaclRule>,
}

#[derive(Debug, Clone)]
pub struct NaclRule {
    pub meta: Meta,
    pub egress: Value<bool>,
    /// `allow` or `deny`.
    pub action: Value<String>,
    pub protocol: Value<String>,
    pub cidr: Value<String>,
    pub from_port: Value<i64>,
    pub to_port: Value<i64>,
}

impl NaclRule {
    pub fn allows_public_ingress_to(&self, port: i64) -> bool {
        self.egress.is_false()
            && self.action.eq_ignore_case("allow")
            && self.cidr.is_one_of(&PUBLIC_RANGES)
            && (self.protocol.is(|p| is_all_protocols(p))
                || (self.protocol.is(|p| is_tcp(p))
                    && self.from_port.is(|f| *f <= port)
                    && self.to_port.is(|t| *t >= port)))
    }
}

#[derive(Debug, Clone)]
pub struct Volume {
    pub resource: ResourceMeta,
    pub encrypted: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct BlockDevice {
    pub meta: Meta,
    pub device_name: Value<String>,
    pub encrypted: Value<bool>,
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub resource: ResourceMeta,
    /// `None` when the root device is not described (then it is `Unknown`-encrypted only
    /// if the adapter says so through `root_block_device`).
    pub root_block_device: Option<BlockDevice>,
    pub ebs_block_devices: Vec<BlockDevice>,
    /// `required` or `optional`.
    pub http_tokens: Value<String>,
    /// `enabled` or `disabled`: whether the instance metadata service answers at all.
    pub http_endpoint: Value<String>,
    pub associate_public_ip: Value<bool>,
}

impl Instance {
    /// True when the instance metadata service is known to be turned off.
    pub fn metadata_disabled(&self) -> bool {
        self.http_endpoint.eq_ignore_case("disabled")
    }
}

#[derive(Debug, Clone)]
pub struct LaunchTemplate {
    pub resource: ResourceMeta,
    /// A launch template, or an (older) Auto Scaling launch configuration, which describes
    /// the instances it launches the same way.
    pub kind: LaunchKind,
    /// The EBS block devices it describes (the root device among them when written).
    pub block_devices: Vec<BlockDevice>,
    pub http_tokens: Value<String>,
    /// `enabled` or `disabled`: whether the instance metadata service answers at all.
    pub http_endpoint: Value<String>,
}

impl LaunchTemplate {
    /// True when the instance metadata service is known to be turned off.
    pub fn metadata_disabled(&self) -> bool {
        self.http_endpoint.eq_ignore_case("disabled")
    }
}

/// What kind of launch description a [`LaunchTemplate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LaunchKind {
    /// `aws_launch_template`, `AWS::EC2::LaunchTemplate`.
    #[default]
    Template,
    /// `aws_launch_configuration`, `AWS::AutoScaling::LaunchConfiguration`.
    Configuration,
}

impl LaunchKind {
    /// "Launch template" or "Launch configuration", to start a message.
    pub fn label(self) -> &'static str {
        match self {
            LaunchKind::Template => "Launch template",
            LaunchKind::Configuration => "Launch configuration",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Subnet {
    pub resource: ResourceMeta,
    pub map_public_ip_on_launch: Value<bool>,
}
