use crate::check::{
    cfn_bad, cfn_good, cfn_json_bad, cfn_json_good, dm_bad, dm_good, tf_bad, tf_good,
};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a literal credential in infrastructure code: an AWS access key pair, a private
    /// key block, or a password or secret attribute given as a literal rather than through a
    /// variable, parameter or secret reference.
    ///
    /// Everything committed to a repository is readable by everyone with access to it, its
    /// forks and its history, long after the line is deleted. A literal that reaches the
    /// attribute through a Terraform variable's default, a local or a module argument is
    /// hard-coded too, and is reported where it is written; so is an AWS key or private key
    /// that such a literal puts into `user_data` or an environment map. Values set outside
    /// the code (a variable without a default, a tfvars file, `--var`, `TF_VAR_`, a secret
    /// store) are not flagged.
    pub static CHECK = {
        id: "secret-hardcoded-credential",
        title: "Hard-coded credential",
        severity: Critical,
        risk_score: 9.3,
        provider: General,
        service: "secrets",
        formats: [Terraform, CloudFormation, DeploymentManager],
        compliance: {
            NIST_800_53: ["IA-5(7)", "SC-28"],
            ISO_27001: ["A.5.17", "A.8.4"],
            SOC2: ["CC6.1"],
        },
        aliases: ["CKV_AWS_41", "CKV_SECRET_2", "AVD-AWS-0062"],
        remediation: "Remove the literal and rotate the credential: it must be considered leaked. Pass it through a sensitive variable, AWS Secrets Manager / SSM Parameter Store (a data source or `manage_master_user_password`), or the provider's default credential chain.",
        references: [
            "https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output",
            "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
            "https://cloud.google.com/secret-manager/docs/overview",
        ],
        examples: [
            tf_bad("Access keys in the provider block", r#"
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}
"#),
            tf_bad("A Cloud SQL user's password written in the configuration", r#"
resource "google_sql_user" "app" {
  name     = "app"
  instance = "main"
  password = "correct-horse-battery"
}
"#),
            tf_bad("A database password through a variable's literal default", r#"
variable "db_password" {
  type      = string
  sensitive = true
  default   = "Sup3rS3cret!2024"
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password
  storage_encrypted = true
}
"#),
            tf_bad("An access key in user_data, from a local", r#"
locals {
  bootstrap_key_id = "AKIAIOSFODNN7EXAMPLE"
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=${local.bootstrap_key_id}
    /opt/worker/start
  EOT
}
"#),
            tf_good("A password set in a variable file, outside the configuration", r#"
variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password
  storage_encrypted = true
}

# file: terraform.tfvars
db_password = "Sup3rS3cret!2024"
"#),
            tf_good("A Cloud SQL password from Secret Manager", r#"
data "google_secret_manager_secret_version" "app_password" {
  secret = "app-db-password"
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = "main"
  password = data.google_secret_manager_secret_version.app_password.secret_data
}
"#),
            tf_good("Credentials from the environment", r#"
provider "aws" {
  region = "eu-west-1"
}
"#),
            tf_good("A password from a sensitive variable", r#"
variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password
  storage_encrypted = true
}
"#),
            cfn_bad("A NoEcho parameter with a literal default", r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: "Sup3rS3cret!2024"
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: app
      MasterUserPassword: !Ref DBPassword
"#),
            cfn_good("The password from Secrets Manager", r#"
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      MasterUsername: app
      MasterUserPassword: "{{resolve:secretsmanager:prod/db:SecretString:password}}"
"#),
            cfn_json_bad("A literal master password", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Database": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "mysql",
        "DBInstanceClass": "db.t3.micro",
        "AllocatedStorage": "20",
        "StorageEncrypted": true,
        "MasterUsername": "admin",
        "MasterUserPassword": "Pr0duction-Passw0rd"
      }
    }
  }
}
"#),
            cfn_json_good("A password from a NoEcho parameter without a default", r#"
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "DBPassword": {"Type": "String", "NoEcho": true, "MinLength": 16}
  },
  "Resources": {
    "Database": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "Engine": "mysql",
        "DBInstanceClass": "db.t3.micro",
        "AllocatedStorage": "20",
        "StorageEncrypted": true,
        "MasterUsername": "admin",
        "MasterUserPassword": {"Ref": "DBPassword"}
      }
    }
  }
}
"#),
            dm_bad("A Cloud SQL user's password passed to a template in the config", r"
imports:
- path: database.jinja

resources:
- name: orders
  type: database.jinja
  properties:
    password: correct-horse-battery
# file: database.jinja
resources:
- name: {{ env['name'] }}-app-user
  type: sqladmin.v1beta4.user
  properties:
    instance: {{ env['name'] }}
    name: app
    password: {{ properties['password'] }}
"),
            dm_good("A password generated at deployment is not guessed", r"
imports:
- path: database.jinja

resources:
- name: orders
  type: database.jinja
# file: database.jinja
resources:
- name: {{ env['name'] }}-app-user
  type: sqladmin.v1beta4.user
  properties:
    instance: {{ env['name'] }}
    name: app
    password: {{ env['deployment'] }}-{{ env['current_time'] }}
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for s in &state.secrets {
        report.add(
            &s.resource,
            &s.meta,
            format!("`{}` holds {}", s.attribute, s.kind.describe()),
        );
    }
}
