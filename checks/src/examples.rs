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

#[test]
fn deployment_manager_examples_carry_templates_and_schemas() {
    let ex = crate::check::dm_bad(
        "t",
        "imports:\n- path: vm.jinja\n# file: vm.jinja\nresources: []\n# file: vm.jinja.schema\nproperties: {}\n",
    );
    let names: Vec<String> = ex.files().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["config.yaml", "vm.jinja", "vm.jinja.schema"]);
    assert_eq!(ex.syntax.fence(), "yaml");
}
