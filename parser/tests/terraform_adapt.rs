//! Terraform adapters: realistic configurations written to a temporary directory,
//! evaluated and adapted into the model; joins, defaults and provenance are asserted.

use cloudsentinel_model::aws::ec2::SecurityGroup;
use cloudsentinel_model::aws::s3::Bucket;
use cloudsentinel_model::{Location, Meta, Provenance, ResourceMeta, SecretKind, SourceDb, State};
use cloudsentinel_parser::terraform::adapt::adapt;
use cloudsentinel_parser::{LoadOptions, discover, terraform};
use std::path::Path;

struct Scan {
    db: SourceDb,
    state: State,
    _dir: tempfile::TempDir,
}

fn scan(files: &[(&str, &str)]) -> Scan {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    let db = SourceDb::new();
    let opts = LoadOptions::default();
    let found = discover::discover(&[dir.path().to_path_buf()], &opts);
    let mut state = State::default();
    for ev in terraform::evaluate(&terraform::modules(found.files("terraform")), &opts, &db) {
        state.extend(adapt(&ev, &db));
    }
    Scan {
        db,
        state,
        _dir: dir,
    }
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn full(r: &ResourceMeta) -> String {
    r.full_address()
}

impl Scan {
    /// The source text a meta points at.
    fn text(&self, meta: &Meta) -> String {
        let loc = meta.location().expect("a source location");
        self.loc_text(loc)
    }

    fn loc_text(&self, loc: Location) -> String {
        let f = self.db.get(loc.file);
        f.text[loc.range.as_range()].to_string()
    }

    /// The first line of the text a meta points at (block headers, long attributes).
    fn head(&self, meta: &Meta) -> String {
        self.text(meta)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn bucket(&self, address: &str) -> &Bucket {
        let all: Vec<String> = self
            .state
            .aws
            .s3
            .buckets
            .iter()
            .map(|b| full(&b.resource))
            .collect();
        self.state
            .aws
            .s3
            .buckets
            .iter()
            .find(|b| full(&b.resource) == address)
            .unwrap_or_else(|| panic!("no bucket {address}; have {all:?}"))
    }

    fn group(&self, address: &str) -> &SecurityGroup {
        self.state
            .aws
            .ec2
            .security_groups
            .iter()
            .find(|g| full(&g.resource) == address)
            .unwrap_or_else(|| panic!("no security group {address}"))
    }

    fn notices(&self) -> Vec<String> {
        self.state
            .notices
            .iter()
            .map(|n| n.message.clone())
            .collect()
    }
}

fn res_meta(r: &ResourceMeta) -> Meta {
    Meta::explicit(r.origin.clone())
}

// ---- S3 -------------------------------------------------------------------------------

#[test]
fn s3_split_resources_join_by_id_bucket_name_and_count_index() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "by_id" {
  bucket = "example-by-id"
}

resource "aws_s3_bucket_versioning" "by_id" {
  bucket = aws_s3_bucket.by_id.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_acl" "by_id" {
  bucket = aws_s3_bucket.by_id.id
  acl    = "public-read"
}

resource "aws_s3_bucket" "by_attr" {
  bucket = "example-by-attr"
}

resource "aws_s3_bucket_logging" "by_attr" {
  bucket        = aws_s3_bucket.by_attr.bucket
  target_bucket = aws_s3_bucket.by_id.id
  target_prefix = "log/"
}

resource "aws_s3_bucket_public_access_block" "by_attr" {
  bucket            = aws_s3_bucket.by_attr.id
  block_public_acls = true
}

resource "aws_s3_bucket" "by_name" {
  bucket = "example-by-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "example-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "alias/data"
    }
  }
}

resource "aws_s3_bucket" "many" {
  count  = 2
  bucket = "example-many-${count.index}"
}

resource "aws_s3_bucket_versioning" "many" {
  count  = 2
  bucket = aws_s3_bucket.many[count.index].id
  versioning_configuration {
    status = count.index == 0 ? "Enabled" : "Suspended"
  }
}
"#,
    )]);

    let b = s.bucket("aws_s3_bucket.by_id");
    assert!(b.versioning_enabled.is_true() && b.versioning_enabled.is_explicit());
    assert_eq!(s.text(&b.versioning_enabled.meta), r#"status = "Enabled""#);
    assert!(b.acl.eq_ignore_case("public-read"));
    assert_eq!(s.text(&b.acl.meta), r#"acl    = "public-read""#);
    let merged: Vec<&str> = b.resource.merged.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        merged,
        ["aws_s3_bucket_acl.by_id", "aws_s3_bucket_versioning.by_id"]
    );
    // Not joined to anything else: defaults of a new bucket.
    assert!(b.logging_enabled.is_false() && b.logging_enabled.is_default());
    assert!(b.public_access_block.is_none());

    let b = s.bucket("aws_s3_bucket.by_attr");
    assert!(b.logging_enabled.is_true() && b.logging_enabled.is_explicit());
    let pab = b.public_access_block.as_ref().expect("joined block");
    assert_eq!(
        pab.resource.address,
        "aws_s3_bucket_public_access_block.by_attr"
    );
    assert!(pab.block_public_acls.is_true() && pab.block_public_acls.is_explicit());
    // A declared block's omitted settings are false (the resource's default), located at it.
    assert!(pab.block_public_policy.is_false() && pab.block_public_policy.is_default());
    assert!(
        s.head(&pab.block_public_policy.meta)
            .starts_with(r#"resource "aws_s3_bucket_public_access_block" "by_attr""#)
    );
    assert!(b.versioning_enabled.is_false() && b.versioning_enabled.is_default());

    let b = s.bucket("aws_s3_bucket.by_name");
    assert!(b.encryption.algorithm.eq_ignore_case("aws:kms"));
    assert_eq!(b.encryption.kms_key_id.as_str(), Some("alias/data"));
    assert!(b.encryption.kms_key_id.is_explicit());

    let m0 = s.bucket("aws_s3_bucket.many[0]");
    let m1 = s.bucket("aws_s3_bucket.many[1]");
    assert!(m0.versioning_enabled.is_true());
    assert!(m1.versioning_enabled.is_false() && m1.versioning_enabled.is_explicit());
    assert_eq!(m0.name.as_str(), Some("example-many-0"));
    assert_eq!(
        m1.resource.merged.first().map(|(a, _)| a.as_str()),
        Some("aws_s3_bucket_versioning.many[1]")
    );
    assert!(s.notices().is_empty(), "{:?}", s.notices());
}

#[test]
fn s3_defaults_of_a_bare_bucket_point_at_the_bucket() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "bare" {
  bucket = "example-bare"
}
"#,
    )]);
    let b = s.bucket("aws_s3_bucket.bare");
    let header = r#"resource "aws_s3_bucket" "bare" {"#;
    assert_eq!(s.head(&res_meta(&b.resource)), header);
    assert!(b.acl.eq_ignore_case("private") && b.acl.is_default());
    assert_eq!(s.head(&b.acl.meta), header);
    assert!(b.versioning_enabled.is_false() && b.versioning_enabled.is_default());
    assert!(b.logging_enabled.is_false() && b.logging_enabled.is_default());
    assert!(b.encryption.algorithm.eq_ignore_case("AES256") && b.encryption.algorithm.is_default());
    assert!(b.encryption.kms_key_id.is_empty_str());
    assert!(b.public_access_block.is_none());
    assert!(b.policies.is_empty() && b.grants.is_empty());
    assert_eq!(b.name.as_str(), Some("example-bare"));
}

#[test]
fn s3_inline_provider_v3_configuration() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"
  acl    = "log-delivery-write"

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "example-logs"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecure",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::example-legacy", "arn:aws:s3:::example-legacy/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}
EOF
}
"#,
    )]);
    let b = s.bucket("aws_s3_bucket.legacy");
    assert_eq!(b.acl.as_str(), Some("log-delivery-write"));
    assert_eq!(b.grants.len(), 1);
    assert!(b.grants[0].is_public());
    assert_eq!(
        b.grants[0].permissions.known(),
        Some(&vec!["READ".to_string()])
    );
    assert_eq!(s.head(&b.grants[0].meta), "grant {");
    assert!(b.versioning_enabled.is_true());
    assert_eq!(s.text(&b.versioning_enabled.meta), "enabled = true");
    assert!(b.logging_enabled.is_true());
    assert_eq!(s.head(&b.logging_enabled.meta), "logging {");
    assert!(b.encryption.algorithm.eq_ignore_case("aws:kms"));
    // No key given: the AWS-managed key, recorded as "no key id".
    assert!(b.encryption.kms_key_id.is_empty_str() && b.encryption.kms_key_id.is_default());
    assert_eq!(b.policies.len(), 1);
    let doc = b.policies[0].known().expect("heredoc JSON parses");
    let st = &doc.statements[0];
    assert!(st.is_deny());
    assert_eq!(st.sid.as_deref(), Some("DenyInsecure"));
    assert_eq!(st.resources.len(), 2);
    assert_eq!(st.conditions[0].key, "aws:SecureTransport");
    // JSON text has no locations of its own: the statement points at the attribute.
    assert!(s.head(&st.meta).starts_with("policy = <<EOF"));
}

#[test]
fn s3_unresolvable_split_resources_never_cause_a_missing_finding() {
    let s = scan(&[
        (
            "main.tf",
            r#"
module "storage" {
  source = "./storage"
}

resource "aws_s3_bucket" "root" {
  bucket = "example-root"
}

resource "aws_s3_bucket_versioning" "elsewhere" {
  bucket = "bucket-declared-elsewhere"
  versioning_configuration {
    status = "Enabled"
  }
}
"#,
        ),
        (
            "storage/main.tf",
            r#"
variable "target" {
  type = string
}

resource "aws_s3_bucket" "a" {
  bucket = "example-a"
}

resource "aws_s3_bucket" "b" {
  bucket = "example-b"
}

resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Suspended"
  }
}

resource "aws_s3_bucket_versioning" "unknown" {
  bucket = var.target
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "unknown" {
  bucket        = var.target
  target_bucket = "example-logs"
}

resource "aws_s3_bucket_policy" "unknown" {
  bucket = var.target
  policy = "{}"
}
"#,
        ),
    ]);
    let a = s.bucket("module.storage.aws_s3_bucket.a");
    assert_eq!(a.versioning_enabled.meta.provenance, Provenance::Unknown);
    assert!(
        s.head(&a.versioning_enabled.meta)
            .starts_with(r#"resource "aws_s3_bucket_versioning" "unknown""#)
    );
    assert!(a.logging_enabled.is_unknown());
    assert_eq!(a.policies.len(), 1);
    assert!(a.policies[0].is_unknown());
    // b has its own versioning resource: the unknown one does not hide it.
    let b = s.bucket("module.storage.aws_s3_bucket.b");
    assert!(b.versioning_enabled.is_false() && b.versioning_enabled.is_explicit());
    assert!(b.logging_enabled.is_unknown());
    // The root module's bucket is not in that module instance.
    let root = s.bucket("aws_s3_bucket.root");
    assert!(root.versioning_enabled.is_false() && root.versioning_enabled.is_default());
    assert!(root.logging_enabled.is_false());
    assert!(
        s.notices()
            .iter()
            .any(|n| n.contains("bucket-declared-elsewhere") && n.contains("not declared")),
        "{:?}",
        s.notices()
    );
}

#[test]
fn unset_variables_are_unknown_at_the_attribute() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "status" {
  type = string
}

variable "acl" {
  type    = string
  default = "public-read"
}

resource "aws_s3_bucket" "v" {
  bucket = "example-v"
  acl    = var.acl
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.v.id
  versioning_configuration {
    status = var.status
  }
}
"#,
    )]);
    let b = s.bucket("aws_s3_bucket.v");
    assert!(b.versioning_enabled.is_unknown());
    assert_eq!(s.text(&b.versioning_enabled.meta), "status = var.status");
    // A variable's default is what gets deployed: explicit, located at the attribute.
    assert!(b.acl.eq_ignore_case("public-read") && b.acl.is_explicit());
    assert_eq!(s.text(&b.acl.meta), "acl    = var.acl");
}

// ---- EC2 / VPC --------------------------------------------------------------------------

#[test]
fn security_groups_inline_dynamic_and_split_rules() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "extra_ports" {
  type = list(number)
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "ingress" {
    for_each = [22, 3389]
    content {
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "tcp"
      ipv6_cidr_blocks = ["::/0"]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "partial" {
  name = "partial"
  dynamic "ingress" {
    for_each = var.extra_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "pg" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.web.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "orphan" {
  type              = "ingress"
  security_group_id = var.unset_group
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

variable "unset_group" {
  type = string
}

resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id
}
"#,
    )]);
    let web = s.group("aws_security_group.web");
    assert_eq!(web.name.as_str(), Some("web"));
    assert!(!web.is_default && !web.rules_incomplete);
    // 1 inline + 2 dynamic + 1 rule resource + 1 vpc ingress rule.
    assert_eq!(web.ingress.len(), 5);
    assert_eq!(web.egress.len(), 2);
    assert!(web.ingress[0].covers_tcp_port(443) && web.ingress[0].public_cidr().is_some());
    assert!(web.ingress[1].covers_tcp_port(22));
    assert_eq!(
        web.ingress[1].public_cidr().map(|c| c.as_str()),
        Some(Some("::/0"))
    );
    assert!(web.ingress[2].covers_tcp_port(3389));
    assert_eq!(s.head(&web.ingress[1].meta), "content {");
    let ssh = &web.ingress[3];
    assert!(ssh.covers_tcp_port(22));
    assert_eq!(s.text(&ssh.public_cidr().unwrap().meta), r#""0.0.0.0/0""#);
    assert!(
        s.head(&ssh.meta)
            .starts_with(r#"resource "aws_security_group_rule" "ssh""#)
    );
    assert!(web.ingress[4].covers_tcp_port(5432));
    assert!(web.egress[1].is_all_protocols());
    let merged: Vec<&str> = web
        .resource
        .merged
        .iter()
        .map(|(a, _)| a.as_str())
        .collect();
    assert_eq!(
        merged,
        [
            "aws_security_group_rule.ssh",
            "aws_vpc_security_group_ingress_rule.pg",
            "aws_vpc_security_group_egress_rule.all"
        ]
    );

    let partial = s.group("aws_security_group.partial");
    assert!(partial.rules_incomplete);
    assert!(partial.ingress.is_empty());

    // A rule whose group is unknown is still checked, as its own resource.
    let orphan = s.group("aws_security_group_rule.orphan");
    assert_eq!(orphan.ingress.len(), 1);
    assert!(orphan.ingress[0].covers_all_ports());
    assert!(orphan.name.is_unknown());

    let default = s.group("aws_default_security_group.default");
    assert!(default.is_default && default.ingress.is_empty());
    let vpc = &s.state.aws.ec2.vpcs[0];
    assert!(vpc.default_security_group_declared.is_true());
    assert!(vpc.default_security_group_declared.is_explicit());
}

#[test]
fn vpc_flow_logs_and_default_groups() {
    let s = scan(&[
        (
            "main.tf",
            r#"
resource "aws_vpc" "logged" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "logged" {
  vpc_id          = aws_vpc.logged.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::example-flow-logs"
}

resource "aws_vpc" "silent" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.silent.id
  cidr_block              = "10.1.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.silent.id
  cidr_block = "10.1.2.0/24"
}

module "net" {
  source = "./net"
}
"#,
        ),
        (
            "net/main.tf",
            r#"
variable "vpc_id" {
  type = string
}

resource "aws_vpc" "inner" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_flow_log" "somewhere" {
  vpc_id       = var.vpc_id
  traffic_type = "REJECT"
}

resource "aws_default_security_group" "somewhere" {
  vpc_id = var.vpc_id
}
"#,
        ),
    ]);
    let vpc = |a: &str| {
        s.state
            .aws
            .ec2
            .vpcs
            .iter()
            .find(|v| full(&v.resource) == a)
            .unwrap_or_else(|| panic!("no vpc {a}"))
    };
    let logged = vpc("aws_vpc.logged");
    assert!(logged.flow_logs_enabled.is_true() && logged.flow_logs_enabled.is_explicit());
    assert!(
        s.head(&logged.flow_logs_enabled.meta)
            .starts_with(r#"resource "aws_flow_log""#)
    );
    assert!(logged.default_security_group_declared.is_false());
    assert!(logged.default_security_group_declared.is_default());
    let silent = vpc("aws_vpc.silent");
    assert!(silent.flow_logs_enabled.is_false() && silent.flow_logs_enabled.is_default());
    let inner = vpc("module.net.aws_vpc.inner");
    assert!(inner.flow_logs_enabled.is_unknown());
    assert!(inner.default_security_group_declared.is_unknown());

    let subnet = |a: &str| {
        s.state
            .aws
            .ec2
            .subnets
            .iter()
            .find(|v| full(&v.resource) == a)
            .unwrap()
    };
    assert!(
        subnet("aws_subnet.public")
            .map_public_ip_on_launch
            .is_true()
    );
    let private = &subnet("aws_subnet.private").map_public_ip_on_launch;
    assert!(private.is_false() && private.is_default());
}

#[test]
fn network_acls_inline_and_rule_resources() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_network_acl" "main" {
  vpc_id = "vpc-123"

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl_rule" "rdp" {
  network_acl_id  = aws_network_acl.main.id
  rule_number     = 200
  rule_action     = "allow"
  protocol        = "tcp"
  ipv6_cidr_block = "::/0"
  from_port       = 3389
  to_port         = 3389
}
"#,
    )]);
    let acls = &s.state.aws.ec2.network_acls;
    assert_eq!(acls.len(), 1);
    let acl = &acls[0];
    assert_eq!(acl.rules.len(), 3);
    assert!(acl.rules[0].allows_public_ingress_to(22));
    assert!(!acl.rules[1].allows_public_ingress_to(22), "egress");
    let rdp = &acl.rules[2];
    assert!(rdp.egress.is_false() && rdp.egress.is_default());
    assert!(rdp.allows_public_ingress_to(3389));
    assert_eq!(acl.resource.merged[0].0, "aws_network_acl_rule.rdp");
}

#[test]
fn instances_volumes_and_launch_templates() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_launch_template" "app" {
  name = "app"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 20
    }
  }

  block_device_mappings {
    device_name  = "/dev/sdb"
    virtual_name = "ephemeral0"
  }

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.app.id
  }
}

resource "aws_instance" "plain" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}

resource "aws_instance" "explicit" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  root_block_device {
    encrypted = true
  }

  metadata_options {
    http_endpoint = "enabled"
  }
}

resource "aws_instance" "odd" {
  ami               = "ami-12345678"
  root_block_device = "not a block"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "restored" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-1234"
}
"#,
    )]);
    let lt = &s.state.aws.ec2.launch_templates[0];
    assert_eq!(lt.block_devices.len(), 1, "the ephemeral device is not EBS");
    let dev = &lt.block_devices[0];
    assert_eq!(dev.device_name.as_str(), Some("/dev/xvda"));
    assert!(dev.encrypted.is_false() && dev.encrypted.is_default());
    assert_eq!(s.head(&dev.encrypted.meta), "ebs {");
    assert!(lt.http_tokens.eq_ignore_case("required"));

    let inst = |a: &str| {
        s.state
            .aws
            .ec2
            .instances
            .iter()
            .find(|i| full(&i.resource) == a)
            .unwrap_or_else(|| panic!("no instance {a}"))
    };
    let from_template = inst("aws_instance.from_template");
    assert!(from_template.http_tokens.eq_ignore_case("required"));
    assert_eq!(
        s.text(&from_template.http_tokens.meta),
        r#"http_tokens = "required""#
    );
    assert!(
        from_template
            .root_block_device
            .as_ref()
            .unwrap()
            .encrypted
            .is_unknown()
    );
    assert!(from_template.associate_public_ip.is_unknown());

    let plain = inst("aws_instance.plain");
    let root = plain.root_block_device.as_ref().unwrap();
    assert!(root.encrypted.is_false() && root.encrypted.is_default());
    assert!(
        s.head(&root.encrypted.meta)
            .starts_with(r#"resource "aws_instance" "plain""#)
    );
    assert!(plain.ebs_block_devices[0].encrypted.is_true());
    assert!(plain.http_tokens.eq_ignore_case("optional") && plain.http_tokens.is_default());
    assert!(
        plain.associate_public_ip.is_unknown(),
        "depends on the subnet"
    );

    let explicit = inst("aws_instance.explicit");
    assert!(
        explicit
            .root_block_device
            .as_ref()
            .unwrap()
            .encrypted
            .is_true()
    );
    assert!(explicit.associate_public_ip.is_true());
    assert!(explicit.http_tokens.is_default());
    assert_eq!(s.head(&explicit.http_tokens.meta), "metadata_options {");

    let odd = inst("aws_instance.odd");
    assert!(
        odd.root_block_device
            .as_ref()
            .unwrap()
            .encrypted
            .is_unknown()
    );

    let vol = |a: &str| {
        &s.state
            .aws
            .ec2
            .volumes
            .iter()
            .find(|v| full(&v.resource) == a)
            .unwrap()
            .encrypted
    };
    assert!(vol("aws_ebs_volume.data").is_false());
    assert!(vol("aws_ebs_volume.restored").is_unknown());
}

// ---- IAM ----------------------------------------------------------------------------------

#[test]
fn iam_policies_from_heredoc_data_documents_and_objects() {
    let s = scan(&[(
        "main.tf",
        r#"
data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-123"]
    }
  }
}

data "aws_iam_policy_document" "unused" {
  statement {
    effect    = "Allow"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Action": ["iam:*", "s3:GetObject"], "Resource": "*"}
    }
  EOT
}

resource "aws_iam_policy" "object" {
  name = "object"
  policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "ec2:*"
        Resource = "*"
      },
    ]
  }
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json

  inline_policy {
    name   = "inline"
    policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"
  }
}

resource "aws_iam_role_policy" "extra" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_role_policy_attachment" "ro" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#,
    )]);
    let iam = &s.state.aws.iam;
    let names: Vec<String> = iam.policies.iter().map(|p| full(&p.resource)).collect();
    assert_eq!(
        names,
        [
            "aws_iam_policy.admin",
            "aws_iam_policy.heredoc",
            "aws_iam_policy.object",
            "data.aws_iam_policy_document.unused"
        ],
        "documents used by a resource are not listed on their own"
    );
    let admin = iam.policies[0].document.known().expect("data document");
    let st = &admin.statements[0];
    assert!(
        st.is_allow() && st.effect.is_default(),
        "effect defaults to Allow"
    );
    assert!(st.full_wildcard_action().is_some() && st.has_full_wildcard_resource());
    assert_eq!(s.head(&st.meta), "statement {");
    assert_eq!(s.text(&st.actions[0].meta), r#""*""#);

    let heredoc = iam.policies[1].document.known().expect("heredoc");
    assert_eq!(heredoc.statements.len(), 1);
    assert_eq!(heredoc.statements[0].actions.len(), 2);
    assert!(
        s.head(&heredoc.statements[0].meta)
            .starts_with("policy = <<-EOT")
    );

    let object = iam.policies[2].document.known().expect("object");
    let st = &object.statements[0];
    assert_eq!(st.actions[0].as_str(), Some("ec2:*"));
    assert_eq!(s.head(&st.meta), "{");
    assert_eq!(s.text(&st.actions[0].meta), r#""ec2:*""#);

    let role = &iam.roles[0];
    let trust = role.trust_policy.known().expect("trust document");
    let st = &trust.statements[0];
    assert!(st.wildcard_principal().is_some());
    assert!(st.has_narrowing_condition() && !st.allows_anyone());
    assert_eq!(role.inline_policies.len(), 2);
    assert_eq!(role.inline_policies[0].name.as_str(), Some("inline"));
    assert!(
        role.inline_policies[0].document.known().unwrap().statements[0]
            .full_wildcard_action()
            .is_some()
    );
    assert_eq!(
        role.inline_policies[1].resource.address,
        "aws_iam_role_policy.extra"
    );
    assert_eq!(role.attached_policies.len(), 1);
    assert_eq!(
        role.attached_policies[0].policy_arn.as_str(),
        Some("arn:aws:iam::aws:policy/ReadOnlyAccess")
    );

    let unused = iam.policies[3].document.known().unwrap();
    assert_eq!(unused.statements[0].actions[0].as_str(), Some("s3:*"));
}

#[test]
fn iam_users_attachments_and_password_policy() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "someone" {
  type = string
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy_attachment" "alice" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy" "alice_by_name" {
  user   = "alice"
  policy = "{\"Statement\": []}"
}

resource "aws_iam_user_policy_attachment" "someone" {
  user       = var.someone
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  users      = [aws_iam_user.alice.name, "bob"]
  groups     = [aws_iam_group.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}
"#,
    )]);
    let iam = &s.state.aws.iam;
    let alice = iam
        .users
        .iter()
        .find(|u| u.resource.address == "aws_iam_user.alice")
        .unwrap();
    assert_eq!(alice.attached_policies.len(), 2);
    assert_eq!(alice.inline_policies.len(), 1);
    assert_eq!(
        alice.inline_policies[0].resource.address,
        "aws_iam_user_policy.alice_by_name"
    );
    // Attachments to users that are not declared are represented by the attachment.
    let stand_ins: Vec<(&str, Option<&str>)> = iam
        .users
        .iter()
        .filter(|u| u.resource.address != "aws_iam_user.alice")
        .map(|u| (u.resource.address.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(
        stand_ins,
        [
            ("aws_iam_user_policy_attachment.someone", None),
            ("aws_iam_policy_attachment.shared", Some("bob"))
        ]
    );
    assert_eq!(iam.groups[0].attached_policies.len(), 1);
    let pp = &iam.password_policies[0];
    assert_eq!(pp.minimum_length.known(), Some(&14));
    assert!(pp.reuse_prevention.lt(24) && pp.reuse_prevention.is_default());
}

// ---- other services --------------------------------------------------------------------

#[test]
fn service_defaults_and_explicit_values() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_db_instance" "default" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "replica" {
  replicate_source_db = "source-db"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}

resource "aws_rds_cluster" "aurora" {
  engine                  = "aurora-postgresql"
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_rds_cluster_instance" "aurora" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail"
}

resource "aws_kms_key" "k" {
  description = "data"
}

resource "aws_kms_key" "sign" {
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_lb" "app" {
  name = "app"
}

resource "aws_lb" "net" {
  name               = "net"
  load_balancer_type = "network"
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.app.arn
  port              = 80
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.app.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/x"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:x"
  }
}

resource "aws_lb_listener" "nlb" {
  load_balancer_arn = aws_lb.net.arn
  port              = 53
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:x"
  }
}

resource "aws_lambda_permission" "public" {
  action        = "lambda:InvokeFunction"
  function_name = "fn"
  principal     = "*"
}

resource "aws_eks_cluster" "k" {
  name     = "k"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:123456789012:key/x"
    }
  }
}

resource "aws_efs_file_system" "fs" {}

resource "aws_sqs_queue" "default" {}

resource "aws_sqs_queue" "kms" {
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sns_topic" "t" {}

resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_ecr_repository" "r" {
  name = "r"
}
"#,
    )]);
    let aws = &s.state.aws;
    let db = &aws.rds.instances[0];
    assert!(db.storage_encrypted.is_false() && db.storage_encrypted.is_default());
    assert!(db.publicly_accessible.is_false());
    assert_eq!(db.backup_retention_days.known(), Some(&1));
    assert!(db.in_cluster.is_false());
    let replica = &aws.rds.instances[1];
    assert!(replica.storage_encrypted.is_unknown());
    assert!(replica.backup_retention_days.is_unknown());
    assert!(replica.publicly_accessible.is_true());
    let member = &aws.rds.instances[2];
    assert!(member.in_cluster.is_true());
    assert!(member.storage_encrypted.is_unknown());
    let cluster = &aws.rds.clusters[0];
    assert!(cluster.storage_encrypted.is_true());
    assert_eq!(cluster.backup_retention_days.known(), Some(&14));

    let trail = &aws.cloudtrail.trails[0];
    assert!(trail.multi_region.is_false() && trail.multi_region.is_default());
    assert!(trail.log_file_validation.is_false());
    assert!(trail.kms_key_id.is_empty_str());

    let k = &aws.kms.keys[0];
    assert!(k.rotation_enabled.is_false());
    assert!(k.key_spec.eq_ignore_case("SYMMETRIC_DEFAULT") && k.key_spec.is_default());
    assert!(k.customer_managed.is_true());
    assert_eq!(aws.kms.keys[1].key_spec.as_str(), Some("RSA_2048"));
    assert_eq!(aws.kms.keys[1].key_usage.as_str(), Some("SIGN_VERIFY"));

    let l = &aws.elb.listeners;
    assert!(l[0].protocol.eq_ignore_case("HTTP") && l[0].protocol.is_default());
    assert!(l[0].ssl_policy.is_empty_str());
    assert!(
        l[0].default_actions[0]
            .action_type
            .eq_ignore_case("redirect")
    );
    assert_eq!(
        l[0].default_actions[0].redirect_protocol.as_str(),
        Some("#{protocol}")
    );
    assert!(l[1].ssl_policy.eq_ignore_case("ELBSecurityPolicy-2016-08"));
    assert!(l[1].ssl_policy.is_default());
    assert!(l[2].protocol.is_unknown(), "no default protocol on an NLB");
    assert!(l[2].ssl_policy.is_unknown());

    let p = &aws.lambda.permissions[0];
    assert_eq!(p.principal.as_str(), Some("*"));
    assert!(p.source_arn.is_empty_str() && p.source_account.is_empty_str());

    let eks = &aws.eks.clusters[0];
    assert!(eks.endpoint_public_access.is_true() && eks.endpoint_public_access.is_default());
    assert_eq!(
        eks.public_access_cidrs.known(),
        Some(&vec!["0.0.0.0/0".to_string()])
    );
    assert!(eks.secrets_encrypted.is_true());

    assert!(aws.efs.file_systems[0].encrypted.is_false());
    let q = &aws.sqs.queues;
    assert!(q[0].sqs_managed_sse.is_true() && q[0].sqs_managed_sse.is_default());
    assert!(q[1].sqs_managed_sse.is_false());
    assert_eq!(q[1].kms_master_key_id.as_str(), Some("alias/aws/sqs"));
    assert!(aws.sns.topics[0].kms_master_key_id.is_empty_str());
    assert!(aws.dynamodb.tables[0].point_in_time_recovery.is_true());
    let r = &aws.ecr.repositories[0];
    assert!(
        r.image_tag_mutability.eq_ignore_case("MUTABLE") && r.image_tag_mutability.is_default()
    );
    assert!(r.scan_on_push.is_false() && r.scan_on_push.is_default());
}

// ---- secrets --------------------------------------------------------------------------------

#[test]
fn hard_coded_credentials_are_found_and_variables_are_not() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "db_password" {
  type      = string
  sensitive = true
  default   = "from-a-variable"
}

variable "api_token" {
  type      = string
  sensitive = true
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

resource "aws_db_instance" "literal" {
  engine   = "postgres"
  username = "app"
  password = "hunter2-but-longer"
}

resource "aws_db_instance" "variable" {
  engine                      = "postgres"
  password                    = var.db_password
  manage_master_user_password = true
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::123456789012:role/fn"
  environment {
    variables = {
      API_TOKEN     = "tok-5f2b8c1e9d"
      TOKEN_ARN     = "arn:aws:secretsmanager:eu-west-1:1:secret:x"
      DB_PASSWORD   = var.db_password
      PUSH_TOKEN    = var.api_token
      SECRET_PREFIX = "app/"
      LOG_LEVEL     = "debug"
    }
  }
  tags = {
    secret = "yes-this-is-a-label"
  }
}

resource "aws_instance" "boot" {
  ami       = "ami-12345678"
  user_data = <<-EOF
    #!/bin/sh
    export AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE
    echo "${var.db_password}" > /dev/null
  EOF
}

resource "aws_iam_user_login_profile" "p" {
  user                    = "alice"
  password_length         = 20
  password_reset_required = true
}

resource "aws_secretsmanager_secret_version" "placeholder" {
  secret_id     = "arn:aws:secretsmanager:eu-west-1:1:secret:x"
  secret_string = "<set-me>"
}

resource "tls_self_signed_cert" "c" {
  private_key_pem = <<-EOT
    -----BEGIN RSA PRIVATE KEY-----
    MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
    -----END RSA PRIVATE KEY-----
  EOT
}
"#,
    )]);
    let mut found: Vec<(String, String, SecretKind)> = s
        .state
        .secrets
        .iter()
        .map(|x| (full(&x.resource), x.attribute.clone(), x.kind))
        .collect();
    found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(
        found,
        [
            (
                "aws_db_instance.literal".to_string(),
                "password".to_string(),
                SecretKind::PasswordAttribute
            ),
            // The variable's literal default is hard-coded too; reported once, where it is
            // written, though two resources use it.
            (
                "aws_db_instance.variable".to_string(),
                "password".to_string(),
                SecretKind::PasswordAttribute
            ),
            (
                "aws_instance.boot".to_string(),
                "user_data".to_string(),
                SecretKind::AwsAccessKeyId
            ),
            (
                "aws_lambda_function.fn".to_string(),
                "environment.variables.API_TOKEN".to_string(),
                SecretKind::PasswordAttribute
            ),
            (
                "provider.aws".to_string(),
                "access_key".to_string(),
                SecretKind::AwsAccessKeyId
            ),
            (
                "provider.aws".to_string(),
                "secret_key".to_string(),
                SecretKind::AwsSecretAccessKey
            ),
            (
                "tls_self_signed_cert.c".to_string(),
                "private_key_pem".to_string(),
                SecretKind::PrivateKey
            ),
        ]
    );
    let at = |attr: &str| {
        let x = s
            .state
            .secrets
            .iter()
            .find(|x| x.attribute == attr)
            .unwrap();
        s.text(&x.meta)
    };
    assert_eq!(at("password"), r#"password = "hunter2-but-longer""#);
    assert_eq!(at("environment.variables.API_TOKEN"), r#""tok-5f2b8c1e9d""#);
    assert_eq!(at("user_data"), "AKIAI44QH8DHBEXAMPLE");
}

// ---- more join forms --------------------------------------------------------------------

#[test]
fn joins_through_for_each_keys_and_module_outputs() {
    let s = scan(&[
        (
            "main.tf",
            r#"
resource "aws_s3_bucket" "env" {
  for_each = { dev = "eu-west-1", prod = "eu-central-1" }
  bucket   = "example-${each.key}"
}

resource "aws_s3_bucket_versioning" "env" {
  for_each = aws_s3_bucket.env
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

module "store" {
  source = "./store"
}

resource "aws_s3_bucket_public_access_block" "store" {
  bucket                  = module.store.bucket_id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#,
        ),
        (
            "store/main.tf",
            r#"
resource "aws_s3_bucket" "this" {
  bucket = "example-store"
}

output "bucket_id" {
  value = aws_s3_bucket.this.id
}
"#,
        ),
    ]);
    for key in ["dev", "prod"] {
        let b = s.bucket(&format!("aws_s3_bucket.env[\"{key}\"]"));
        assert!(b.versioning_enabled.is_true(), "{key}");
        assert_eq!(
            b.resource.merged[0].0,
            format!("aws_s3_bucket_versioning.env[\"{key}\"]")
        );
    }
    let store = s.bucket("module.store.aws_s3_bucket.this");
    let pab = store
        .public_access_block
        .as_ref()
        .expect("joined through the output");
    assert!(pab.restrict_public_buckets.is_true());
    assert_eq!(store.resource.module_chain[0].name, "store");
}

#[test]
fn terraform_json_syntax_is_adapted_like_hcl() {
    let s = scan(&[(
        "main.tf.json",
        r#"{
  "resource": {
    "aws_s3_bucket": {
      "j": { "bucket": "example-json" }
    },
    "aws_s3_bucket_versioning": {
      "j": {
        "bucket": "${aws_s3_bucket.j.id}",
        "versioning_configuration": { "status": "Enabled" }
      }
    },
    "aws_security_group": {
      "j": {
        "name": "j",
        "ingress": [
          { "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"] }
        ]
      }
    },
    "aws_lambda_function": {
      "j": {
        "function_name": "j",
        "environment": { "variables": { "SECRET_TOKEN": "tok-12345-abcde" } }
      }
    }
  }
}"#,
    )]);
    let b = s.bucket("aws_s3_bucket.j");
    assert!(b.versioning_enabled.is_true());
    let g = s.group("aws_security_group.j");
    assert_eq!(g.ingress.len(), 1);
    assert!(g.ingress[0].covers_tcp_port(22) && g.ingress[0].public_cidr().is_some());
    // The object is both an attribute and a block in JSON: reported once.
    assert_eq!(s.state.secrets.len(), 1, "{:?}", s.state.secrets);
    assert_eq!(
        s.state.secrets[0].attribute,
        "environment.variables.SECRET_TOKEN"
    );
    assert!(
        s.text(&s.state.secrets[0].meta)
            .ends_with(r#""tok-12345-abcde""#)
    );
}

#[test]
fn policy_documents_merge_sources_and_overrides() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "extra_document" {
  type = string
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Write"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}

data "aws_iam_policy_document" "partial" {
  source_policy_documents = [var.extra_document]
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}

resource "aws_iam_policy" "partial" {
  policy = data.aws_iam_policy_document.partial.json
}
"#,
    )]);
    let policies = &s.state.aws.iam.policies;
    let addresses: Vec<String> = policies.iter().map(|p| full(&p.resource)).collect();
    assert_eq!(
        addresses,
        ["aws_iam_policy.merged", "aws_iam_policy.partial"]
    );
    let merged = policies[0].document.known().unwrap();
    let sids: Vec<Option<&str>> = merged.statements.iter().map(|s| s.sid.as_deref()).collect();
    assert_eq!(sids, [Some("Read"), Some("Write"), None]);
    assert!(
        merged.statements[1].is_deny(),
        "the own statement replaces the source's"
    );
    assert!(!merged.statements[2].incomplete);
    assert_eq!(
        merged.statements[2].not_principals[0].value.as_str(),
        Some("arn:aws:iam::123456789012:root")
    );
    assert!(!merged.statements[0].incomplete);
    let partial = policies[1].document.known().unwrap();
    assert_eq!(partial.statements.len(), 1);
    assert!(partial.statements[0].incomplete);
}

#[test]
fn evaluation_notices_and_parse_errors_are_carried_over() {
    let s = scan(&[
        (
            "main.tf",
            r#"
resource "aws_s3_bucket" "ok" {
  bucket = "example-ok"
}

module "missing" {
  source = "./does-not-exist"
}
"#,
        ),
        (
            "broken.tf",
            "resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n",
        ),
    ]);
    assert!(!s.state.parse_errors.is_empty());
    assert!(!s.state.notices.is_empty());
}

#[test]
fn account_level_settings_and_default_vpcs() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "explicit" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}

resource "aws_ecr_registry_scanning_configuration" "all" {
  scan_type = "ENHANCED"
}

resource "aws_ecr_repository" "r" {
  name = "r"
}

resource "aws_default_vpc" "default" {}

resource "aws_default_security_group" "default" {}

resource "aws_iam_role_policy" "elsewhere" {
  role   = "role-from-another-stack"
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"
}
"#,
    )]);
    let aws = &s.state.aws;
    assert!(
        aws.ec2.volumes[0].encrypted.is_unknown(),
        "the account default may encrypt it"
    );
    assert!(aws.ec2.volumes[1].encrypted.is_true());
    assert!(aws.ecr.repositories[0].scan_on_push.is_unknown());
    let vpc = &aws.ec2.vpcs[0];
    assert_eq!(vpc.resource.address, "aws_default_vpc.default");
    assert!(vpc.default_security_group_declared.is_unknown());
    assert!(vpc.flow_logs_enabled.is_false());
    // An inline policy of a role that is not declared is still checked on its own.
    assert_eq!(aws.iam.policies.len(), 1);
    assert_eq!(
        aws.iam.policies[0].resource.address,
        "aws_iam_role_policy.elsewhere"
    );
    assert!(aws.iam.roles.is_empty());
}

#[test]
fn many_split_resources_adapt_in_linear_time() {
    // Each bucket has a joined split resource, and every module instance an unresolved
    // one: neither the joins nor the Unknown marking may be quadratic.
    let mut main = String::from("variable \"unset\" {\n  type = string\n}\n");
    for i in 0..1500 {
        main.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"example-{i}\"\n}}\n\
             resource \"aws_s3_bucket_versioning\" \"b{i}\" {{\n  bucket = aws_s3_bucket.b{i}.id\n  versioning_configuration {{\n    status = \"Enabled\"\n  }}\n}}\n\
             resource \"aws_s3_bucket_policy\" \"u{i}\" {{\n  bucket = var.unset\n  policy = \"{{}}\"\n}}\n"
        ));
    }
    let s = scan(&[("main.tf", &main)]);
    let buckets = &s.state.aws.s3.buckets;
    assert_eq!(buckets.len(), 1500);
    assert!(buckets.iter().all(|b| b.versioning_enabled.is_true()));
    // One Unknown policy per bucket stands for all the unresolved ones.
    assert!(
        buckets
            .iter()
            .all(|b| b.policies.len() == 1 && b.policies[0].is_unknown())
    );
}

#[test]
fn an_unresolved_bucket_in_a_bucketless_module_may_be_the_callers() {
    let s = scan(&[
        (
            "main.tf",
            r#"
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = var.bucket_name
}

module "versioning" {
  source = "./versioning"
  bucket = var.bucket_name
}
"#,
        ),
        (
            "versioning/main.tf",
            r#"
variable "bucket" {
  type = string
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = var.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
"#,
        ),
    ]);
    let b = s.bucket("aws_s3_bucket.data");
    assert!(b.versioning_enabled.is_unknown());
    assert!(b.name.is_unknown());
}

// ---- odd shapes -----------------------------------------------------------------------------

const TYPES: [&str; 56] = [
    "aws_alb",
    "aws_alb_listener",
    "aws_cloudtrail",
    "aws_db_instance",
    "aws_default_network_acl",
    "aws_default_security_group",
    "aws_default_vpc",
    "aws_dynamodb_table",
    "aws_ebs_encryption_by_default",
    "aws_ebs_volume",
    "aws_ecr_registry_scanning_configuration",
    "aws_ecr_repository",
    "aws_efs_file_system",
    "aws_eks_cluster",
    "aws_flow_log",
    "aws_iam_account_password_policy",
    "aws_iam_group",
    "aws_iam_group_policy",
    "aws_iam_group_policy_attachment",
    "aws_iam_group_policy_attachments_exclusive",
    "aws_iam_policy",
    "aws_iam_policy_attachment",
    "aws_iam_policy_document",
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_role_policy_attachments_exclusive",
    "aws_iam_user",
    "aws_iam_user_policy",
    "aws_iam_user_policy_attachment",
    "aws_iam_user_policy_attachments_exclusive",
    "aws_instance",
    "aws_kms_key",
    "aws_lambda_permission",
    "aws_launch_template",
    "aws_lb",
    "aws_lb_listener",
    "aws_network_acl",
    "aws_network_acl_rule",
    "aws_rds_cluster",
    "aws_rds_cluster_instance",
    "aws_s3_bucket",
    "aws_s3_bucket_acl",
    "aws_s3_bucket_logging",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_sns_topic",
    "aws_sqs_queue",
    "aws_subnet",
    "aws_vpc",
    "aws_vpc_security_group_egress_rule",
    "aws_vpc_security_group_ingress_rule",
];

const BLOCKS: [&str; 30] = [
    "access_control_policy",
    "apply_server_side_encryption_by_default",
    "block_device_mappings",
    "condition",
    "default_action",
    "ebs",
    "ebs_block_device",
    "egress",
    "encryption_config",
    "environment",
    "grant",
    "grantee",
    "image_scanning_configuration",
    "ingress",
    "inline_policy",
    "launch_template",
    "logging",
    "metadata_options",
    "not_principals",
    "point_in_time_recovery",
    "principals",
    "provider",
    "redirect",
    "root_block_device",
    "rule",
    "server_side_encryption_configuration",
    "statement",
    "versioning",
    "versioning_configuration",
    "vpc_config",
];

const ATTRS: [&str; 72] = [
    "acl",
    "actions",
    "assume_role_policy",
    "associate_public_ip_address",
    "backup_retention_period",
    "block_public_acls",
    "block_public_policy",
    "bucket",
    "cidr_block",
    "cidr_blocks",
    "cidr_ipv4",
    "cidr_ipv6",
    "cluster_identifier",
    "customer_master_key_spec",
    "device_name",
    "effect",
    "enable_key_rotation",
    "enable_log_file_validation",
    "enabled",
    "encrypted",
    "endpoint_public_access",
    "engine_mode",
    "from_port",
    "group",
    "group_name",
    "groups",
    "http_tokens",
    "id",
    "identifiers",
    "ignore_public_acls",
    "image_tag_mutability",
    "ip_protocol",
    "ipv6_cidr_block",
    "ipv6_cidr_blocks",
    "key_arn",
    "key_spec",
    "key_usage",
    "kms_key_id",
    "kms_master_key_id",
    "load_balancer_arn",
    "load_balancer_type",
    "managed_policy_arns",
    "map_public_ip_on_launch",
    "minimum_password_length",
    "name",
    "network_acl_id",
    "not_actions",
    "password",
    "password_reuse_prevention",
    "permission",
    "permissions",
    "policy",
    "policy_arn",
    "policy_arns",
    "principal",
    "protocol",
    "public_access_cidrs",
    "replicate_source_db",
    "resources",
    "role",
    "role_name",
    "rule_action",
    "security_group_id",
    "snapshot_id",
    "source_policy_documents",
    "ssl_policy",
    "status",
    "test",
    "type",
    "user",
    "user_name",
    "vpc_id",
];

const ODD_VALUES: [&str; 9] = [
    r#"["x", 1, null]"#,
    "{ a = [1], b = { c = true } }",
    "true",
    "-3",
    "null",
    "var.unset",
    r#""*""#,
    r#"[{ a = 1 }, "x", [2]]"#,
    r#""{ not json""#,
];

#[test]
fn odd_shapes_never_panic() {
    let mut main = String::from("variable \"unset\" {}\n");
    for (t, rtype) in TYPES.iter().enumerate() {
        let kind = if *rtype == "aws_iam_policy_document" {
            "data"
        } else {
            "resource"
        };
        for i in 0..ODD_VALUES.len() {
            main.push_str(&format!("{kind} \"{rtype}\" \"a{i}\" {{\n"));
            for (k, a) in ATTRS.iter().enumerate() {
                let v = ODD_VALUES[(k + i + t) % ODD_VALUES.len()];
                main.push_str(&format!("  {a} = {v}\n"));
            }
            main.push_str("}\n");
        }
        for i in 0..2 {
            main.push_str(&format!("{kind} \"{rtype}\" \"b{i}\" {{\n"));
            for b in BLOCKS {
                main.push_str(&format!("  {b} {{\n"));
                for (k, a) in ATTRS.iter().enumerate() {
                    let v = ODD_VALUES[(k + i + t + 1) % ODD_VALUES.len()];
                    main.push_str(&format!("    {a} = {v}\n"));
                }
                main.push_str("  }\n");
            }
            main.push_str("}\n");
        }
    }
    let s = scan(&[("main.tf", &main)]);
    assert!(
        s.state.parse_errors.is_empty(),
        "{:?}",
        s.state.parse_errors
    );
    assert_eq!(
        s.state.aws.s3.buckets.len(),
        ODD_VALUES.len() + 2,
        "every bucket is adapted, however odd"
    );
    // Nothing odd reads as a known public ACL or an open rule.
    assert!(
        s.state
            .aws
            .s3
            .buckets
            .iter()
            .all(|b| !b.acl.is_one_of(&["public-read", "public-read-write"]))
    );
}

#[test]
fn jsonencode_policies_keep_statement_locations_and_their_known_parts() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.site.arn}/*"
      },
    ]
  })
}
"#,
    )]);
    let bucket = s.bucket("aws_s3_bucket.site");
    // The bucket's ARN is computed, so the encoded string is unknown; the structure it was
    // made from is still read, statement by statement.
    let doc = bucket.policies[0].known().expect("a known document");
    let st = &doc.statements[0];
    assert_eq!(st.sid.as_deref(), Some("PublicRead"));
    assert!(
        s.text(&st.meta)
            .starts_with("{\n        Sid       = \"PublicRead\"")
    );
    assert!(st.allows_anyone());
    assert!(st.resources[0].is_unknown());
    assert_eq!(s.text(&st.actions[0].meta), "\"s3:GetObject\"");
}

#[test]
fn metadata_endpoint_of_instances_and_templates() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "endpoint" {}

resource "aws_launch_template" "off" {
  name = "off"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    name = "off"
  }
}

resource "aws_instance" "off" {
  ami = "ami-12345678"
  metadata_options {
    http_endpoint = "disabled"
  }
}

resource "aws_instance" "plain" {
  ami = "ami-12345678"
}

resource "aws_instance" "unset" {
  ami = "ami-12345678"
  metadata_options {
    http_endpoint = var.endpoint
  }
}
"#,
    )]);
    let ec2 = &s.state.aws.ec2;
    assert!(ec2.launch_templates[0].metadata_disabled());
    let inst = |a: &str| {
        ec2.instances
            .iter()
            .find(|i| full(&i.resource) == a)
            .unwrap_or_else(|| panic!("no instance {a}"))
    };
    let from_template = inst("aws_instance.from_template");
    assert!(
        from_template.metadata_disabled(),
        "from its launch template"
    );
    assert_eq!(
        s.text(&from_template.http_endpoint.meta),
        r#"http_endpoint = "disabled""#
    );
    let off = inst("aws_instance.off");
    assert!(off.metadata_disabled() && off.http_tokens.is_default());
    let plain = inst("aws_instance.plain");
    assert!(plain.http_endpoint.eq_ignore_case("enabled") && plain.http_endpoint.is_default());
    assert!(inst("aws_instance.unset").http_endpoint.is_unknown());
}

#[test]
fn launch_configurations_are_launch_descriptions() {
    use cloudsentinel_model::aws::ec2::LaunchKind;
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_launch_configuration" "app" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    no_device   = true
  }

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }
}

resource "aws_launch_configuration" "bare" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
}
"#,
    )]);
    let lcs = &s.state.aws.ec2.launch_templates;
    assert_eq!(lcs.len(), 2);
    let app = lcs
        .iter()
        .find(|l| full(&l.resource) == "aws_launch_configuration.app")
        .unwrap();
    assert_eq!(app.kind, LaunchKind::Configuration);
    assert_eq!(
        app.block_devices.len(),
        2,
        "the suppressed device is no volume"
    );
    let root = &app.block_devices[0];
    assert!(root.encrypted.is_false() && root.encrypted.is_default());
    assert_eq!(s.head(&root.encrypted.meta), "root_block_device {");
    assert_eq!(app.block_devices[1].device_name.as_str(), Some("/dev/sdf"));
    assert!(app.block_devices[1].encrypted.is_true());
    assert!(app.http_tokens.eq_ignore_case("required"));
    assert!(app.http_endpoint.eq_ignore_case("enabled") && !app.http_endpoint.is_default());

    let bare = lcs
        .iter()
        .find(|l| full(&l.resource) == "aws_launch_configuration.bare")
        .unwrap();
    assert!(
        bare.block_devices.is_empty(),
        "the root device comes from the image"
    );
    assert!(bare.http_tokens.eq_ignore_case("optional") && bare.http_tokens.is_default());
    assert!(bare.http_endpoint.eq_ignore_case("enabled") && bare.http_endpoint.is_default());
}
#[test]
fn s3_object_lock_inline_legacy_and_split() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "lock" {
  type = bool
}

resource "aws_s3_bucket" "attr" {
  bucket              = "example-attr"
  object_lock_enabled = true
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "split" {
  bucket = "example-split"
}

resource "aws_s3_bucket_object_lock_configuration" "split" {
  bucket = aws_s3_bucket.split.id
}

resource "aws_s3_bucket" "unset" {
  bucket              = "example-unset"
  object_lock_enabled = var.lock
}

resource "aws_s3_bucket" "bare" {
  bucket = "example-bare"
}
"#,
    )]);
    let attr = s.bucket("aws_s3_bucket.attr");
    assert!(attr.object_lock_enabled.is_true() && attr.object_lock_enabled.is_explicit());
    assert_eq!(
        s.text(&attr.object_lock_enabled.meta),
        "object_lock_enabled = true"
    );
    let legacy = s.bucket("aws_s3_bucket.legacy");
    assert!(legacy.object_lock_enabled.is_true());
    assert_eq!(
        s.text(&legacy.object_lock_enabled.meta),
        r#"object_lock_enabled = "Enabled""#
    );
    assert!(
        s.bucket("aws_s3_bucket.split")
            .object_lock_enabled
            .is_true()
    );
    assert!(
        s.bucket("aws_s3_bucket.unset")
            .object_lock_enabled
            .known()
            .is_none()
    );
    let bare = s.bucket("aws_s3_bucket.bare");
    assert!(bare.object_lock_enabled.is_false() && bare.object_lock_enabled.is_default());
}

#[test]
fn s3_public_access_blocks_without_a_declared_bucket_are_kept_alone() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "shared" {
  default = "example-shared"
}

variable "unset" {
  type = string
}

resource "aws_s3_bucket" "local" {
  bucket = "example-local"
}

resource "aws_s3_bucket_public_access_block" "elsewhere" {
  bucket              = var.shared
  block_public_policy = false
}

resource "aws_s3_bucket_public_access_block" "unknown" {
  bucket            = var.unset
  block_public_acls = true
}
"#,
    )]);
    let blocks = &s.state.aws.s3.unattached_public_access_blocks;
    let names: Vec<String> = blocks.iter().map(|b| full(&b.resource)).collect();
    assert_eq!(
        names,
        [
            "aws_s3_bucket_public_access_block.elsewhere",
            "aws_s3_bucket_public_access_block.unknown"
        ]
    );
    let elsewhere = &blocks[0];
    assert!(
        elsewhere.block_public_policy.is_false() && elsewhere.block_public_policy.is_explicit()
    );
    assert_eq!(
        s.text(&elsewhere.block_public_policy.meta),
        "block_public_policy = false"
    );
    assert!(elsewhere.block_public_acls.is_false() && elsewhere.block_public_acls.is_default());
    assert!(blocks[1].block_public_acls.is_true());
    // The declared bucket could be the one the unknown name stands for: its block is Unknown.
    let local = s.bucket("aws_s3_bucket.local");
    let block = local
        .public_access_block
        .as_ref()
        .expect("an unknown block");
    assert!(block.block_public_acls.known().is_none());
}

#[test]
fn resource_policies_join_their_parent_or_make_every_candidate_unknown() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "queue_url" {}

resource "aws_sqs_queue" "a" {
  name = "a"
}

resource "aws_sqs_queue" "b" {
  name = "b"
}

resource "aws_sqs_queue_policy" "unknown" {
  queue_url = var.queue_url
  policy    = "{\"Statement\": []}"
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:BatchGetImage\"}]}"
}

resource "aws_secretsmanager_secret" "s" {
  name = "s"
}

resource "aws_secretsmanager_secret_rotation" "s" {
  secret_id           = var.queue_url
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:rotate"
}
"#,
    )]);
    // The policy could belong to either queue: both get an Unknown policy.
    for q in &s.state.aws.sqs.queues {
        assert_eq!(q.policies.len(), 1);
        assert!(q.policies[0].is_unknown());
        assert!(q.resource.merged.is_empty());
    }
    // Joined by the repository's literal name.
    let repo = &s.state.aws.ecr.repositories[0];
    assert_eq!(repo.policies.len(), 1);
    assert!(repo.policies[0].known().unwrap().statements[0].allows_anyone());
    assert_eq!(repo.resource.merged[0].0, "aws_ecr_repository_policy.app");
    assert!(repo.encryption_type.is_default() && repo.encryption_type.as_str() == Some("AES256"));
    // A rotation that may name the secret: whether it rotates is Unknown.
    assert!(s.state.aws.secretsmanager.secrets[0].rotation.is_unknown());
}

#[test]
fn ecs_container_definitions_from_jsonencode_heredoc_and_unknowns() {
    let s = scan(&[(
        "main.tf",
        r#"
variable "definitions" {}

resource "aws_ecs_task_definition" "encoded" {
  family = "encoded"
  container_definitions = jsonencode([
    {
      name        = "app"
      Privileged  = true
      user        = "0"
      environment = [
        { name = "DB_PASSWORD", value = "s3cr3t-Value-9" },
        { name = "DB_PASSWORD_ARN", value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" },
        { name = "API_TOKEN", value = "REPLACE_ME" },
        { name = "LOG_LEVEL", value = "debug" },
      ]
    }
  ])
}

resource "aws_ecs_task_definition" "heredoc" {
  family                = "heredoc"
  network_mode          = "host"
  pid_mode              = "host"
  container_definitions = <<EOF
[{"name": "web", "readonlyRootFilesystem": true}]
EOF
}

resource "aws_ecs_task_definition" "unknown" {
  family                = "unknown"
  container_definitions = var.definitions
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}
"#,
    )]);
    let ecs = &s.state.aws.ecs;
    let by = |family: &str| {
        ecs.task_definitions
            .iter()
            .find(|t| t.resource.address.ends_with(family))
            .unwrap()
    };

    // Keys are read without regard to case, as the AWS provider decodes them.
    let encoded = by("encoded");
    let c = &encoded.containers.known().unwrap()[0];
    assert!(c.privileged.is_true() && c.privileged.is_explicit());
    assert_eq!(c.user.known(), Some(&Some("0".to_string())));
    assert!(c.readonly_root_filesystem.is_false() && c.readonly_root_filesystem.is_default());
    let env: Vec<(Option<&str>, Option<bool>)> = c
        .environment
        .known()
        .unwrap()
        .iter()
        .map(|v| (v.name.as_str(), v.plaintext_credential.known().copied()))
        .collect();
    assert_eq!(
        env,
        [
            (Some("DB_PASSWORD"), Some(true)),
            // Names that point at a secret, and placeholders, are no credential.
            (Some("DB_PASSWORD_ARN"), Some(false)),
            (Some("API_TOKEN"), Some(false)),
            (Some("LOG_LEVEL"), Some(false)),
        ]
    );
    assert!(encoded.network_mode.eq_ignore_case("bridge") && encoded.network_mode.is_default());
    assert_eq!(encoded.pid_mode.known(), Some(&None));

    // JSON text: parsed, every value at the attribute.
    let heredoc = by("heredoc");
    let c = &heredoc.containers.known().unwrap()[0];
    assert!(c.readonly_root_filesystem.is_true());
    assert!(c.user.known() == Some(&None) && c.user.is_default());
    assert!(heredoc.network_mode.eq_ignore_case("host"));
    assert_eq!(heredoc.pid_mode.known(), Some(&Some("host".to_string())));

    // A variable without a value: nothing is concluded.
    assert!(by("unknown").containers.is_unknown());

    let cluster = &ecs.clusters[0];
    assert!(cluster.container_insights.eq_ignore_case("disabled"));
    assert!(cluster.container_insights.is_default());
}

#[test]
fn lambda_environment_key_and_url_eks_logging_and_version() {
    let s = scan(&[(
        "main.tf",
        r#"
resource "aws_kms_key" "k" {}

resource "aws_lambda_function" "keyed" {
  function_name = "keyed"
  kms_key_arn   = aws_kms_key.k.arn
  environment {
    variables = { A = "1" }
  }
}

resource "aws_lambda_function" "empty_env" {
  function_name = "empty_env"
  environment {
    variables = {}
  }
}

resource "aws_lambda_function_url" "u" {
  function_name      = "keyed"
  authorization_type = "NONE"
}

resource "aws_cloudfront_distribution" "d" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    lambda_function_association {
      event_type = "origin-request"
      lambda_arn = aws_lambda_function.keyed.qualified_arn
    }
  }
}

resource "aws_lambda_function_event_invoke_config" "keyed" {
  function_name = "keyed"
  destination_config {
    on_failure {
      destination = "arn:aws:sqs:eu-west-1:111122223333:failures"
    }
  }
}

resource "aws_eks_cluster" "c" {
  name                      = "c"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api", "audit"]
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
"#,
    )]);
    let aws = &s.state.aws;
    let f = |name: &str| {
        aws.lambda
            .functions
            .iter()
            .find(|f| f.resource.address.ends_with(name))
            .unwrap()
    };
    // A key computed at apply is a key.
    assert!(f("keyed").kms_key_set.is_true());
    assert!(f("keyed").has_environment_variables.is_true());
    assert!(f("empty_env").has_environment_variables.is_false());
    assert!(f("empty_env").kms_key_set.is_false() && f("empty_env").kms_key_set.is_default());
    assert!(aws.lambda.function_urls[0].auth_type.eq_ignore_case("NONE"));
    // The event invoke configuration joins its function by literal name.
    assert!(f("keyed").on_failure_destination.is_true());
    assert!(f("keyed").dead_letter_queue.is_false());
    assert!(f("empty_env").on_failure_destination.is_false());
    // Associated with a cache behavior: a Lambda@Edge function.
    assert!(f("keyed").edge && !f("empty_env").edge);
    let c = &aws.eks.clusters[0];
    assert_eq!(
        c.log_types.known(),
        Some(&vec!["api".to_string(), "audit".to_string()])
    );
    // No version: the latest when the cluster is created.
    assert!(c.version.known() == Some(&None) && c.version.is_default());
}
