//! Unit tests of the example plumbing; the examples themselves run per check in
//! checks/tests/examples.rs.

use crate::check::Example;

#[test]
fn example_files_split_on_markers() {
    let ex = Example {
        format: crate::check::Format::Terraform,
        syntax: crate::check::Syntax::Hcl,
        bad: true,
        title: "t",
        source: "a = 1\n# file: modules/x/main.tf\nb = 2\n",
    };
    let files = ex.files();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0], ("main.tf".to_string(), "a = 1\n".to_string()));
    assert_eq!(files[1].0, "modules/x/main.tf");
}
