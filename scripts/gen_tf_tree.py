#!/usr/bin/env python3
"""Generates a synthetic Terraform tree for benchmarks.

The tree has root modules that call local modules with inputs, variables with defaults and
tfvars, for_each over maps, dynamic blocks, split S3 resources and IAM policy documents, spread
over the requested number of .tf files (about 60 lines each).
"""
import os
import sys

MODULE_MAIN = '''
resource "aws_s3_bucket" "this" {{
  for_each = var.buckets
  bucket   = "${{var.prefix}}-${{each.key}}-{i}"
  tags     = merge(var.tags, {{ Name = each.key }})
}}

resource "aws_s3_bucket_versioning" "this" {{
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  versioning_configuration {{
    status = each.key == "logs" ? "Enabled" : "Suspended"
  }}
}}

resource "aws_s3_bucket_public_access_block" "this" {{
  for_each                = aws_s3_bucket.this
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.strict
}}

resource "aws_security_group" "svc{i}" {{
  name   = "${{var.prefix}}-svc-{i}"
  vpc_id = var.vpc_id
  dynamic "ingress" {{
    for_each = var.ports
    content {{
      protocol    = "tcp"
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ingress.value == 22 ? var.admin_cidrs : ["10.0.0.0/8"]
    }}
  }}
}}
'''

MODULE_VARS = '''
variable "prefix" {{ type = string }}
variable "buckets" {{
  type    = map(string)
  default = {{ data = "d", logs = "l" }}
}}
variable "tags" {{
  type    = map(string)
  default = {{}}
}}
variable "strict" {{
  type    = bool
  default = false
}}
variable "vpc_id" {{ type = string }}
variable "ports" {{
  type    = list(number)
  default = [22, 443]
}}
variable "admin_cidrs" {{
  type    = list(string)
  default = ["10.1.0.0/16"]
}}
output "bucket_arns" {{ value = [for b in aws_s3_bucket.this : b.arn] }}
'''

ROOT_FILE = '''
locals {{
  name_{i} = "app-{i}"
  tags_{i} = {{ Team = "t{i}", Env = var.env }}
}}

module "store_{i}" {{
  source      = "./modules/m{m}"
  prefix      = local.name_{i}
  tags        = local.tags_{i}
  vpc_id      = aws_vpc.main.id
  admin_cidrs = {cidrs}
}}

data "aws_iam_policy_document" "p{i}" {{
  statement {{
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = module.store_{i}.bucket_arns
  }}
  statement {{
    actions   = ["{action}"]
    resources = ["*"]
  }}
}}

resource "aws_iam_policy" "p{i}" {{
  name   = "policy-{i}"
  policy = data.aws_iam_policy_document.p{i}.json
}}

resource "aws_iam_role_policy" "r{i}" {{
  role = "role-{i}"
  policy = jsonencode({{
    Version   = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*" }}]
  }})
}}
'''

ROOT_COMMON = '''
variable "env" {
  type    = string
  default = "prod"
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_flow_log" "main" {
  vpc_id       = aws_vpc.main.id
  traffic_type = "ALL"
}
'''


def main():
    out, total = sys.argv[1], int(sys.argv[2])
    # Split: one root per 50 files, each root with its own module of two files.
    roots = max(1, total // 50)
    written = 0
    for r in range(roots):
        root = os.path.join(out, f"stack{r}")
        os.makedirs(os.path.join(root, "modules", f"m{r}"), exist_ok=True)
        with open(os.path.join(root, "main.tf"), "w") as f:
            f.write(ROOT_COMMON)
        with open(os.path.join(root, "modules", f"m{r}", "main.tf"), "w") as f:
            f.write(MODULE_MAIN.format(i=r))
        with open(os.path.join(root, "modules", f"m{r}", "variables.tf"), "w") as f:
            f.write(MODULE_VARS.format())
        written += 3
        per_root = (total - written) // (roots - r)
        for i in range(per_root):
            n = r * 1000 + i
            cidrs = '["0.0.0.0/0"]' if n % 7 == 0 else '["10.2.0.0/16"]'
            action = "*" if n % 11 == 0 else "logs:PutLogEvents"
            with open(os.path.join(root, f"f{i}.tf"), "w") as f:
                f.write(ROOT_FILE.format(i=n, m=r, cidrs=cidrs, action=action))
            written += 1


if __name__ == "__main__":
    main()
