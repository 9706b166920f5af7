use crate::check::{cfn_bad, cfn_good, tf_bad, tf_good};
use crate::declare_check;
use crate::finding::Report;
use cloudsentinel_model::State;

declare_check! {
    /// Flags a managed node group whose remote access names an SSH key but no source
    /// security groups. AWS then opens port 22 of every node to `0.0.0.0/0`
    /// ([RemoteAccessConfig](https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html)),
    /// through a security group it creates and the source does not show.
    ///
    /// Nodes reachable over SSH from the internet are brute-forced and, once entered, give
    /// the node's instance role and every pod's secrets on it. A node group without remote
    /// access, or with source security groups, passes.
    pub static CHECK = {
        id: "aws-eks-node-group-public-ssh",
        title: "EKS node group allows SSH from the internet",
        severity: High,
        risk_score: 7.5,
        provider: Aws,
        service: "eks",
        formats: [Terraform, CloudFormation],
        compliance: {
            CIS_AWS: ["5.2"],
            NIST_800_53: ["AC-17", "SC-7"],
            ISO_27001: ["A.8.20", "A.8.22"],
            SOC2: ["CC6.6"],
        },
        aliases: ["CKV_AWS_100"],
        remediation: "List the security groups allowed to reach the nodes in `remote_access { source_security_group_ids = [...] }` (CloudFormation: `RemoteAccess.SourceSecurityGroups`), or drop remote access and reach nodes through Systems Manager Session Manager.",
        references: ["https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html"],
        examples: [
            tf_bad("An SSH key and no source security groups", r#"
resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key = "ops"
  }
}
"#),
            tf_good("SSH only from a bastion's security group", r#"
resource "aws_security_group" "bastion" {
  name = "bastion"
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = [aws_security_group.bastion.id]
  }
}
"#),
            tf_good("No remote access", r#"
resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}
"#),
            tf_good("Source groups from a variable without a value are not guessed", r#"
variable "ssh_source_groups" {
  type = list(string)
}

resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = var.ssh_source_groups
  }
}
"#),
            cfn_bad("An SSH key and no source security groups", r"
Resources:
  Workers:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: main
      NodeRole: arn:aws:iam::123456789012:role/eks-node
      Subnets: [subnet-0123456789abcdef0]
      RemoteAccess:
        Ec2SshKey: ops
"),
            cfn_good("SSH only from a bastion's security group", r"
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
  Workers:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: main
      NodeRole: arn:aws:iam::123456789012:role/eks-node
      Subnets: [subnet-0123456789abcdef0]
      RemoteAccess:
        Ec2SshKey: ops
        SourceSecurityGroups:
          - !GetAtt Bastion.GroupId
"),
            cfn_good("No remote access", r"
Resources:
  Workers:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: main
      NodeRole: arn:aws:iam::123456789012:role/eks-node
      Subnets: [subnet-0123456789abcdef0]
"),
        ],
        run: run,
    }
}

fn run(state: &State, report: &mut Report) {
    for g in &state.aws.eks.node_groups {
        if g.ssh_key_set.is_true() && g.ssh_source_groups_set.is_false() {
            report.add(
                &g.resource,
                &g.ssh_key_set.meta,
                "Node group accepts SSH with no source security groups, so AWS opens port 22 to 0.0.0.0/0",
            );
        } else if g.ssh_key_set.is_false() || g.ssh_source_groups_set.is_true() {
            report.pass(&g.resource);
        }
    }
}
